package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationHistory;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A level's response and resolution due and warning instants, read by the tasks' due and follow-up dates and
 * by the boundary timers. The clocks start when the level is set: the first level's at the request (the
 * decision's suggestion after "Decide escalation level", the reviewed level after "Look up level policy"),
 * so the review and the checklist count against its response time; a later level's at its level change.
 * As the "Start SLA clocks" step of the level's handling it fixes them and clears the start.
 */
@Component("startSlaClocks")
public class StartSlaClocks implements JavaDelegate, ExecutionListener {

  private final SlaClock clock;
  private final EscalationSummaries summaries;

  public StartSlaClocks(SlaClock clock, EscalationSummaries summaries) {
    this.clock = clock;
    this.summaries = summaries;
  }

  /** "Start SLA clocks": the level's handling begins. */
  @Override
  public void execute(DelegateExecution execution) {
    start(execution);
    LEVEL_CLOCK_STARTS_AT.set(execution, null);
  }
  // (the summary was refreshed with these instants at "Look up level policy", in this transaction)

  /** End of "Decide escalation level" and "Look up level policy": the level (or its suggestion) is known. */
  @Override
  public void notify(DelegateExecution execution) {
    LEVEL_CLOCK_STARTS_AT.set(execution, Date.from(start(execution)));
    summaries.refresh(execution);
  }

  private Instant start(DelegateExecution execution) {
    Instant start = LEVEL_CLOCK_STARTS_AT.from(execution).map(Date::toInstant).orElseGet(EscalationHistory::now);
    String level = ESCALATION_LEVEL.from(execution).orElseGet(() -> DECIDED_LEVEL.require(execution));
    SlaClock.LevelClocks clocks = clock.start(level, start, clock.zoneFor(ACCOUNT_TIME_ZONE.from(execution).orElse(null)));
    LEVEL_ENTERED_AT.set(execution, Date.from(start));
    apply(execution, clocks);
    return start;
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
