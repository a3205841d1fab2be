package com.octoacme.support.operations;

import com.octoacme.support.escalation.EscalationVariables;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Incidents of our own types on an escalation's instance, where operators look (Cockpit, business key =
 * ticket ID): one per type and configuration. Callers serialise raising (a lock of their own) so that
 * several nodes raise an incident once.
 */
@Component
public class EscalationIncidents {

  private final RuntimeService runtime;
  private final CommandExecutor commands;

  public EscalationIncidents(RuntimeService runtime, ProcessEngineConfigurationImpl engineConfiguration) {
    this.runtime = runtime;
    this.commands = engineConfiguration.getCommandExecutorTxRequired();
  }

  /** The ticket's running escalation instance, if there is one. */
  public Optional<ProcessInstance> escalationOf(String ticketId) {
    List<ProcessInstance> escalations = runtime.createProcessInstanceQuery()
        .processDefinitionKey(EscalationVariables.PROCESS_ID).processInstanceBusinessKey(ticketId).list();
    return escalations.stream().findFirst();
  }

  /** The open incident of this type and configuration, if any. */
  public Optional<Incident> open(String type, String configuration) {
    return runtime.createIncidentQuery().incidentType(type).configuration(configuration).list().stream().findFirst();
  }

  /** Every open incident of this type. */
  public List<Incident> open(String type) {
    return runtime.createIncidentQuery().incidentType(type).list();
  }

  /**
   * Raises the incident on the escalation instance unless one of this type and configuration is open.
   *
   * @return the incident (new or open already), or empty when the instance waits at no activity
   */
  public Optional<Incident> raise(String processInstanceId, String type, String configuration, String message) {
    Optional<Incident> open = open(type, configuration);
    if (open.isPresent()) {
      return open;
    }
    return Optional.ofNullable(commands.execute(context -> atOutermostActivity(context, processInstanceId, type,
        configuration, message)));
  }

  /** Shown beside the incident in Cockpit; changes as the cause does (the message cannot). */
  public void annotate(Incident incident, String annotation) {
    runtime.setAnnotationForIncidentById(incident.getId(), annotation);
  }

  /** Resolves the open incidents of this type and configuration. */
  public void resolve(String type, String configuration) {
    for (Incident incident : runtime.createIncidentQuery().incidentType(type).configuration(configuration).list()) {
      runtime.resolveIncident(incident.getId());
    }
  }

  /**
   * An incident needs an execution at an activity: the one nearest the process instance (the level's
   * subprocess or the task it waits at), which lives longest. While the instance waits inside a subprocess
   * its own execution is at none. If that execution ends, the engine closes the incident; whoever raised
   * it raises it again where the escalation is then.
   */
  private static Incident atOutermostActivity(CommandContext context, String processInstanceId, String type,
      String configuration, String message) {
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
    return best == null ? null : best.createIncident(type, configuration, message);
  }
}
