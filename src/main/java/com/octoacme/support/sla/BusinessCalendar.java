package com.octoacme.support.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The support centre's business-hours calendar: computes every SLA due instant, since the escalation
 * template gives targets in business time ("within 4 business hours", "1 business day") while
 * Camunda's timers count wall-clock time.
 *
 * <p>Working hours are local times in the zone passed to each call (an account may carry its own zone;
 * {@link #defaultZone()} is the centre's); public holidays and company closures are local dates in that
 * zone too. A working window is half-open, {@code [open, close)}: an instant exactly at closing time is
 * outside working time. A local opening or closing time that falls into a DST gap moves forward by the gap.
 *
 * <p>Thread-safe. Usable without Spring: {@code new BusinessCalendar(new SlaCalendarProperties(...))}.
 */
@Service
public class BusinessCalendar {

  /** A calendar with no working day within this many days is a configuration error, not a reason to loop on. */
  static final int MAX_DAYS_WITHOUT_WORKING_DAY = 3_700;

  private final ZoneId defaultZone;
  private final Map<DayOfWeek, WorkingHours> workingHours;
  private final PublicHolidays holidays;
  private final Set<LocalDate> closures;

  public BusinessCalendar(SlaCalendarProperties properties) {
    this.defaultZone = properties.timeZone();
    this.workingHours = properties.windows();
    this.holidays = PublicHolidays.of(SlaCalendarProperties.PREFIX + ".holidays",
        properties.holidays().country(), properties.holidays().region());
    this.closures = Set.copyOf(properties.closures());
  }

  /** The support centre's configured zone ({@code sla.calendar.time-zone}). */
  public ZoneId defaultZone() {
    return defaultZone;
  }

  /** The date has working hours, is no public holiday of the configured country/region and no company closure. */
  public boolean isWorkingDay(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return workingHours.containsKey(date.getDayOfWeek()) && !closures.contains(date) && !holidays.isHoliday(date);
  }

  /**
   * The instant {@code duration} after {@code start}.
   *
   * <ul>
   *   <li>{@link CalendarKind#ALWAYS}: {@code start} plus the duration's elapsed time (a day is 24 hours; DST
   *       changes do not matter).
   *   <li>{@link CalendarKind#BUSINESS_HOURS}: a zero duration returns {@code start} unchanged. Otherwise a start
   *       outside working time first moves to the next opening. The duration's days are business days: each
   *       moves to the start's local time of day on the next working day, on the last one limited to that day's
   *       window (its closing time if it closes earlier, its opening time if it opens later). Its hours, minutes
   *       and seconds are then working time, however many: consumed across working windows, skipping nights,
   *       weekends, holidays and closures; a result exactly at closing time stays there (16:00 + 1 h with
   *       09:00-17:00 is 17:00, not 09:00 the next working day). {@code PT24H} is 24 working hours, three
   *       8-hour days, not one business day.
   * </ul>
   *
   * @param zone the zone of the working hours, holidays and closures; {@code null} for {@link #defaultZone()}
   * @throws IllegalStateException if no working day comes within {@value #MAX_DAYS_WITHOUT_WORKING_DAY} days
   */
  public Instant addBusinessTime(Instant start, BusinessDuration duration, CalendarKind kind, ZoneId zone) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(kind, "kind");
    if (kind == CalendarKind.ALWAYS) {
      return start.plus(duration.elapsed());
    }
    if (duration.isZero()) {
      return start;
    }
    ZoneId z = zoneOr(zone);
    Instant t = latest(start, nextWindow(start, z, null).open());

    long days = duration.businessDays();
    if (days > 0) {
      ZonedDateTime local = t.atZone(z);
      LocalTime timeOfDay = local.toLocalTime();
      LocalDate date = local.toLocalDate();
      for (long i = 0; i < days; i++) {
        date = nextWorkingDayAfter(date);
      }
      Window window = windowOn(date, z);
      Instant sameTime = ZonedDateTime.of(date, timeOfDay, z).toInstant();
      t = earliest(latest(sameTime, window.open()), window.close());
    }

    Duration rest = duration.workingTime();
    if (rest.isZero()) {
      return t;
    }
    while (true) {
      Window window = nextWindow(t, z, null);
      Instant from = latest(t, window.open());
      Duration available = Duration.between(from, window.close());
      if (rest.compareTo(available) <= 0) {
        return from.plus(rest);
      }
      rest = rest.minus(available);
      t = window.close();
    }
  }

  /** The instant {@code workingTime} of pure working time after {@code start} (no business days). */
  public Instant addWorkingTime(Instant start, Duration workingTime, CalendarKind kind, ZoneId zone) {
    return addBusinessTime(start, BusinessDuration.ofWorkingTime(workingTime), kind, zone);
  }

  /**
   * The working time in {@code [from, to)}; zero if {@code to} is not after {@code from}. For {@link
   * CalendarKind#ALWAYS} the plain difference.
   *
   * <p>Used for the business time left when an SLA clock is paused. Days are not preserved: the result is
   * pure working time (with 09:00-17:00, one business day is 8 hours), so resuming with it via {@link
   * #addBusinessTime} consumes working hours rather than moving to the same time of a later day.
   *
   * @param zone the zone of the working hours, holidays and closures; {@code null} for {@link #defaultZone()}
   */
  public Duration businessTimeBetween(Instant from, Instant to, CalendarKind kind, ZoneId zone) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (kind == CalendarKind.ALWAYS) {
      return Duration.between(from, to);
    }
    ZoneId z = zoneOr(zone);
    Duration total = Duration.ZERO;
    Instant t = from;
    while (true) {
      Window window = nextWindow(t, z, to);
      if (window == null) {
        return total;
      }
      total = total.plus(Duration.between(latest(t, window.open()), earliest(window.close(), to)));
      if (!window.close().isBefore(to)) {
        return total;
      }
      t = window.close();
    }
  }

  /** The start of the next local day in {@code zone} (its midnight, or its first instant after a DST gap). */
  public Instant endOfDay(Instant start, ZoneId zone) {
    Objects.requireNonNull(start, "start");
    ZoneId z = zoneOr(zone);
    return start.atZone(z).toLocalDate().plusDays(1).atStartOfDay(z).toInstant();
  }

  private record Window(Instant open, Instant close) {}

  private ZoneId zoneOr(ZoneId zone) {
    return zone == null ? defaultZone : zone;
  }

  /** The working window of the date, or null on a closed day. */
  private Window windowOn(LocalDate date, ZoneId zone) {
    if (!isWorkingDay(date)) {
      return null;
    }
    WorkingHours hours = workingHours.get(date.getDayOfWeek());
    return new Window(hours.openOn(date, zone), hours.closeOn(date, zone));
  }

  /**
   * The first working window that closes after {@code t} (it may contain {@code t}). With a {@code limit}:
   * null if no such window opens before it; without one: bounded by {@link #MAX_DAYS_WITHOUT_WORKING_DAY}.
   */
  private Window nextWindow(Instant t, ZoneId zone, Instant limit) {
    LocalDate date = t.atZone(zone).toLocalDate();
    for (int day = 0; ; day++, date = date.plusDays(1)) {
      if (limit != null && !date.atStartOfDay(zone).toInstant().isBefore(limit)) {
        return null;
      }
      if (limit == null && day > MAX_DAYS_WITHOUT_WORKING_DAY) {
        throw noWorkingDay(t.atZone(zone).toLocalDate());
      }
      Window window = windowOn(date, zone);
      if (window != null && t.isBefore(window.close()) && window.open().isBefore(window.close())) {
        return limit == null || window.open().isBefore(limit) ? window : null;
      }
    }
  }

  private LocalDate nextWorkingDayAfter(LocalDate date) {
    for (int day = 1; day <= MAX_DAYS_WITHOUT_WORKING_DAY; day++) {
      LocalDate candidate = date.plusDays(day);
      if (isWorkingDay(candidate)) {
        return candidate;
      }
    }
    throw noWorkingDay(date);
  }

  private static IllegalStateException noWorkingDay(LocalDate after) {
    return new IllegalStateException("No working day within " + MAX_DAYS_WITHOUT_WORKING_DAY + " days after " + after
        + ": check sla.calendar.working-hours, holidays and closures");
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
