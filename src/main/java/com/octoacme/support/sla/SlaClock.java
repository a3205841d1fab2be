package com.octoacme.support.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Service;

/**
 * Computes every SLA instant of the escalation process from the level's policy and the business
 * calendar: due instants and warning instants, at level entry and when a paused clock resumes.
 * The timers, the tasks' due dates and their follow-up dates all come from here.
 */
@Service
public class SlaClock {

  /** The instants of a level's two clocks. */
  public record LevelClocks(Instant responseDue, Instant responseWarning, Instant resolutionDue,
      Instant resolutionWarning, Duration resolutionTotal) {}

  /** The resolution clock after a resume. */
  public record ResumedClock(Instant due, Instant warning) {}

  private final SlaPolicies policies;
  private final BusinessCalendar calendar;

  public SlaClock(SlaPolicies policies, BusinessCalendar calendar) {
    this.policies = policies;
    this.calendar = calendar;
  }

  public SlaPolicy policyOf(String level) {
    return policies.of(level);
  }

  public ZoneId zoneFor(String accountTimeZone) {
    return accountTimeZone == null || accountTimeZone.isBlank() ? calendar.defaultZone() : ZoneId.of(accountTimeZone);
  }

  public LevelClocks start(String level, Instant enteredAt, ZoneId zone) {
    SlaPolicy policy = policies.of(level);
    Instant responseDue = due(enteredAt, policy.response(), policy.calendar(), zone);
    // "Same day" must not end before the first response is due (a level entered late at night).
    Instant resolutionDue = max(due(enteredAt, policy.resolution(), policy.calendar(), zone), responseDue);
    Duration resolutionTotal = calendar.businessTimeBetween(enteredAt, resolutionDue, policy.calendar(), zone);
    return new LevelClocks(responseDue, warning(enteredAt, responseDue, policy, zone), resolutionDue,
        warning(enteredAt, resolutionDue, policy, zone), resolutionTotal);
  }

  /** The business time a paused resolution clock has left. */
  public Duration remaining(String level, Instant pausedAt, Instant due, ZoneId zone) {
    return calendar.businessTimeBetween(pausedAt, due, policies.of(level).calendar(), zone);
  }

  /** Resumes a resolution clock with exactly the business time it had left. */
  public ResumedClock resume(String level, Instant resumedAt, Duration remaining, Duration total, ZoneId zone) {
    SlaPolicy policy = policies.of(level);
    Instant due = addWorkingTime(resumedAt, remaining, policy.calendar(), zone);
    Duration untilWarning = remaining.minus(scale(total, 1 - policy.warningThreshold()));
    Instant warning = addWorkingTime(resumedAt, untilWarning.isNegative() ? Duration.ZERO : untilWarning,
        policy.calendar(), zone);
    return new ResumedClock(due, warning);
  }

  private Instant due(Instant start, SlaPolicy.Target target, CalendarKind kind, ZoneId zone) {
    return target.endOfDay() ? calendar.endOfDay(start, zone) : calendar.addBusinessTime(start, target.duration(), kind, zone);
  }

  /** The instant at which the given share of the clock's business time has passed. */
  private Instant warning(Instant start, Instant due, SlaPolicy policy, ZoneId zone) {
    Duration total = calendar.businessTimeBetween(start, due, policy.calendar(), zone);
    return addWorkingTime(start, scale(total, policy.warningThreshold()), policy.calendar(), zone);
  }

  private Instant addWorkingTime(Instant start, Duration workingTime, CalendarKind kind, ZoneId zone) {
    return calendar.addWorkingTime(start, workingTime, kind, zone);
  }

  private static Duration scale(Duration duration, double share) {
    return Duration.ofSeconds(Math.round(duration.toSeconds() * share));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
