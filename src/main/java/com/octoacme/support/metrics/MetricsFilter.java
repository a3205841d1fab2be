package com.octoacme.support.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.octoacme.support.escalation.InvalidFieldException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The range and filters of a figure. The range is of the escalations' opening dates, {@code from} and
 * {@code to} inclusive, in the support centre's time zone; default the last 30 days up to today.
 */
@Schema(name = "MetricsFilter", description = "The range (escalations opened from..to, inclusive, in the support "
    + "centre's time zone) and the filters a figure was computed with.")
public record MetricsFilter(LocalDate from, LocalDate to, String level, String accountTier, String category,
    String issueType, @JsonIgnore @Schema(hidden = true) Instant fromInstant,
    @JsonIgnore @Schema(hidden = true) Instant toInstant) {

  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 3660;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** No range, no filter: for the figures that are "now" (open escalations). */
  static MetricsFilter everything() {
    return new MetricsFilter(null, null, null, null, null, null, Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
  }

  /** Parses the query parameters; a bad one is refused naming it. */
  static MetricsFilter parse(String from, String to, String level, String accountTier, String category,
      String issueType, ZoneId zone, LocalDate today) {
    LocalDate end = date("to", to, today);
    LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1));
    if (start.isAfter(end)) {
      throw new InvalidFieldException("from", "from (" + start + ") must not be after to (" + end + ")");
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw new InvalidFieldException("from", "the range may span at most " + MAX_DAYS + " days");
    }
    String categoryCode = code("category", category);
    if (categoryCode != null && !EscalationCategory.isKnown(categoryCode)) {
      throw new InvalidFieldException("category", "category must be one of BUG, FEATURE, CONFIGURATION, DOCUMENTATION, OTHER");
    }
    return new MetricsFilter(start, end, code("level", level), code("accountTier", accountTier), categoryCode,
        code("issueType", issueType), start.atStartOfDay(zone).toInstant(), end.plusDays(1).atStartOfDay(zone).toInstant());
  }

  private static LocalDate date(String field, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, field + " must be a date like 2026-11-30");
    }
  }

  private static String code(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!CODE.matcher(value.trim()).matches()) {
      throw new InvalidFieldException(field, field + " must be a code of letters, digits, '_' or '-'");
    }
    return value.trim();
  }
}
