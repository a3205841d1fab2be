package com.octoacme.support.escalation;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Called from the model (each user task's {@code camunda:priority}): the task's Tasklist priority from the decision
 * {@code task-priority} (bpmn/task-priority.dmn, level and tier points summed), so Tasklist's priority sort puts
 * L4 first and, within a level, Enterprise accounts first.
 */
@Component("taskPriorities")
public class TaskPriorities {

  public static final String DECISION_KEY = EscalationModel.DECISION_TASK_PRIORITY;

  private final DecisionService decisions;

  public TaskPriorities(DecisionService decisions) {
    this.decisions = decisions;
  }

  public int of(VariableScope scope) {
    // before the review the level is the decision table's suggestion
    String level = EscalationVariables.ESCALATION_LEVEL.from(scope).orElseGet(() -> EscalationVariables.DECIDED_LEVEL.require(scope));
    return of(level, EscalationVariables.ACCOUNT_TIER.from(scope).orElse(null));
  }

  public int of(String level, String accountTier) {
    Object points = decisions.evaluateDecisionTableByKey(DECISION_KEY, Variables.createVariables()
            .putValue(EscalationVariables.ESCALATION_LEVEL.name(), level)
            .putValue(EscalationVariables.ACCOUNT_TIER.name(), accountTier))
        .getSingleEntry();
    return points == null ? 0 : ((Number) points).intValue();
  }
}
