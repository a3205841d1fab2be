package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.CSAT_SCORE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Feedback the customer gave through the ticketing system while the after-resolution checklist is open. */
public final class RecordCustomerFeedback {

  private RecordCustomerFeedback() {}

  /** Ticks "Verified fix with customer", so the checklist shows it done. */
  @Component("recordFixVerified")
  public static class RecordFixVerified implements JavaDelegate {

    private final EscalationHistory history;

    public RecordFixVerified(EscalationHistory history) {
      this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
      AfterResolutionCheck.FIX_VERIFIED.done.set(execution, true);
      history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.FIX_VERIFIED,
          "The customer confirmed the fix", "customer", null);
    }
  }

  /** The CSAT score came with the message; the checklist's CSAT field shows it. */
  @Component("recordCsat")
  public static class RecordCsat implements JavaDelegate {

    private final EscalationHistory history;

    public RecordCsat(EscalationHistory history) {
      this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
      AfterResolutionCheck.FEEDBACK_GATHERED.done.set(execution, true);
      history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.CSAT_RECEIVED,
          "CSAT " + CSAT_SCORE.require(execution), "customer", null);
    }
  }
}
