package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing "Resolve escalation": checks the handler's decision (a valid outcome, a reason for
 * every level change, an action plan where the level policy asks for one) and records who took it and, for a resolution, when.
 */
@Component("acceptLevelOutcome")
public class AcceptLevelOutcome implements TaskListener {

  private final EscalationHistory history;

  public AcceptLevelOutcome(EscalationHistory history) {
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    String code = LEVEL_OUTCOME.from(task).orElse(null);
    LevelOutcome outcome = LevelOutcome.parse(code).filter(LevelOutcome.CHOSEN_BY_HANDLER::contains)
        .orElseThrow(() -> new InvalidFieldException(LEVEL_OUTCOME.name(), LEVEL_OUTCOME.name() + " is required: one of RESOLVED, ESCALATE, HAND_BACK"));
    String level = EscalationHandlers.currentLevel(task);
    boolean hasReason = LEVEL_CHANGE_REASON.from(task).filter(s -> !s.isBlank()).isPresent();
    switch (outcome) {
      case ESCALATE -> {
        if (NEXT_LEVEL_ON_ESCALATION.from(task).filter(s -> !s.isBlank()).isEmpty()) {
          throw new InvalidFieldException(LEVEL_OUTCOME.name(), "levelOutcome cannot be ESCALATE at " + level + ", the highest level");
        }
        if (!hasReason) {
          throw new InvalidFieldException(LEVEL_CHANGE_REASON.name(), LEVEL_CHANGE_REASON.name() + " is required to escalate");
        }
      }
      case HAND_BACK -> {
        if (LEVEL_BELOW.from(task).filter(s -> !s.isBlank()).isEmpty()) {
          throw new InvalidFieldException(LEVEL_OUTCOME.name(), "levelOutcome cannot be HAND_BACK at " + level + ", the lowest level");
        }
        if (!hasReason) {
          throw new InvalidFieldException(LEVEL_CHANGE_REASON.name(), LEVEL_CHANGE_REASON.name() + " is required to hand back");
        }
      }
      case WAITING_FOR_CUSTOMER -> {
        if (!hasReason) {
          throw new InvalidFieldException(LEVEL_CHANGE_REASON.name(), LEVEL_CHANGE_REASON.name() + " is required: what are we waiting for?");
        }
      }
      case RESOLVED -> {
        // the after-resolution checklist shows both prefilled: "Documented root cause and resolution"
        for (ProcessVariable<String> required : java.util.List.of(ROOT_CAUSE, RESOLUTION_SUMMARY)) {
          if (required.from(task).filter(s -> !s.isBlank()).isEmpty()) {
            throw new InvalidFieldException(required.name(), required.name() + " is required to resolve the escalation");
          }
        }
        if (ACTION_PLAN_REQUIRED.from(task).orElse(false) && ACTION_PLAN.from(task).filter(s -> !s.isBlank()).isEmpty()) {
          throw new InvalidFieldException(ACTION_PLAN.name(), ACTION_PLAN.name() + " is required: an escalation at " + level + " ends with an immediate action plan");
        }
      }
      default -> throw new IllegalStateException(outcome.name());
    }
    String by = Actors.completerOf(task);
    LEVEL_CHANGE_REQUESTED_BY.set(task, by);
    if (outcome == LevelOutcome.RESOLVED) {
      history.recordEvent(task, task.getProcessInstanceId(), EscalationEvent.Type.RESOLVED,
          RESOLUTION_SUMMARY.from(task).orElse(null), by, RESOLUTION_DUE_AT.from(task).orElse(null));
    }
  }
}
