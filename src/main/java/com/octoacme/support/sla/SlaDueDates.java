package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationVariables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Called from the model: due dates of the tasks outside the level's two clocks (the after-resolution checklist,
 * waiting for the customer), so that every task has one and sorting by due date never floats an undated task.
 */
@Component("slaDueDates")
public class SlaDueDates {

  private final SlaClock clock;

  public SlaDueDates(SlaClock clock) {
    this.clock = clock;
  }

  /** The current level's response time (bpmn/sla-policy.dmn, on its calendar), counted from now. */
  public Date responseTimeFromNow(VariableScope scope) {
    String level = EscalationVariables.ESCALATION_LEVEL.require(scope);
    SlaClock.LevelClocks clocks = clock.start(level, EscalationHistory.now(),
        clock.zoneFor(EscalationVariables.ACCOUNT_TIME_ZONE.from(scope).orElse(null)));
    return Date.from(clocks.responseDue());
  }
}
