package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.PRE_ESCALATION_CHECKLIST_COMPLETE;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every escalation, inside the start transaction: bad input throws and no instance is
 * started. Makes the ticket ID the business key, so Cockpit and message correlation find the ticket.
 */
@Component("validateEscalationRequest")
public class ValidateEscalationRequest implements JavaDelegate {

  private final EscalationRequestValidator validator;
  private final EscalationHistory history;
  private final OpenEscalations openEscalations;

  public ValidateEscalationRequest(EscalationRequestValidator validator, EscalationHistory history,
      OpenEscalations openEscalations) {
    this.validator = validator;
    this.history = history;
    this.openEscalations = openEscalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> typed = validator.validate(execution.getVariables());
    String ticketId = (String) typed.get(TICKET_ID.name());
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.equals(ticketId)) {
      throw new InvalidFieldException("businessKey", "businessKey must equal the ticket ID '" + ticketId + "', was '" + businessKey + "'");
    }
    if (openEscalations.isOpen(ticketId)) {
      throw new InvalidFieldException(TICKET_ID.name(), TICKET_ID.name() + " " + ticketId + " already has an open escalation");
    }
    execution.setVariables(typed);
    execution.setProcessBusinessKey(ticketId);
    PRE_ESCALATION_CHECKLIST_COMPLETE.set(execution, false);
    EscalationVariables.TRACKED_AT.set(execution, java.util.Date.from(EscalationHistory.now()));
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.OPENED, null,
        EscalationVariables.OPENED_BY.from(execution).orElse(null), null);
  }
}
