package com.octoacme.support.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One day's working window, "HH:MM-HH:MM" in local time; the end may be 24:00 (the next midnight).
 * Kept as seconds of the day so that 24:00 needs no special type.
 */
record WorkingHours(int openSecond, int closeSecond) {

  private static final int DAY = 24 * 60 * 60;
  private static final Pattern FORMAT = Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");

  /** Parses {@code value}; {@code property} names the setting in the error message. */
  static WorkingHours parse(String property, String value) {
    Matcher m = value == null ? null : FORMAT.matcher(value.strip());
    if (m == null || !m.matches()) {
      throw new IllegalStateException(property + ": '" + value + "' is not a working window HH:MM-HH:MM (e.g. 09:00-17:00)");
    }
    int open = secondOfDay(property, value, m.group(1), m.group(2), false);
    int close = secondOfDay(property, value, m.group(3), m.group(4), true);
    if (open >= close) {
      throw new IllegalStateException(property + ": '" + value + "' must open before it closes (HH:MM-HH:MM within one day)");
    }
    return new WorkingHours(open, close);
  }

  private static int secondOfDay(String property, String value, String hh, String mm, boolean closing) {
    int hours = Integer.parseInt(hh);
    int minutes = Integer.parseInt(mm);
    boolean midnightAtEnd = closing && hours == 24 && minutes == 0;
    if (!midnightAtEnd && (hours > 23 || minutes > 59)) {
      throw new IllegalStateException(property + ": '" + value + "' has an invalid time (00:00 to 23:59, or 24:00 as the end)");
    }
    return hours * 3600 + minutes * 60;
  }

  Instant openOn(LocalDate date, ZoneId zone) {
    return at(date, openSecond, zone);
  }

  Instant closeOn(LocalDate date, ZoneId zone) {
    return at(date, closeSecond, zone);
  }

  /** A local time that falls into a DST gap moves forward by the gap, as {@link ZonedDateTime#of} does. */
  private static Instant at(LocalDate date, int secondOfDay, ZoneId zone) {
    if (secondOfDay == DAY) {
      return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return ZonedDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay), zone).toInstant();
  }
}
