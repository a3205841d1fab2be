package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.CSAT_SCORE;
import static com.octoacme.support.escalation.EscalationVariables.RESOLUTION_SUMMARY;
import static com.octoacme.support.escalation.EscalationVariables.ROOT_CAUSE;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The "After Resolution" items: each done or waived with a reason; root cause and summary; a CSAT score of
 * 1-5 if the customer gave one. Without one the score is pending: the process waits for it after the
 * checklist (it often arrives days later). It refuses to close while a {@link CloseCondition} is unmet (a mail
 * of the escalation that failed), naming it, on the item "Closed support ticket with summary".
 */
@Component("validateAfterResolutionChecklist")
public class ValidateAfterResolutionChecklist implements TaskListener {

  private final List<CloseCondition> closeConditions;

  public ValidateAfterResolutionChecklist(List<CloseCondition> closeConditions) {
    this.closeConditions = List.copyOf(closeConditions);
  }

  @Override
  public void notify(DelegateTask task) {
    for (AfterResolutionCheck check : AfterResolutionCheck.values()) {
      boolean done = check.done.from(task).orElse(false);
      boolean waived = check.waiver.from(task).filter(s -> !s.isBlank()).isPresent();
      if (!done && !waived) {
        throw new InvalidFieldException(check.waiver.name(),
            check.waiver.name() + " is required: '" + check.label() + "' is neither done nor waived");
      }
    }
    requireText(task, ROOT_CAUSE);
    requireText(task, RESOLUTION_SUMMARY);
    String ticketId = TICKET_ID.require(task);
    for (CloseCondition condition : closeConditions) {
      condition.unmetFor(ticketId).ifPresent(reason -> {
        throw new InvalidFieldException(AfterResolutionCheck.TICKET_CLOSED.done.name(), reason);
      });
    }
    Object raw = task.getVariable(CSAT_SCORE.name());
    if (raw == null || (raw instanceof String text && text.isBlank())) {
      CSAT_SCORE.set(task, null); // pending: the process waits for the customer's score
      return;
    }
    if (!(raw instanceof Number score) || score.doubleValue() != Math.rint(score.doubleValue())
        || score.longValue() < 1 || score.longValue() > 5) {
      throw new InvalidFieldException(CSAT_SCORE.name(), CSAT_SCORE.name() + " must be a whole number from 1 to 5, or empty while the customer's score is pending");
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
