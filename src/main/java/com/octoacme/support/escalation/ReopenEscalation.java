package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The customer reopened the escalation before it was closed: counts the re-escalation, records it
 * as a level event at the same level, and clears the resolution so the level handles it afresh.
 */
@Component("reopenEscalation")
public class ReopenEscalation implements JavaDelegate {

  private final EscalationHistory history;

  public ReopenEscalation(EscalationHistory history) {
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String level = EscalationHandlers.currentLevel(execution);
    REESCALATION_COUNT.set(execution, REESCALATION_COUNT.from(execution).orElse(0L) + 1);
    String reason = REOPEN_REASON.from(execution).orElse("The customer reopened the ticket");
    history.recordLevelChange(execution, level, level, LevelChange.Kind.REOPENED, reason, "customer");
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.REOPENED, reason, "customer", null);
    LEVEL_OUTCOME.set(execution, null);
    LEVEL_CHANGE_REASON.set(execution, null);
    for (AfterResolutionCheck check : AfterResolutionCheck.values()) {
      check.done.set(execution, null);
    }
  }
}
