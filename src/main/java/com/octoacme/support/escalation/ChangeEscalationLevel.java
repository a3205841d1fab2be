package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Moves the escalation to the level the model gives it (input {@code targetLevel}: the level policy's
 * next level, the level below, or the same level with fresh clocks) and records who, when, why and
 * what kind of change it was (input {@code levelChangeKind}).
 */
@Component("changeEscalationLevel")
public class ChangeEscalationLevel implements JavaDelegate {

  private final EscalationHistory history;
  private final RecordLevelDecision levelSetter;

  public ChangeEscalationLevel(EscalationHistory history, RecordLevelDecision levelSetter) {
    this.history = history;
    this.levelSetter = levelSetter;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String from = EscalationHandlers.currentLevel(execution);
    String to = TARGET_LEVEL.fromLocal(execution);
    if (to == null || to.isBlank()) {
      throw new IllegalStateException("the model routed " + TICKET_ID.require(execution)
          + " to a level change without a target level (from " + from + ")");
    }
    LevelChange.Kind kind = LevelChange.Kind.valueOf(LEVEL_CHANGE_KIND.fromLocal(execution));
    history.recordLevelChange(execution, from, to, kind, LEVEL_CHANGE_REASON.from(execution).orElse(null),
        LEVEL_CHANGE_REQUESTED_BY.from(execution).orElse("unknown"));
    levelSetter.setLevel(execution, to);
    // The next level's resolve form must not open with this level's decision filled in.
    LEVEL_OUTCOME.set(execution, null);
    LEVEL_CHANGE_REASON.set(execution, null);
  }
}
