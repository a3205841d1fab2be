package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.CSAT_SCORE;
import static com.octoacme.support.escalation.EscalationVariables.RESOLUTION_SUMMARY;
import static com.octoacme.support.escalation.EscalationVariables.ROOT_CAUSE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The "After Resolution" items must all be done, with root cause, summary and a CSAT score of 1-5. */
@Component("validateAfterResolutionChecklist")
public class ValidateAfterResolutionChecklist implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    for (AfterResolutionCheck check : AfterResolutionCheck.values()) {
      if (!check.done.from(task).orElse(false)) {
        throw new InvalidFieldException(check.done.name(), check.done.name() + " must be ticked: '" + check.label() + "'");
      }
    }
    requireText(task, ROOT_CAUSE);
    requireText(task, RESOLUTION_SUMMARY);
    Object raw = task.getVariable(CSAT_SCORE.name());
    if (!(raw instanceof Number score) || score.doubleValue() != Math.rint(score.doubleValue())
        || score.longValue() < 1 || score.longValue() > 5) {
      throw new InvalidFieldException(CSAT_SCORE.name(), CSAT_SCORE.name() + " must be a whole number from 1 to 5");
    }
    // Forms submit small numbers as Integer; the catalogue keeps the score as Long.
    CSAT_SCORE.set(task, score.longValue());
  }

  private static void requireText(DelegateTask task, ProcessVariable<String> variable) {
    if (variable.from(task).filter(s -> !s.isBlank()).isEmpty()) {
      throw new InvalidFieldException(variable.name(), variable.name() + " is required");
    }
  }
}
