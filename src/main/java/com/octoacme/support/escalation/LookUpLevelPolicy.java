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
    execution.setVariables(policy.variables());
    ASSIGNED_TO.set(execution, String.join(", ", policy.handlerGroups()));
  }
}
