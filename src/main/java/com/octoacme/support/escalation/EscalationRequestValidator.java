package com.octoacme.support.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one validation of an escalation request, whichever way it came: binds the start form's
 * variables into an {@link EscalationRequest} (refusing fields the request does not have, and values of
 * the wrong type), then checks it with Bean Validation and the template's constraints
 * ({@link EscalationConstraints}). A refusal names its field ({@link InvalidFieldException}), tells people
 * what is wrong under the field's label on the start form, and is logged as one WARN line.
 */
@Component
public class EscalationRequestValidator {

  private static final Logger log = LoggerFactory.getLogger(EscalationRequestValidator.class);
  /** The start form, whose labels name the fields for people. */
  static final String START_FORM = "escalation-start.form";
  private static final int LOGGED_VALUE_LENGTH = 80;

  private static final List<RecordComponent> COMPONENTS = List.of(EscalationRequest.class.getRecordComponents());
  private static final List<String> FIELDS = COMPONENTS.stream().map(RecordComponent::getName).toList();

  private final Validator validator;
  private final ZoneId zone;
  private final Map<String, String> labels;

  @Autowired
  public EscalationRequestValidator(Validator validator) {
    this(validator, ZoneId.systemDefault());
  }

  EscalationRequestValidator(Validator validator, ZoneId zone) {
    this.validator = validator;
    this.zone = zone;
    this.labels = startFormLabels();
  }

  /** The template's fields, in the template's order. */
  public static List<String> fieldNames() {
    return FIELDS;
  }

  public static List<String> requiredFieldNames() {
    return Arrays.stream(EscalationRequest.class.getDeclaredFields())
        .filter(f -> f.isAnnotationPresent(NotBlank.class) || f.isAnnotationPresent(NotNull.class))
        .map(Field::getName).filter(FIELDS::contains).sorted(Comparator.comparingInt(FIELDS::indexOf)).toList();
  }

  /** The zone a date's day starts in, for the process's variables. */
  public ZoneId zone() {
    return zone;
  }

  /** The field's label on the start form ("Reported by"), or its name when the form has none. */
  public String labelOf(String field) {
    return labels.getOrDefault(field, field);
  }

  /**
   * Binds what a start of the process carries (the start form's values, or any start's variables) and
   * validates it.
   *
   * @throws InvalidFieldException for a field the request does not have (also one the process sets itself,
   *     such as escalationLevel or escalationOpenedBy), a value of the wrong type, or a broken rule
   */
  public EscalationRequest bindAndValidate(Map<String, ?> variables) {
    EscalationRequest request = bind(variables);
    validate(request);
    return request;
  }

  /**
   * @throws InvalidFieldException naming the first bad field (in the template's order), with every problem
   */
  public void validate(EscalationRequest request) {
    Set<ConstraintViolation<EscalationRequest>> violations = validator.validate(request);
    if (violations.isEmpty()) {
      return;
    }
    Map<String, Problem> problems = new LinkedHashMap<>();
    violations.stream()
        .sorted(Comparator.comparingInt((ConstraintViolation<EscalationRequest> v) -> FIELDS.indexOf(field(v)))
            .thenComparing(ConstraintViolation::getMessage))
        .forEach(v -> problems.putIfAbsent(field(v), new Problem(describe(v), v.getInvalidValue())));
    throw refused(request.ticketId(), problems);
  }

  private static String field(ConstraintViolation<?> violation) {
    return violation.getPropertyPath().toString();
  }

  private static String describe(ConstraintViolation<?> violation) {
    Class<?> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
    if (constraint == NotBlank.class || constraint == NotNull.class) {
      return "is required";
    }
    return violation.getMessage();
  }

  // ------------------------------------------------------------------------------------------ binding

  /** What is wrong with one field, and the value that was refused (for the log). */
  private record Problem(String text, Object value) {}

  EscalationRequest bind(Map<String, ?> variables) {
    Map<String, Problem> problems = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : variables.entrySet()) {
      if (!FIELDS.contains(entry.getKey())) {
        problems.put(entry.getKey(), new Problem(notAField(entry.getKey()), entry.getValue()));
      }
    }
    Object[] values = new Object[COMPONENTS.size()];
    for (int i = 0; i < COMPONENTS.size(); i++) {
      RecordComponent component = COMPONENTS.get(i);
      Object raw = variables.get(component.getName());
      if (raw == null) {
        continue;
      }
      try {
        values[i] = convert(component.getType(), raw);
      } catch (IllegalArgumentException e) {
        problems.put(component.getName(), new Problem(e.getMessage(), raw));
      }
    }
    if (!problems.isEmpty()) {
      throw refused(ticketIdOf(variables), problems);
    }
    try {
      return EscalationRequest.class.getDeclaredConstructor(COMPONENTS.stream().map(RecordComponent::getType)
          .toArray(Class<?>[]::new)).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create an EscalationRequest", e);
    }
  }

  private static String notAField(String name) {
    boolean catalogued = Arrays.stream(EscalationVariables.class.getFields())
        .anyMatch(f -> {
          try {
            return f.get(null) instanceof ProcessVariable<?> variable && variable.name().equals(name);
          } catch (IllegalAccessException e) {
            return false;
          }
        });
    return catalogued
        ? "is set by the process itself, not by the escalation request"
        : "is not a field of the escalation request";
  }

  private static String ticketIdOf(Map<String, ?> variables) {
    return variables.get(EscalationVariables.TICKET_ID.name()) instanceof String s ? s : null;
  }

  private Object convert(Class<?> type, Object raw) {
    if (type == String.class) {
      if (raw instanceof String s) {
        return s;
      }
      throw new IllegalArgumentException("must be text");
    }
    if (type == Long.class) {
      return wholeNumber(raw);
    }
    if (type == Double.class) {
      return number(raw);
    }
    if (type == Boolean.class) {
      if (raw instanceof Boolean b) {
        return b;
      }
      if ("true".equals(raw) || "false".equals(raw)) {
        return Boolean.valueOf((String) raw);
      }
      throw new IllegalArgumentException("must be true or false");
    }
    if (type == LocalDate.class) {
      return date(raw);
    }
    if (type == OffsetDateTime.class) {
      return dateTime(raw);
    }
    throw new IllegalStateException("no conversion to " + type);
  }

  private static Long wholeNumber(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    BigDecimal value;
    if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
      value = new BigDecimal(n.toString());
    } else if (raw instanceof String s && s.strip().matches("-?[0-9]{1,18}")) {
      value = new BigDecimal(s.strip());
    } else {
      throw new IllegalArgumentException("must be a whole number, was '" + raw + "'");
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("must be a whole number, was " + raw);
    }
  }

  private static Double number(Object raw) {
    double value;
    if (raw instanceof Number n) {
      value = n.doubleValue();
    } else if (raw instanceof String s && s.strip().matches("-?[0-9]+(\\.[0-9]+)?")) {
      value = Double.parseDouble(s.strip());
    } else {
      throw new IllegalArgumentException("must be a number, was '" + raw + "'");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("must be a number");
    }
    return value;
  }

  private LocalDate date(Object raw) {
    if (raw instanceof Date d) {
      return d.toInstant().atZone(zone).toLocalDate();
    }
    if (raw instanceof LocalDate d) {
      return d;
    }
    if (raw instanceof String s) {
      try {
        // ISO-8601 exactly: no trailing text, no time, no rolled-over days
        return LocalDate.parse(s.strip());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + s + "' is not a date (YYYY-MM-DD)");
      }
    }
    // a number is no date: epoch seconds or milliseconds are ambiguous
    throw new IllegalArgumentException("must be a date (YYYY-MM-DD), not " + (raw instanceof Number ? "a number" : "'" + raw + "'"));
  }

  private OffsetDateTime dateTime(Object raw) {
    if (raw instanceof Date d) {
      return d.toInstant().atZone(zone).toOffsetDateTime();
    }
    if (raw instanceof OffsetDateTime d) {
      return d;
    }
    if (raw instanceof String s) {
      String value = s.strip();
      try {
        return OffsetDateTime.parse(value);
      } catch (DateTimeParseException withoutOffset) {
        try {
          return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException notADateTime) {
          try {
            return LocalDate.parse(value).atStartOfDay(zone).toOffsetDateTime();
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)");
          }
        }
      }
    }
    throw new IllegalArgumentException("must be a date-time (YYYY-MM-DDTHH:MM), not "
        + (raw instanceof Number ? "a number" : "'" + raw + "'"));
  }

  // ------------------------------------------------------------------------------------------ refusal

  private InvalidFieldException refused(String ticketId, Map<String, Problem> problems) {
    String first = problems.keySet().iterator().next();
    String technical = problems.entrySet().stream().map(p -> p.getKey() + " " + p.getValue().text())
        .collect(Collectors.joining("; "));
    String forPeople = problems.entrySet().stream().map(p -> labelOf(p.getKey()) + ": " + p.getValue().text())
        .collect(Collectors.joining("; "));
    // A typo is no error of the application: one line, the refused values with their controls made visible.
    log.warn("Escalation request {} refused: {}", neutralised(ticketId == null ? "(no ticket ID)" : ticketId),
        problems.entrySet().stream()
            .map(p -> p.getKey() + " " + neutralised(p.getValue().text()) + " (value: " + neutralised(p.getValue().value()) + ")")
            .collect(Collectors.joining("; ")));
    return new InvalidFieldException(first, technical, forPeople);
  }

  /**
   * The value as one printable line: CR, LF, tabs, escape and every other control, and the invisible
   * format characters (bidi overrides, zero-width), are written as \\uXXXX; long values are cut.
   */
  public static String neutralised(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    boolean cut = text.length() > LOGGED_VALUE_LENGTH;
    StringBuilder out = new StringBuilder();
    for (char c : (cut ? text.substring(0, LOGGED_VALUE_LENGTH) : text).toCharArray()) {
      int type = Character.getType(c);
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return cut ? out + "... (" + text.length() + " characters)" : out.toString();
  }

  private static Map<String, String> startFormLabels() {
    Map<String, String> labels = new HashMap<>();
    try (InputStream form = EscalationRequestValidator.class.getClassLoader().getResourceAsStream(START_FORM)) {
      if (form == null) {
        return labels;
      }
      collectLabels(new ObjectMapper().readTree(form), labels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the start form " + START_FORM, e);
    }
    return labels;
  }

  private static void collectLabels(JsonNode component, Map<String, String> labels) {
    // a date field's label is its dateLabel
    JsonNode label = component.hasNonNull("label") ? component.get("label") : component.get("dateLabel");
    if (component.hasNonNull("key") && label != null && !label.isNull()) {
      labels.put(component.get("key").asText(), label.asText());
    }
    for (JsonNode child : component.path("components")) {
      collectLabels(child, labels);
    }
  }
}
