package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The handler waits for the customer: keeps the business time the resolution clock has left. */
@Component("pauseResolutionClock")
public class PauseResolutionClock implements JavaDelegate {

  private final SlaClock clock;
  private final EscalationHistory history;

  public PauseResolutionClock(SlaClock clock, EscalationHistory history) {
    this.clock = clock;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    Duration remaining = clock.remaining(EscalationHandlers.currentLevel(execution), now,
        RESOLUTION_DUE_AT.require(execution).toInstant(), clock.zoneFor(ACCOUNT_TIME_ZONE.from(execution).orElse(null)));
    RESOLUTION_REMAINING_SECONDS.set(execution, remaining.toSeconds());
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.RESOLUTION_CLOCK_PAUSED,
        "Waiting for the customer (" + LEVEL_CHANGE_REASON.from(execution).orElse("") + "); business time left "
            + remaining, LEVEL_CHANGE_REQUESTED_BY.from(execution).orElse(null), RESOLUTION_DUE_AT.require(execution));
  }
}
