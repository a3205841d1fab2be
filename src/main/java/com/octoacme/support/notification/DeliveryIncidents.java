package com.octoacme.support.notification;

import com.octoacme.support.escalation.EscalationVariables;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
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

  public DeliveryIncidents(RuntimeService runtime) {
    this.runtime = runtime;
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
    try {
      runtime.createIncident(TYPE, executionOf(escalations.get(0).getId()), key, message);
    } catch (ProcessEngineException e) {
      // e.g. the escalation moved on at this moment; the delivery instance keeps its own incident
      log.warn("Could not raise the incident of {} on escalation {}: {}", key, ticketId, e.getMessage());
    }
  }

  /** Resolves the notification's incident on the escalation, if there is one. */
  public void resolve(String key) {
    for (Incident incident : runtime.createIncidentQuery().incidentType(TYPE).configuration(key).list()) {
      runtime.resolveIncident(incident.getId());
    }
  }

  /**
   * An incident needs an execution at an activity: the escalation's outermost running activity (the
   * level's subprocess), which lives longest; the process instance's own execution has none while it
   * waits inside a subprocess.
   */
  private String executionOf(String processInstanceId) {
    ActivityInstance root = runtime.getActivityInstance(processInstanceId);
    if (root != null) {
      for (ActivityInstance child : root.getChildActivityInstances()) {
        if (child.getExecutionIds().length > 0) {
          return child.getExecutionIds()[0];
        }
      }
    }
    return processInstanceId;
  }
}
