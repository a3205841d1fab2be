package com.octoacme.support.notification;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A retry cycle in Camunda's notation, {@code R<attempts>/<interval>}: {@code R3/PT5M} means three
 * attempts in all, five minutes apart (the first, then two retries); the third failure is the delivery's
 * incident, about ten minutes after the first attempt. The same meaning as Camunda's
 * {@code failedJobRetryTimeCycle}, whose {@code R3} also counts the first try.
 */
public record RetryCycle(int attempts, Duration interval) {

  private static final Pattern NOTATION = Pattern.compile("R(\\d+)/(P\\S+)");

  public RetryCycle {
    if (attempts < 1) {
      throw new IllegalArgumentException("a retry cycle needs at least one attempt");
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("a retry interval cannot be negative");
    }
  }

  /** Parses {@code R3/PT5M}; anything else is an {@link IllegalArgumentException} quoting it. */
  public static RetryCycle parse(String cycle) {
    Matcher matcher = NOTATION.matcher(cycle == null ? "" : cycle.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("a retry cycle looks like R3/PT5M, not '" + cycle + "'");
    }
    try {
      return new RetryCycle(Integer.parseInt(matcher.group(1)), Duration.parse(matcher.group(2)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("a retry cycle looks like R3/PT5M, not '" + cycle + "'", e);
    }
  }

  /** Retries left after a failed attempt, given those left before it ({@code null}: the first attempt). */
  public int retriesAfterFailure(Integer retriesBefore) {
    return Math.max(0, (retriesBefore == null ? attempts : retriesBefore) - 1);
  }

  /** Which attempt this is (1-based), given the retries left before it ({@code null}: the first attempt). */
  public int attemptNumber(Integer retriesBefore) {
    return retriesBefore == null ? 1 : Math.max(1, attempts - retriesBefore + 1);
  }

  @Override
  public String toString() {
    return "R" + attempts + "/" + interval;
  }
}
