package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationModel;
import java.util.Arrays;
import java.util.Optional;

/** The customer events the ticketing system reports, each correlated as a BPMN message by ticket ID. */
enum CustomerEvent {
  CUSTOMER_REPLIED(EscalationModel.MESSAGE_CUSTOMER_REPLIED, "customer-replied", "customerReplied", "a customer reply"),
  FIX_VERIFIED(EscalationModel.MESSAGE_FIX_VERIFIED, "fix-verified", "fixVerified", "the customer to verify the fix"),
  CSAT_RECEIVED(EscalationModel.MESSAGE_CSAT_RECEIVED, "csat-received", "csatReceived", "a CSAT score"),
  REOPENED(EscalationModel.MESSAGE_ESCALATION_REOPENED, "reopened", "reopened", "a reopening (only a resolved escalation "
      + "that is not yet closed can be reopened)");

  final String message;
  final String path;
  final String linkName;
  private final String awaited;

  CustomerEvent(String message, String path, String linkName, String awaited) {
    this.message = message;
    this.path = path;
    this.linkName = linkName;
    this.awaited = awaited;
  }

  static Optional<CustomerEvent> ofMessage(String message) {
    return Arrays.stream(values()).filter(e -> e.message.equals(message)).findFirst();
  }

  String href(String ticketId) {
    return EscalationIntakeController.BASE_PATH + "/" + ticketId + "/events/" + path;
  }

  String notAwaited(String ticketId, EscalationStatus status) {
    return ticketId + " is not waiting for " + awaited + "; it is " + status;
  }
}
