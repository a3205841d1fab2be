package com.octoacme.support.escalation;

/**
 * The one guard of a ticket's uniqueness, for every start of an escalation (the API's and Tasklist's):
 * the intake record of the ticket, written in the start's transaction. Implemented by the intake
 * capability (its table {@code escalation_intake}).
 */
public interface TicketClaims {

  /**
   * Claims the ticket for this process instance: adopts the intake record the caller wrote in this
   * transaction (the API, with its Idempotency-Key), or writes one.
   *
   * @param startedBy the user the engine knows as the one who starts the instance (Tasklist), or null
   * @return who opened the escalation (the API's caller, or {@code startedBy})
   * @throws TicketAlreadyEscalated when the ticket has (or had) an escalation, also one started concurrently
   */
  String claim(EscalationRequest request, String processInstanceId, String startedBy);

  /** The ticket has, or had, an escalation: a second one is refused, naming the ticket ID. */
  class TicketAlreadyEscalated extends InvalidFieldException {
    public TicketAlreadyEscalated(String message, String forPeople) {
      super(EscalationVariables.TICKET_ID.name(), message, forPeople);
    }
  }
}
