package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.PRE_ESCALATION_CHECKLIST_COMPLETE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every escalation, inside the start transaction: the request is admitted (validated,
 * its ticket claimed) or refused, and then no instance is started. Makes the ticket ID the business key,
 * so Cockpit and message correlation find the ticket.
 */
@Component("validateEscalationRequest")
public class ValidateEscalationRequest implements JavaDelegate {

  private final EscalationAdmission admission;
  private final EscalationHistory history;

  public ValidateEscalationRequest(EscalationAdmission admission, EscalationHistory history) {
    this.admission = admission;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EscalationAdmission.Admitted admitted = admission.admit(execution.getVariables(),
        execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    execution.setVariables(admitted.variables());
    execution.setProcessBusinessKey(admitted.request().ticketId());
    if (admitted.openedBy() != null) {
      EscalationVariables.OPENED_BY.set(execution, admitted.openedBy());
    }
    PRE_ESCALATION_CHECKLIST_COMPLETE.set(execution, false);
    EscalationVariables.TRACKED_AT.set(execution, java.util.Date.from(EscalationHistory.now()));
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.OPENED, null,
        admitted.openedBy(), null);
  }
}
