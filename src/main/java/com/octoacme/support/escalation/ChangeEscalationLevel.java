package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Moves the escalation up (by hand or on an SLA breach) or back down a level and records who, when
 * and why. After an SLA breach the SLA policy's breach action decides whether the level rises.
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
    EscalationLevel from = EscalationHandlers.currentLevel(execution);
    LevelOutcome outcome = LevelOutcome.parse(LEVEL_OUTCOME.require(execution))
        .orElseThrow(() -> new IllegalStateException("unknown level outcome"));
    EscalationLevel to;
    LevelChange.Kind kind;
    switch (outcome) {
      case ESCALATE -> { to = from.up(); kind = LevelChange.Kind.ESCALATED; }
      case SLA_BREACHED -> {
        // The SLA policy decides: escalate, or inform the lead and keep the level with fresh clocks.
        boolean escalate = !"INFORM_LEAD".equals(BREACH_ACTION.from(execution).orElse("ESCALATE"));
        to = escalate ? from.up() : from;
        kind = LevelChange.Kind.SLA_BREACH;
      }
      case HAND_BACK -> { to = from.down(); kind = LevelChange.Kind.HANDED_BACK; }
      default -> throw new IllegalStateException("a " + outcome + " escalation does not change level");
    }
    history.recordLevelChange(execution, from, to, kind, LEVEL_CHANGE_REASON.from(execution).orElse(null),
        LEVEL_CHANGE_REQUESTED_BY.from(execution).orElse("unknown"));
    levelSetter.setLevel(execution, to);
    // The next level's resolve form must not open with this level's decision filled in.
    LEVEL_OUTCOME.set(execution, null);
    LEVEL_CHANGE_REASON.set(execution, null);
  }
}
