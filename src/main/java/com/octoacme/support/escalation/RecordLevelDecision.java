package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets the escalation's first level: the decision table's, or Support's override, and records which. */
@Component("recordLevelDecision")
public class RecordLevelDecision implements JavaDelegate {

  private final EscalationHistory history;
  private final LevelPolicies policies;

  public RecordLevelDecision(EscalationHistory history, LevelPolicies policies) {
    this.history = history;
    this.policies = policies;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String decided = known(DECIDED_LEVEL.require(execution), "the decision escalation-level");
    String override = LEVEL_OVERRIDE.from(execution).filter(s -> !s.isBlank()).orElse(null);
    String by = LEVEL_CHANGE_REQUESTED_BY.from(execution).orElse("unknown");
    if (override != null && !override.equals(decided)) {
      history.recordLevelChange(execution, null, known(override, "the review's override"), LevelChange.Kind.OVERRIDDEN,
          "Suggested " + decided + ": " + LEVEL_OVERRIDE_REASON.require(execution), by);
      setLevel(execution, override);
    } else {
      history.recordLevelChange(execution, null, decided, LevelChange.Kind.DECIDED,
          "Decision table for issue type " + ISSUE_TYPE.require(execution), by);
      setLevel(execution, decided);
    }
  }

  private String known(String level, String source) {
    if (policies.find(level).isEmpty()) {
      throw new IllegalStateException(source + " gave level '" + level + "', which bpmn/level-policy.dmn does not have");
    }
    return level;
  }

  void setLevel(DelegateExecution execution, String level) {
    ESCALATION_LEVEL.set(execution, level);
    if (ASSIGNED_AT.from(execution).isEmpty()) {
      ASSIGNED_AT.set(execution, Date.from(EscalationHistory.now()));
    }
  }
}
