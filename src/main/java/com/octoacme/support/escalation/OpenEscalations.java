package com.octoacme.support.escalation;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/** Which tickets have an escalation running now (business key = ticket ID). */
@Service
public class OpenEscalations {

  private final RuntimeService runtime;

  public OpenEscalations(RuntimeService runtime) {
    this.runtime = runtime;
  }

  public boolean isOpen(String ticketId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(EscalationVariables.PROCESS_ID)
        .processInstanceBusinessKey(ticketId).count() > 0;
  }
}
