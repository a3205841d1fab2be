package com.octoacme.support.sla;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * An open escalation's SLA state (the board, the form summary and the Tasklist cards show it), worked out from its open SLA tasks (their due date is the
 * SLA's due instant, their follow-up date its warning instant: the same instants as the boundary timers) and
 * its audit trail. In this order:
 * <ol>
 *   <li>BREACHED: an SLA breach was recorded since the escalation entered its current level (at the top level a
 *   breach only informs the lead and restarts the clocks: the level stays breached), or a due instant has passed
 *   and its timer has not fired yet;</li>
 *   <li>PAUSED: the resolution clock stands still while the escalation waits for the customer;</li>
 *   <li>AT_RISK: past the warning instant of a running clock, or its warning was given;</li>
 *   <li>ON_TRACK: otherwise (also when no clock runs, e.g. before the level review).</li>
 * </ol>
 */
public enum SlaState {
  ON_TRACK("On track"),
  AT_RISK("At risk"),
  BREACHED("Breached"),
  PAUSED("Paused");

  /** The words shown for it (beside the colour on the board). */
  public final String label;

  SlaState(String label) {
    this.label = label;
  }

  /** What the state is computed from. */
  public record Clock(Instant now, Instant dueAt, Instant warningAt, boolean waitingForCustomer, int breachesAtLevel,
      Set<Instant> warnedDueInstants) {}

  public static SlaState of(Clock clock) {
    Instant now = clock.now();
    if (clock.breachesAtLevel() > 0 || clock.dueAt() != null && !now.isBefore(clock.dueAt())) {
      return BREACHED;
    }
    if (clock.waitingForCustomer()) {
      return PAUSED;
    }
    if (clock.warningAt() != null && !now.isBefore(clock.warningAt())
        || clock.dueAt() != null && clock.warnedDueInstants().contains(seconds(clock.dueAt()))) {
      return AT_RISK;
    }
    return ON_TRACK;
  }

  /** Due instants compared to the second: task dates and audit records are stored with different precision. */
  public static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
