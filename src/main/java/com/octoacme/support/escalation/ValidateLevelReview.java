package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.LEVEL_CHANGE_REQUESTED_BY;
import static com.octoacme.support.escalation.EscalationVariables.LEVEL_OVERRIDE;
import static com.octoacme.support.escalation.EscalationVariables.LEVEL_OVERRIDE_REASON;
import static com.octoacme.support.escalation.EscalationVariables.PRIORITY;

import com.octoacme.support.escalation.Enumerations.Urgency;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completing "Review escalation level": an override needs a valid level and a reason. */
@Component("validateLevelReview")
public class ValidateLevelReview implements TaskListener {

  private final LevelPolicies policies;

  public ValidateLevelReview(LevelPolicies policies) {
    this.policies = policies;
  }

  @Override
  public void notify(DelegateTask task) {
    String override = LEVEL_OVERRIDE.from(task).filter(s -> !s.isBlank()).orElse(null);
    if (override != null) {
      if (policies.find(override).isEmpty()) {
        throw new InvalidFieldException(LEVEL_OVERRIDE.name(), LEVEL_OVERRIDE.name() + " '" + override + "' is not one of "
            + String.join(", ", policies.levels()));
      }
      if (LEVEL_OVERRIDE_REASON.from(task).filter(s -> !s.isBlank()).isEmpty()) {
        throw new InvalidFieldException(LEVEL_OVERRIDE_REASON.name(), LEVEL_OVERRIDE_REASON.name() + " is required to override the suggested level");
      }
    }
    String priority = PRIORITY.from(task).orElse(null);
    if (priority == null || Arrays.stream(Urgency.values()).noneMatch(u -> u.name().equals(priority))) {
      throw new InvalidFieldException(PRIORITY.name(), PRIORITY.name() + " is required: one of HIGH, MEDIUM, LOW");
    }
    for (ProcessVariable<Boolean> item : java.util.List.of(EscalationVariables.TEMPLATE_COMPLETE, EscalationVariables.PRIORITY_SET)) {
      if (!item.from(task).orElse(false)) {
        throw new InvalidFieldException(item.name(), item.name() + " must be ticked before the escalation goes on");
      }
    }
    LEVEL_CHANGE_REQUESTED_BY.set(task, Actors.completerOf(task));
  }
}
