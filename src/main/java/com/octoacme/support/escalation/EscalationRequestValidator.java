package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.escalation.Enumerations.Environment;
import com.octoacme.support.escalation.Enumerations.HealthScore;
import com.octoacme.support.escalation.Enumerations.Sentiment;
import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.Enumerations.Urgency;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks an escalation request (the start form, or any other intake) against the escalation
 * template and returns its values in their proper types: dates as dates, numbers as numbers.
 * Every problem names its field; nothing is written when there is one.
 */
@Component
public class EscalationRequestValidator {

  static final int ONE_LINE = 200;
  static final int TEXT = 4000;
  static final Pattern TICKET_ID_PATTERN = Pattern.compile("^[A-Z][A-Z0-9]*-[0-9]+$");
  // Line breaks and tabs belong in text areas; other control characters do not belong anywhere.
  private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");
  // Markup has no place in the template's fields; only pasted error messages and logs may quote it
  // (they are stored as text and escaped wherever they are shown or sent).
  private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;|javascript:", Pattern.CASE_INSENSITIVE);
  private static final java.util.Set<String> MAY_QUOTE_MARKUP = java.util.Set.of(ERROR_MESSAGES.name(), LOGS.name());

  private enum Kind { ONE_LINE_TEXT, TEXT, ENUMERATION, DATE, DATE_TIME, WHOLE_NUMBER, DECIMAL, FLAG, TIME_ZONE }

  private record Rule(ProcessVariable<?> variable, boolean required, Kind kind, List<String> allowed) {}

  private static final List<Rule> RULES = new ArrayList<>();

  static {
    // Issue Summary
    rule(TICKET_ID, true, Kind.ONE_LINE_TEXT);
    rule(CUSTOMER_NAME, true, Kind.ONE_LINE_TEXT);
    oneOf(ACCOUNT_TIER, true, AccountTier.values());
    rule(REPORTED_BY, true, Kind.ONE_LINE_TEXT);
    rule(REPORTED_DATE, true, Kind.DATE);
    oneOf(ISSUE_TYPE, true, IssueType.values());
    rule(ISSUE_SUMMARY, true, Kind.ONE_LINE_TEXT);
    // Problem Description and Impact
    rule(PROBLEM_DESCRIPTION, true, Kind.TEXT);
    rule(USERS_AFFECTED, true, Kind.WHOLE_NUMBER);
    rule(BUSINESS_IMPACT, true, Kind.TEXT);
    oneOf(URGENCY, true, Urgency.values());
    rule(FINANCIAL_IMPACT, false, Kind.ONE_LINE_TEXT);
    // Steps to Reproduce
    rule(STEPS_TO_REPRODUCE, false, Kind.TEXT);
    rule(EXPECTED_BEHAVIOR, false, Kind.TEXT);
    rule(ACTUAL_BEHAVIOR, false, Kind.TEXT);
    // Technical Details
    oneOf(ENVIRONMENT, false, Environment.values());
    rule(BROWSER_CLIENT, false, Kind.ONE_LINE_TEXT);
    rule(USER_ROLE, false, Kind.ONE_LINE_TEXT);
    rule(RELEVANT_URLS, false, Kind.TEXT);
    rule(ERROR_MESSAGES, false, Kind.TEXT);
    rule(LOGS, false, Kind.TEXT);
    // Customer Context
    rule(ACCOUNT_VALUE, false, Kind.DECIMAL);
    oneOf(CUSTOMER_HEALTH_SCORE, false, HealthScore.values());
    rule(RECENT_INTERACTIONS, false, Kind.TEXT);
    oneOf(CUSTOMER_SENTIMENT, false, Sentiment.values());
    rule(RENEWAL_DATE, false, Kind.DATE);
    rule(ACCOUNT_TIME_ZONE, false, Kind.TIME_ZONE);
    // Investigation & Findings
    rule(INITIAL_DIAGNOSIS, true, Kind.TEXT);
    rule(WORKAROUND_AVAILABLE, false, Kind.FLAG);
    rule(WORKAROUND_DESCRIPTION, false, Kind.TEXT);
    rule(ROOT_CAUSE, false, Kind.TEXT);
    rule(RELATED_ISSUES, false, Kind.TEXT);
    // Requested Action
    for (RequestedAction action : RequestedAction.values()) {
      rule(action.requested, false, Kind.FLAG);
    }
    rule(REQUESTED_ACTION_OTHER, false, Kind.ONE_LINE_TEXT);
    rule(PROPOSED_TIMELINE, false, Kind.DATE);
    rule(PRIORITY_JUSTIFICATION, true, Kind.TEXT);
    // Communication Plan
    rule(CUSTOMER_COMMITMENT, false, Kind.TEXT);
    oneOf(UPDATE_FREQUENCY, false, UpdateFrequency.values());
    rule(NEXT_UPDATE_DUE, false, Kind.DATE_TIME);
    rule(POINT_OF_CONTACT, false, Kind.ONE_LINE_TEXT);
  }

  private static void rule(ProcessVariable<?> variable, boolean required, Kind kind) {
    RULES.add(new Rule(variable, required, kind, List.of()));
  }

  private static void oneOf(ProcessVariable<?> variable, boolean required, Enum<?>[] values) {
    RULES.add(new Rule(variable, required, Kind.ENUMERATION, Arrays.stream(values).map(Enum::name).toList()));
  }

  private final ZoneId zone;

  public EscalationRequestValidator() {
    this(ZoneId.systemDefault());
  }

  EscalationRequestValidator(ZoneId zone) {
    this.zone = zone;
  }

  /** The template's fields this validator knows, for intake code and tests. */
  public static List<String> fieldNames() {
    return RULES.stream().map(r -> r.variable().name()).toList();
  }

  public static List<String> requiredFieldNames() {
    return RULES.stream().filter(Rule::required).map(r -> r.variable().name()).toList();
  }

  /**
   * @return the template's fields, typed; fields that were absent stay absent
   * @throws InvalidFieldException naming the first bad field, with every problem in its message
   */
  public Map<String, Object> validate(Map<String, ?> request) {
    Map<String, Object> typed = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (Rule rule : RULES) {
      String name = rule.variable().name();
      Object raw = request.get(name);
      if (isBlank(raw)) {
        if (rule.required()) {
          problems.put(name, "is required");
        }
        continue;
      }
      try {
        typed.put(name, convert(rule, raw));
      } catch (IllegalArgumentException e) {
        problems.put(name, e.getMessage());
      }
    }
    Object ticketId = typed.get(TICKET_ID.name());
    if (ticketId != null && !TICKET_ID_PATTERN.matcher((String) ticketId).matches()) {
      problems.put(TICKET_ID.name(), "'" + ticketId + "' is not a ticket ID like TICKET-12345");
    }
    if (!problems.isEmpty()) {
      String first = problems.keySet().iterator().next();
      String all = problems.entrySet().stream()
          .map(p -> p.getKey() + " " + p.getValue())
          .collect(Collectors.joining("; "));
      throw new InvalidFieldException(first, all);
    }
    return typed;
  }

  private Object convert(Rule rule, Object raw) {
    return switch (rule.kind()) {
      case ONE_LINE_TEXT -> noMarkup(rule, text(raw, ONE_LINE, false));
      case TEXT -> noMarkup(rule, text(raw, TEXT, true));
      case ENUMERATION -> {
        String value = text(raw, ONE_LINE, false);
        if (!rule.allowed().contains(value)) {
          throw new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", rule.allowed()));
        }
        yield value;
      }
      case DATE -> date(raw, false);
      case DATE_TIME -> date(raw, true);
      case WHOLE_NUMBER -> {
        Number number = number(raw);
        if (number.doubleValue() != Math.rint(number.doubleValue())) {
          throw new IllegalArgumentException("must be a whole number, was " + raw);
        }
        if (number.longValue() < 0) {
          throw new IllegalArgumentException("must not be negative");
        }
        yield number.longValue();
      }
      case DECIMAL -> {
        double value = number(raw).doubleValue();
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
          throw new IllegalArgumentException("must be a number of zero or more");
        }
        yield value;
      }
      case TIME_ZONE -> {
        String value = text(raw, ONE_LINE, false);
        try {
          yield ZoneId.of(value).getId();
        } catch (java.time.DateTimeException e) {
          throw new IllegalArgumentException("'" + value + "' is not a time zone like Europe/Berlin or Asia/Tokyo");
        }
      }
      case FLAG -> {
        if (raw instanceof Boolean b) {
          yield b;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
          yield Boolean.valueOf((String) raw);
        }
        throw new IllegalArgumentException("must be true or false");
      }
    };
  }

  private static String noMarkup(Rule rule, String value) {
    if (!MAY_QUOTE_MARKUP.contains(rule.variable().name()) && MARKUP.matcher(value).find()) {
      throw new IllegalArgumentException("must not contain markup (HTML tags, entities or script links)");
    }
    return value;
  }

  private static String text(Object raw, int maxLength, boolean multiLine) {
    if (!(raw instanceof String s)) {
      throw new IllegalArgumentException("must be text");
    }
    String value = s.strip();
    if (value.length() > maxLength) {
      throw new IllegalArgumentException("is longer than " + maxLength + " characters");
    }
    if (CONTROL_CHARACTERS.matcher(value).find() || (!multiLine && (value.contains("\n") || value.contains("\r")))) {
      throw new IllegalArgumentException("contains control characters");
    }
    return value;
  }

  private static Number number(Object raw) {
    if (raw instanceof Number n) {
      return n;
    }
    if (raw instanceof String s) {
      try {
        return Double.valueOf(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a number, was '" + s + "'");
      }
    }
    throw new IllegalArgumentException("must be a number");
  }

  private Date date(Object raw, boolean withTime) {
    if (raw instanceof Date d) {
      return d;
    }
    if (!(raw instanceof String s)) {
      throw new IllegalArgumentException("must be a date");
    }
    String value = s.strip();
    try {
      if (!withTime || value.length() == 10) {
        return Date.from(LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value).atStartOfDay(zone).toInstant());
      }
      try {
        return Date.from(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException noOffset) {
        return Date.from(LocalDateTime.parse(value).atZone(zone).toInstant());
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + value + "' is not a date (YYYY-MM-DD" + (withTime ? " or YYYY-MM-DDTHH:MM" : "") + ")");
    }
  }

  private static boolean isBlank(Object raw) {
    return raw == null || (raw instanceof String s && s.isBlank());
  }
}
