package com.octoacme.support.notification;

import com.octoacme.support.escalation.EscalationVariables;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A notification whose attempts are used up is an incident where operators look: on the escalation
 * itself (Cockpit, business key = ticket ID), of type {@value #TYPE}, configuration = the notification
 * key, message naming the mail's kind, key and ticket. (Its delivery instance has the engine's own
 * {@code failedExternalTask} incident with the stack trace; retrying that one in Cockpit sends the mail.)
 * The escalation's incident is resolved when the mail goes out.
 */
@Component
public class DeliveryIncidents {

  /** The incident type on the escalation instance. */
  public static final String TYPE = "notificationDeliveryFailed";

  private static final Logger log = LoggerFactory.getLogger(DeliveryIncidents.class);

  private final RuntimeService runtime;
  private final CommandExecutor commands;

  public DeliveryIncidents(RuntimeService runtime, ProcessEngineConfigurationImpl engineConfiguration) {
    this.runtime = runtime;
    this.commands = engineConfiguration.getCommandExecutorTxRequired();
  }

  /** Raises the incident on the ticket's running escalation, once per notification key. */
  public void raise(String ticketId, String key, String message) {
    if (ticketId == null) {
      return;
    }
    if (runtime.createIncidentQuery().incidentType(TYPE).configuration(key).count() > 0) {
      return;
    }
    List<ProcessInstance> escalations = runtime.createProcessInstanceQuery()
        .processDefinitionKey(EscalationVariables.PROCESS_ID).processInstanceBusinessKey(ticketId).list();
    if (escalations.isEmpty()) {
      log.warn("{} has no running escalation: the incident of {} is on its delivery instance only", ticketId, key);
      return;
    }
    String processInstanceId = escalations.get(0).getId();
    Boolean raised = commands.execute(context -> raiseAtOutermostActivity(context, processInstanceId, key, message));
    if (!Boolean.TRUE.equals(raised)) {
      log.warn("Escalation {} is at no activity now: the incident of {} is on its delivery instance only", ticketId, key);
    }
  }

  /**
   * An incident needs an execution at an activity: the one nearest the process instance (the level's
   * subprocess or the task it waits at), which lives longest. While the instance waits inside a subprocess
   * its own execution is at none. (If that execution ends before the mail goes out, the engine closes the
   * incident; the delivery instance keeps its own until the mail is sent.)
   */
  private static Boolean raiseAtOutermostActivity(CommandContext context, String processInstanceId, String key,
      String message) {
    ExecutionEntity best = null;
    int bestDepth = Integer.MAX_VALUE;
    for (ExecutionEntity execution : context.getExecutionManager().findExecutionsByProcessInstanceId(processInstanceId)) {
      if (execution.getActivity() == null) {
        continue;
      }
      int depth = 0;
      for (ExecutionEntity parent = execution.getParent(); parent != null; parent = parent.getParent()) {
        depth++;
      }
      if (depth < bestDepth) {
        best = execution;
        bestDepth = depth;
      }
    }
    if (best == null) {
      return false;
    }
    best.createIncident(TYPE, key, message);
    return true;
  }

  /** Resolves the notification's incident on the escalation, if there is one. */
  public void resolve(String key) {
    for (Incident incident : runtime.createIncidentQuery().incidentType(TYPE).configuration(key).list()) {
      runtime.resolveIncident(incident.getId());
    }
  }
}
