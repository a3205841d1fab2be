package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Look up level policy": evaluates bpmn/level-policy.dmn for the level just set and writes its outputs
 * as process variables, which the model's gateways, candidate groups and mails read.
 */
@Component("lookUpLevelPolicy")
public class LookUpLevelPolicy implements JavaDelegate {

  private final LevelPolicies policies;

  public LookUpLevelPolicy(LevelPolicies policies) {
    this.policies = policies;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LevelPolicy policy = policies.of(ESCALATION_LEVEL.require(execution));
    LEVEL_TITLE.set(execution, policy.title());
    HANDLER_GROUPS.set(execution, String.join(",", policy.handlerGroups()));
    ASSIGNED_TO.set(execution, String.join(", ", policy.handlerGroups()));
    LEAD_GROUP.set(execution, policy.leadGroup());
    CHECKLIST_REQUIRED.set(execution, policy.checklistRequired());
    MAIL_HANDLERS.set(execution, policy.mailHandlers());
    NEXT_LEVEL_ON_BREACH.set(execution, policy.nextLevelOnBreach().orElse(null));
    NEXT_LEVEL_ON_ESCALATION.set(execution, policy.nextLevelOnEscalation().orElse(null));
    LEVEL_BELOW.set(execution, policy.levelBelow().orElse(null));
    DEFAULT_UPDATE_FREQUENCY.set(execution, policy.defaultUpdateFrequency());
    ACTION_PLAN_REQUIRED.set(execution, policy.actionPlanRequired());
  }
}
