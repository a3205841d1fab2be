package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationRequest;
import com.octoacme.support.escalation.EscalationVariables;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims the ticket in {@code escalation_intake} and starts its process instance in ONE transaction (the
 * engine joins Spring's): either both are there, or neither is. The instance's first step adopts the claim
 * (IntakeRecords as TicketClaims) and takes the opener from it.
 */
@Component
class EscalationOpener {

  private final IntakeRecords intakes;
  private final RuntimeService runtime;

  EscalationOpener(IntakeRecords intakes, RuntimeService runtime) {
    this.intakes = intakes;
    this.runtime = runtime;
  }

  /**
   * @return the new process instance's ID
   * @throws org.springframework.dao.DuplicateKeyException when the ticket or the key was claimed meanwhile
   */
  @Transactional
  public String open(EscalationRequest request, String idempotencyKey, String openedBy) {
    intakes.claimForApi(request, idempotencyKey, openedBy);
    return runtime.createProcessInstanceByKey(EscalationVariables.PROCESS_ID)
        .businessKey(request.ticketId())
        .setVariables(request.fields())
        .execute()
        .getId();
  }
}
