package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.CSAT_SCORE;
import static com.octoacme.support.escalation.EscalationVariables.RESOLUTION_SUMMARY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the closing of an escalation with its CSAT score. */
@Component("closeEscalation")
public class CloseEscalation implements JavaDelegate {

  private final EscalationHistory history;

  public CloseEscalation(EscalationHistory history) {
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.CLOSED,
        CSAT_SCORE.from(execution).map(score -> "CSAT " + score).orElse("CSAT not received") + ": "
            + RESOLUTION_SUMMARY.require(execution), null, null);
  }
}
