package com.octoacme.support.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The support centre's business-hours calendar ({@code sla.calendar} in application.yaml), used by
 * {@link BusinessCalendar}:
 *
 * <ul>
 *   <li>{@code time-zone}: the centre's zone, the default for accounts without a zone of their own;
 *   <li>{@code working-hours}: per day of the week a window {@code "HH:MM-HH:MM"} in local time (the end
 *       may be {@code 24:00}); a day that is absent (or blank) is closed;
 *   <li>{@code holidays}: a jollyday holiday calendar, {@code country} (e.g. {@code de}) and optional
 *       {@code region} (a subdivision such as {@code be}); its public holidays are closed. Absent: none;
 *   <li>{@code closures}: further closed dates of the company (e.g. 24 and 31 December).
 * </ul>
 *
 * Everything is checked at start-up; a bad value fails with an {@link IllegalStateException} naming the property.
 */
@ConfigurationProperties(prefix = "sla.calendar")
public record SlaCalendarProperties(
    ZoneId timeZone, Map<DayOfWeek, String> workingHours, Holidays holidays, List<LocalDate> closures) {

  static final String PREFIX = "sla.calendar";

  /** A jollyday calendar: {@code country} such as "de", optional {@code region} such as "be" (nested: "by/mu"). */
  public record Holidays(String country, String region) {

    public Holidays {
      country = blankToNull(country);
      region = blankToNull(region);
    }
  }

  public SlaCalendarProperties {
    if (timeZone == null) {
      throw new IllegalStateException(PREFIX + ".time-zone is required (a region id such as Europe/Berlin)");
    }
    EnumMap<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
    if (workingHours != null) {
      workingHours.forEach((day, window) -> {
        if (day == null) {
          throw new IllegalStateException(PREFIX + ".working-hours: keys must be days of the week (MONDAY ... SUNDAY)");
        }
        if (blankToNull(window) != null) {
          WorkingHours.parse(PREFIX + ".working-hours." + day, window);
          hours.put(day, window.strip());
        }
      });
    }
    workingHours = Collections.unmodifiableMap(hours);
    holidays = holidays == null ? new Holidays(null, null) : holidays;
    PublicHolidays.of(PREFIX + ".holidays", holidays.country(), holidays.region());
    if (closures != null && closures.stream().anyMatch(Objects::isNull)) {
      throw new IllegalStateException(PREFIX + ".closures: dates must not be empty (yyyy-MM-dd)");
    }
    closures = closures == null ? List.of() : List.copyOf(closures);
  }

  /** The parsed working window of each open day. */
  Map<DayOfWeek, WorkingHours> windows() {
    EnumMap<DayOfWeek, WorkingHours> windows = new EnumMap<>(DayOfWeek.class);
    workingHours.forEach((day, window) -> windows.put(day, WorkingHours.parse(PREFIX + ".working-hours." + day, window)));
    return windows;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
