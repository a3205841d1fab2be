package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The customer replied: the resolution clock runs again with exactly the business time it had left. */
@Component("resumeResolutionClock")
public class ResumeResolutionClock implements JavaDelegate {

  private final SlaClock clock;
  private final EscalationHistory history;

  public ResumeResolutionClock(SlaClock clock, EscalationHistory history) {
    this.clock = clock;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    Duration remaining = Duration.ofSeconds(RESOLUTION_REMAINING_SECONDS.require(execution));
    SlaClock.ResumedClock resumed = clock.resume(EscalationHandlers.currentLevel(execution), now, remaining,
        Duration.ofSeconds(RESOLUTION_TOTAL_SECONDS.require(execution)),
        clock.zoneFor(ACCOUNT_TIME_ZONE.from(execution).orElse(null)));
    RESOLUTION_RESUMED_AT.set(execution, Date.from(now));
    RESOLUTION_DUE_AT.set(execution, Date.from(resumed.due()));
    RESOLUTION_WARNING_AT.set(execution, Date.from(resumed.warning()));
    // The resolve form opens again without the decision to wait.
    LEVEL_OUTCOME.set(execution, null);
    LEVEL_CHANGE_REASON.set(execution, null);
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.RESOLUTION_CLOCK_RESUMED,
        "Customer replied; business time left " + remaining + ", now due " + resumed.due(), null, Date.from(resumed.due()));
  }
}
