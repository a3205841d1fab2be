package com.octoacme.support.escalation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Called from the model (each user task's {@code camunda:priority}): the task's Tasklist priority from the decision
 * {@code task-priority} (bpmn/task-priority.dmn, level and tier points summed), so Tasklist's priority sort puts
 * L4 first and, within a level, Enterprise accounts first.
 */
@Component("taskPriorities")
public class TaskPriorities {

  public static final String DECISION_KEY = EscalationModel.DECISION_TASK_PRIORITY;

  private final PolicyTables tables;

  public TaskPriorities(PolicyTables tables) {
    this.tables = tables;
  }

  public int of(VariableScope scope) {
    // before the review the level is the decision table's suggestion
    String level = EscalationVariables.ESCALATION_LEVEL.from(scope).orElseGet(() -> EscalationVariables.DECIDED_LEVEL.require(scope));
    return of(level, EscalationVariables.ACCOUNT_TIER.from(scope).orElse(null));
  }

  public int of(String level, String accountTier) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(EscalationVariables.ESCALATION_LEVEL.name(), level);
    inputs.put(EscalationVariables.ACCOUNT_TIER.name(), accountTier); // may be unknown: the table's default row
    List<Map<String, Object>> rows = tables.rows(DECISION_KEY, inputs);
    if (rows.isEmpty()) {
      return 0;
    }
    if (rows.size() > 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException("bpmn/task-priority.dmn must give one number for level " + level + " and tier "
          + accountTier + ", gave " + rows);
    }
    Object points = rows.get(0).values().iterator().next();
    return points == null ? 0 : ((Number) points).intValue();
  }
}
