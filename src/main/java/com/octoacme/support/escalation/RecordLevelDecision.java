package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets the escalation's first level: the decision table's, or Support's override, and records which. */
@Component("recordLevelDecision")
public class RecordLevelDecision implements JavaDelegate {

  private final EscalationHistory history;
  private final EscalationLevels levels;

  public RecordLevelDecision(EscalationHistory history, EscalationLevels levels) {
    this.history = history;
    this.levels = levels;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EscalationLevel decided = EscalationLevel.parse(DECIDED_LEVEL.require(execution))
        .orElseThrow(() -> new IllegalStateException("the decision table returned no level"));
    EscalationLevel override = LEVEL_OVERRIDE.from(execution).flatMap(EscalationLevel::parse).orElse(null);
    String by = LEVEL_CHANGE_REQUESTED_BY.from(execution).orElse("unknown");
    if (override != null && override != decided) {
      history.recordLevelChange(execution, null, override, LevelChange.Kind.OVERRIDDEN,
          "Suggested " + decided + ": " + LEVEL_OVERRIDE_REASON.require(execution), by);
      setLevel(execution, override);
    } else {
      history.recordLevelChange(execution, null, decided, LevelChange.Kind.DECIDED,
          "Decision table for issue type " + ISSUE_TYPE.require(execution), by);
      setLevel(execution, decided);
    }
  }

  void setLevel(DelegateExecution execution, EscalationLevel level) {
    ESCALATION_LEVEL.set(execution, level.name());
    ASSIGNED_TO.set(execution, String.join(", ", levels.of(level).handlerGroups()));
    if (ASSIGNED_AT.from(execution).isEmpty()) {
      ASSIGNED_AT.set(execution, java.util.Date.from(EscalationHistory.now()));
    }
  }
}
