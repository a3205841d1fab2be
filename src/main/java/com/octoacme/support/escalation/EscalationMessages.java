package com.octoacme.support.escalation;

/** The names of the BPMN messages the escalation process waits for, correlated by ticket ID (the business key). */
public final class EscalationMessages {

  private EscalationMessages() {}

  /** The customer answered while the escalation waited for them: the resolution clock resumes. */
  public static final String CUSTOMER_REPLIED = "CustomerReplied";
  /** The customer confirmed the fix (after resolution). */
  public static final String FIX_VERIFIED = "FixVerified";
  /** The customer's CSAT score arrived (after resolution); carries {@link EscalationVariables#CSAT_SCORE}. */
  public static final String CSAT_RECEIVED = "CsatReceived";
  /** The customer reopened the ticket before it was closed: a re-escalation. */
  public static final String ESCALATION_REOPENED = "EscalationReopened";
}
