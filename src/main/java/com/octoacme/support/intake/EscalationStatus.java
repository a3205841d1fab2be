package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationModel;
import io.swagger.v3.oas.annotations.media.Schema;

/** Where an escalation stands, as the ticketing system sees it. */
@Schema(description = "OPEN: being reviewed or handled; WAITING_FOR_CUSTOMER: waits at 'Wait for customer reply'; "
    + "RESOLVED: resolved, the after-resolution checklist is open or the customer's CSAT score is awaited; CLOSED: ended.")
public enum EscalationStatus {
  OPEN,
  WAITING_FOR_CUSTOMER,
  RESOLVED,
  CLOSED;

  /** The BPMN element an escalation waiting for the customer's reply is at. */
  static final String WAIT_FOR_CUSTOMER_REPLY = EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY;
  /** The BPMN elements a resolved escalation is at until it is closed: the checklist, then the wait for the CSAT score. */
  static final java.util.Set<String> RESOLVED_AT = java.util.Set.of(EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST,
      EscalationModel.GATEWAY_WAIT_FOR_CSAT, EscalationModel.EVENT_LATE_CSAT_RECEIVED, EscalationModel.TIMER_CSAT_WAIT_OVER);

  public static EscalationStatus ofRunning(java.util.Collection<String> activeActivityIds) {
    if (activeActivityIds.contains(WAIT_FOR_CUSTOMER_REPLY)) {
      return WAITING_FOR_CUSTOMER;
    }
    if (activeActivityIds.stream().anyMatch(RESOLVED_AT::contains)) {
      return RESOLVED;
    }
    return OPEN;
  }
}
