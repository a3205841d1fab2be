package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * On entering a level: its response and resolution due and warning instants, read by the tasks'
 * due and follow-up dates and by the boundary timers.
 */
@Component("startSlaClocks")
public class StartSlaClocks implements JavaDelegate {

  private final SlaClock clock;

  public StartSlaClocks(SlaClock clock) {
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    SlaClock.LevelClocks clocks = clock.start(EscalationHandlers.currentLevel(execution), now,
        clock.zoneFor(ACCOUNT_TIME_ZONE.from(execution).orElse(null)));
    LEVEL_ENTERED_AT.set(execution, Date.from(now));
    apply(execution, clocks);
  }

  static void apply(DelegateExecution execution, SlaClock.LevelClocks clocks) {
    RESPONSE_DUE_AT.set(execution, Date.from(clocks.responseDue()));
    RESPONSE_WARNING_AT.set(execution, Date.from(clocks.responseWarning()));
    RESOLUTION_DUE_AT.set(execution, Date.from(clocks.resolutionDue()));
    RESOLUTION_WARNING_AT.set(execution, Date.from(clocks.resolutionWarning()));
    RESOLUTION_TOTAL_SECONDS.set(execution, clocks.resolutionTotal().toSeconds());
    RESOLUTION_REMAINING_SECONDS.set(execution, null);
    RESOLUTION_RESUMED_AT.set(execution, null);
  }
}
