package com.octoacme.support.escalation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.octoacme.support.escalation.EscalationRequest.Limits;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The escalation template's own constraints, for {@link EscalationRequest}. Each refusal is a short
 * phrase in plain language ("markup is not allowed") that reads after the field's name or its label.
 */
public final class EscalationConstraints {

  private EscalationConstraints() {}

  // Line breaks and tabs belong in text areas; other C0 controls, DEL and the C1 controls nowhere.
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");
  private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\t\\u2028\\u2029\\u0085]");
  // Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the marks (U+200E/F, U+061C):
  // they make a text read differently from what it holds.
  private static final Pattern BIDI = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]");
  // Zero-width space, non-joiner, joiner, word joiner, BOM: invisible, they make two equal-looking IDs differ.
  private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u180E]");
  // Markup has no place in the template's fields; only pasted error messages and logs may quote it
  // (they are stored as text and escaped wherever they are shown or sent).
  private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;|javascript:", Pattern.CASE_INSENSITIVE);
  // A contact: an address, or a name with the address in angle brackets (RFC 5322's name-addr).
  private static final Pattern NAME_ADDR = Pattern.compile("^([^<>]*?)\\s*<([^<>]*)>$");
  private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  /** What is wrong with a one-line text, if anything. */
  static Optional<String> oneLineProblem(String value, int max) {
    if (value.length() > max) {
      return Optional.of("is longer than " + max + " characters");
    }
    if (LINE_BREAK.matcher(value).find()) {
      return Optional.of("must be one line (line breaks and tabs are not allowed)");
    }
    return characterProblem(value, true);
  }

  static Optional<String> textProblem(String value, int max) {
    if (value.length() > max) {
      return Optional.of("is longer than " + max + " characters");
    }
    return characterProblem(value, false);
  }

  private static Optional<String> characterProblem(String value, boolean oneLine) {
    if (CONTROL.matcher(value).find()) {
      return Optional.of("control characters are not allowed");
    }
    if (hasLoneSurrogate(value)) {
      return Optional.of("contains a broken character (a lone surrogate)");
    }
    if (oneLine && BIDI.matcher(value).find()) {
      return Optional.of("bidirectional control characters (such as U+202E) are not allowed");
    }
    if (oneLine && ZERO_WIDTH.matcher(value).find()) {
      return Optional.of("zero-width characters are not allowed");
    }
    return Optional.empty();
  }

  private static boolean hasLoneSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  static Optional<String> markupProblem(String value) {
    return MARKUP.matcher(value).find() ? Optional.of("markup is not allowed") : Optional.empty();
  }

  /** The address of a contact written as "Name &lt;address&gt;" or as a bare address; empty for a bare name. */
  public static Optional<String> contactAddress(String contact) {
    if (contact == null) {
      return Optional.empty();
    }
    Matcher nameAddr = NAME_ADDR.matcher(contact.strip());
    if (nameAddr.matches()) {
      return Optional.of(nameAddr.group(2));
    }
    return ADDRESS.matcher(contact.strip()).matches() ? Optional.of(contact.strip()) : Optional.empty();
  }

  /** Reports one problem as the violation's message; a message is plain text, never a template. */
  private static boolean refuse(ConstraintValidatorContext context, String problem) {
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(problem.replaceAll("([\\\\{}$])", "\\\\$1")).addConstraintViolation();
    return false;
  }

  private static boolean check(ConstraintValidatorContext context, Optional<String> problem) {
    return problem.map(p -> refuse(context, p)).orElse(true);
  }

  // ------------------------------------------------------------------------------------------ one-line text

  /** One line of text: at most {@link Limits#ONE_LINE} characters, no markup, no line breaks or invisible controls. */
  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = OneLineValidator.class)
  public @interface OneLine {
    int max() default Limits.ONE_LINE;
    String message() default "is not one line of text";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  public static class OneLineValidator implements ConstraintValidator<OneLine, String> {
    private int max;

    @Override
    public void initialize(OneLine annotation) {
      max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || check(context, oneLineProblem(value, max).or(() -> markupProblem(value)));
    }
  }

  // ------------------------------------------------------------------------------------------ multi-line text

  /** Text of several lines: at most {@link Limits#TEXT} characters, no markup unless it may be quoted, no controls. */
  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = TextValidator.class)
  public @interface Text {
    int max() default Limits.TEXT;
    /** Pasted error messages and logs may quote markup: it is stored as text and escaped wherever shown. */
    boolean mayQuoteMarkup() default false;
    String message() default "is not text";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  public static class TextValidator implements ConstraintValidator<Text, String> {
    private Text annotation;

    @Override
    public void initialize(Text annotation) {
      this.annotation = annotation;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      Optional<String> problem = textProblem(value, annotation.max());
      if (problem.isEmpty() && !annotation.mayQuoteMarkup()) {
        problem = markupProblem(value);
      }
      return check(context, problem);
    }
  }

  // ------------------------------------------------------------------------------------------ contact

  /** A customer contact: a name, an address, or "Name &lt;name@example.com&gt;" (mail goes to the address). */
  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = ContactValidator.class)
  public @interface Contact {
    String message() default "is not a contact";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  public static class ContactValidator implements ConstraintValidator<Contact, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      Optional<String> problem = oneLineProblem(value, Limits.ONE_LINE);
      if (problem.isEmpty()) {
        Matcher nameAddr = NAME_ADDR.matcher(value);
        if (nameAddr.matches()) {
          // The angle brackets are the address's; the name itself must hold no markup.
          problem = ADDRESS.matcher(nameAddr.group(2)).matches()
              ? markupProblem(nameAddr.group(1))
              : Optional.of("'" + nameAddr.group(2) + "' is not an e-mail address (write Name <name@example.com>)");
        } else {
          problem = markupProblem(value);
        }
      }
      return check(context, problem);
    }
  }

  // ------------------------------------------------------------------------------------------ ticket ID

  /** The ticketing system's ticket ID: at most {@link Limits#TICKET_ID_MAX} characters, matching {@link TicketIdPattern}. */
  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = TicketIdValidator.class)
  public @interface TicketId {
    String message() default "is not a ticket ID";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  /** Spring creates it (SpringConstraintValidatorFactory), with the configured pattern. */
  public static class TicketIdValidator implements ConstraintValidator<TicketId, String> {
    private final TicketIdPattern pattern;

    public TicketIdValidator(TicketIdPattern pattern) {
      this.pattern = pattern;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      Optional<String> problem = oneLineProblem(value, Limits.TICKET_ID_MAX);
      if (problem.isEmpty() && !pattern.matches(value)) {
        problem = Optional.of("'" + value + "' is not a ticket ID like " + pattern.examples());
      }
      return check(context, problem);
    }
  }

  // ------------------------------------------------------------------------------------------ enumerations

  /** One of an enumeration's constant names, exactly (the option values of the form's select). */
  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = OneOfValidator.class)
  public @interface OneOf {
    Class<? extends Enum<?>> value();
    String message() default "is not one of the allowed values";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  public static class OneOfValidator implements ConstraintValidator<OneOf, String> {
    private List<String> allowed;

    @Override
    public void initialize(OneOf annotation) {
      allowed = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).toList();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || allowed.contains(value)) {
        return true;
      }
      Optional<String> problem = oneLineProblem(value, Limits.ONE_LINE);
      return refuse(context, problem.orElse("'" + value + "' is not one of " + String.join(", ", allowed)));
    }
  }

  // ------------------------------------------------------------------------------------------ dates

  /** A date of this world: from 1900 on, and, for what has happened, not in the future. */
  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = PlausibleDateValidator.class)
  public @interface PlausibleDate {
    /** For dates of what has happened (the reported date). */
    boolean notInFuture() default false;
    String message() default "is not a plausible date";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  public static class PlausibleDateValidator implements ConstraintValidator<PlausibleDate, Temporal> {
    private boolean notInFuture;

    @Override
    public void initialize(PlausibleDate annotation) {
      notInFuture = annotation.notInFuture();
    }

    @Override
    public boolean isValid(Temporal value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      LocalDate date = value instanceof OffsetDateTime instant ? instant.toLocalDate() : LocalDate.from(value);
      if (date.getYear() < Limits.EARLIEST_YEAR) {
        return refuse(context, "must not be before " + Limits.EARLIEST_YEAR + ", was " + date);
      }
      // "Today" somewhere on earth: the customer's today may be ahead of the support centre's.
      LocalDate latestToday = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.ofHours(14)).toLocalDate();
      if (notInFuture && date.isAfter(latestToday)) {
        return refuse(context, "must not be in the future, was " + date);
      }
      return true;
    }
  }

  // ------------------------------------------------------------------------------------------ finite numbers

  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = FiniteValidator.class)
  public @interface Finite {
    String message() default "must be a number";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  public static class FiniteValidator implements ConstraintValidator<Finite, Double> {
    @Override
    public boolean isValid(Double value, ConstraintValidatorContext context) {
      return value == null || Double.isFinite(value);
    }
  }

  // ------------------------------------------------------------------------------------------ time zones

  @Target({FIELD, PARAMETER, RECORD_COMPONENT})
  @Retention(RUNTIME)
  @Constraint(validatedBy = TimeZoneIdValidator.class)
  public @interface TimeZoneId {
    String message() default "is not a time zone";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
  }

  public static class TimeZoneIdValidator implements ConstraintValidator<TimeZoneId, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      Optional<String> problem = oneLineProblem(value, Limits.ONE_LINE);
      if (problem.isEmpty()) {
        try {
          ZoneId.of(value);
        } catch (DateTimeException e) {
          problem = Optional.of("'" + value + "' is not a time zone like Europe/Berlin or Asia/Tokyo");
        }
      }
      return check(context, problem);
    }
  }
}
