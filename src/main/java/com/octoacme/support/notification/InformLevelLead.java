package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.LEVEL_CHANGE_REASON;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Informs the lead group of the level whose SLA was breached. Runs after an async continuation with
 * a retry cycle (see the model), so a failure here becomes retries and then an incident.
 */
@Component("informLevelLead")
public class InformLevelLead implements JavaDelegate {

  private final EscalationHandlers handlers;
  private final EscalationHistory history;

  public InformLevelLead(EscalationHandlers handlers, EscalationHistory history) {
    this.handlers = handlers;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String leadGroup = handlers.leadGroupOf(execution);
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.LEAD_INFORMED,
        "Informed " + leadGroup + ": " + LEVEL_CHANGE_REASON.from(execution).orElse(""), null, null);
  }
}
