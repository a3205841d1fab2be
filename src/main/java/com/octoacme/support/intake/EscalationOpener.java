package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationVariables;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims the ticket in {@code escalation_intake} and starts its process instance in ONE transaction (the
 * engine joins Spring's): either both are there, or neither is.
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
  public String open(String ticketId, String idempotencyKey, String payloadSha256, Map<String, Object> variables,
      String openedBy) {
    intakes.claim(ticketId, idempotencyKey, payloadSha256, openedBy, EscalationHistory.now());
    String processInstanceId = runtime.createProcessInstanceByKey(EscalationVariables.PROCESS_ID)
        .businessKey(ticketId)
        .setVariables(variables)
        .execute()
        .getId();
    intakes.recordProcessInstance(ticketId, processInstanceId);
    return processInstanceId;
  }
}
