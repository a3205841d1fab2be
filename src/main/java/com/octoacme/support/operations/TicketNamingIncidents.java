package com.octoacme.support.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Every failed-job incident names its ticket: an operator reading Cockpit's incident list (or an alert
 * built on it) sees "TICKET-48213: ..." without opening the instance (unless the message names it already).
 * The business key is the ticket ID.
 */
@Component
public class TicketNamingIncidents extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomIncidentHandlers(new java.util.ArrayList<>(
        configuration.getCustomIncidentHandlers() == null ? java.util.List.of() : configuration.getCustomIncidentHandlers()));
    configuration.getCustomIncidentHandlers().add(new Handler(Incident.FAILED_JOB_HANDLER_TYPE));
    configuration.getCustomIncidentHandlers().add(new Handler(Incident.EXTERNAL_TASK_HANDLER_TYPE));
  }

  static final class Handler extends DefaultIncidentHandler {

    Handler(String type) {
      super(type);
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      return super.handleIncident(context, withTicket(context.getExecutionId(), message));
    }

    private static String withTicket(String executionId, String message) {
      if (executionId == null || Context.getCommandContext() == null) {
        return message;
      }
      ExecutionEntity execution = Context.getCommandContext().getExecutionManager().findExecutionById(executionId);
      String ticket = execution == null ? null : execution.getProcessBusinessKey();
      if (ticket == null || (message != null && message.contains(ticket))) {
        return message;
      }
      return ticket + ": " + message;
    }
  }
}
