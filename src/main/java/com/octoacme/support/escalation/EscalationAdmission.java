package com.octoacme.support.escalation;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Service;

/**
 * Admits an escalation request at the start of its process, for every way of starting it (the API,
 * Tasklist's start form, a start through the engine REST API with variables): the one validation, then
 * the one guard of the ticket's uniqueness. Runs in the start's transaction: a refusal starts nothing.
 */
@Service
public class EscalationAdmission {

  private final EscalationRequestValidator validator;
  private final TicketClaims claims;
  private final IdentityService identity;

  public EscalationAdmission(EscalationRequestValidator validator, TicketClaims claims, IdentityService identity) {
    this.validator = validator;
    this.claims = claims;
    this.identity = identity;
  }

  /** The admitted request: the process's variables, typed, and who opened the escalation (null: unknown). */
  public record Admitted(EscalationRequest request, Map<String, Object> variables, String openedBy) {}

  /**
   * @param startVariables every variable the instance was started with: the request's fields and nothing else
   * @throws InvalidFieldException naming the field; {@link TicketClaims.TicketAlreadyEscalated} for a taken ticket
   */
  public Admitted admit(Map<String, Object> startVariables, String businessKey, String processInstanceId) {
    EscalationRequest request = validator.bindAndValidate(startVariables);
    if (businessKey != null && !businessKey.equals(request.ticketId())) {
      throw new InvalidFieldException("businessKey", "businessKey must equal the ticket ID '" + request.ticketId()
          + "', was '" + businessKey + "'", "Business key: must be empty or the support ticket ID " + request.ticketId());
    }
    Authentication caller = identity.getCurrentAuthentication();
    String openedBy = claims.claim(request, processInstanceId, caller == null ? null : caller.getUserId());
    return new Admitted(request, request.variables(validator.zone()), openedBy);
  }
}
