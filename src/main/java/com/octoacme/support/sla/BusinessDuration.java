package com.octoacme.support.sla;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SLA duration as the policy writes it, ISO-8601 {@code PnDTnHnMnS}, with its days and its time kept
 * apart: on the business calendar the days are business days and the hours, minutes and seconds are
 * working time, whatever their size. {@code PT30H} is 30 working hours (almost four 8-hour working
 * days), {@code PT24H} is 24 working hours (not one business day), {@code P1D} is one business day and
 * {@code P1DT4H} is one business day and then 4 working hours. Around the clock a day is 24 hours.
 */
public record BusinessDuration(long businessDays, Duration workingTime) {

  private static final Pattern ISO = Pattern.compile(
      "P(?:(\\d+)D)?(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

  public BusinessDuration {
    Objects.requireNonNull(workingTime, "workingTime");
    if (businessDays < 0 || workingTime.isNegative()) {
      throw new IllegalArgumentException("an SLA duration must not be negative: " + businessDays + " days " + workingTime);
    }
  }

  public static BusinessDuration ofWorkingTime(Duration workingTime) {
    return new BusinessDuration(0, workingTime);
  }

  public static BusinessDuration ofBusinessDays(long days) {
    return new BusinessDuration(days, Duration.ZERO);
  }

  /**
   * @throws IllegalArgumentException for anything but {@code PnDTnHnMnS} with at least one part (weeks,
   *     months, years, fractions and signs are refused: their business meaning is not clear)
   */
  public static BusinessDuration parse(String text) {
    Matcher m = text == null ? null : ISO.matcher(text.strip());
    if (m == null || !m.matches() || text.strip().equals("P")) {
      throw new IllegalArgumentException("an SLA duration is ISO-8601 PnDTnHnMnS such as PT4H, P2D or P1DT4H; was '"
          + text + "'");
    }
    Duration time = Duration.ofHours(number(m.group(2))).plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
    return new BusinessDuration(number(m.group(1)), time);
  }

  public boolean isZero() {
    return businessDays == 0 && workingTime.isZero();
  }

  /** Elapsed time around the clock: a day is 24 hours. */
  public Duration elapsed() {
    return Duration.ofDays(businessDays).plus(workingTime);
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  @Override
  public String toString() {
    return "P" + (businessDays > 0 ? businessDays + "D" : "") + (workingTime.isZero() && businessDays > 0 ? ""
        : workingTime.toString().substring(1));
  }
}
