package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.LEVEL_ENTERED_AT;
import static com.octoacme.support.escalation.EscalationVariables.RESOLUTION_DUE_AT;
import static com.octoacme.support.escalation.EscalationVariables.RESPONSE_DUE_AT;

import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** On entering a level: its response and resolution due instants, read by the tasks and the boundary timers. */
@Component("startSlaClocks")
public class StartSlaClocks implements JavaDelegate {

  private final SlaClock clock;

  public StartSlaClocks(SlaClock clock) {
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    SlaClock.DueInstants due = clock.dueInstants(EscalationHandlers.currentLevel(execution), now);
    LEVEL_ENTERED_AT.set(execution, Date.from(now));
    RESPONSE_DUE_AT.set(execution, Date.from(due.response()));
    RESOLUTION_DUE_AT.set(execution, Date.from(due.resolution()));
  }
}
