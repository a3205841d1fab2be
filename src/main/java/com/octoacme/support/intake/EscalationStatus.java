package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationModel;
import io.swagger.v3.oas.annotations.media.Schema;

/** Where an escalation stands, as the ticketing system sees it. */
@Schema(description = "OPEN: being reviewed or handled; WAITING_FOR_CUSTOMER: waits at 'Wait for customer reply'; "
    + "RESOLVED: resolved, the after-resolution checklist is open; CLOSED: ended.")
public enum EscalationStatus {
  OPEN,
  WAITING_FOR_CUSTOMER,
  RESOLVED,
  CLOSED;

  /** The BPMN element an escalation waiting for the customer's reply is at. */
  static final String WAIT_FOR_CUSTOMER_REPLY = EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY;
  /** The BPMN element a resolved escalation is at until it is closed. */
  static final String AFTER_RESOLUTION_CHECKLIST = EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST;

  static EscalationStatus ofRunning(java.util.Collection<String> activeActivityIds) {
    if (activeActivityIds.contains(WAIT_FOR_CUSTOMER_REPLY)) {
      return WAITING_FOR_CUSTOMER;
    }
    if (activeActivityIds.contains(AFTER_RESOLUTION_CHECKLIST)) {
      return RESOLVED;
    }
    return OPEN;
  }
}
