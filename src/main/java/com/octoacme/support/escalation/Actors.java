package com.octoacme.support.escalation;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who did something, for the audit trail. */
public final class Actors {

  /** The actor recorded for changes the process makes on its own, such as an SLA breach. */
  public static final String SLA_CLOCK = "sla-clock";

  private Actors() {}

  /** The user completing the task: the authenticated user (Tasklist, REST), else the assignee. */
  public static String completerOf(DelegateTask task) {
    Authentication authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "unknown";
  }
}
