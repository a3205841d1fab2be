package com.octoacme.support.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads a request body strictly: JSON types must be the field's (no "12" for a number, no 12 for a
 * text, no 1.5 for a whole number), unknown and duplicate fields are refused, then Bean Validation runs.
 * Every refusal names its field. The application's own ObjectMapper stays as lenient as Spring Boot made it.
 */
@Component
class JsonBodies {

  private final ObjectMapper strict;
  private final Validator validator;

  JsonBodies(ObjectMapper applicationMapper, Validator validator) {
    this.validator = validator;
    this.strict = applicationMapper.copy()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    this.strict.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
        LogicalType.DateTime)) {
      strict.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
              ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, type == LogicalType.Textual || type == LogicalType.DateTime
              ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
    // Dates exactly as ISO-8601 text: no epoch numbers, no rolled-over days.
    strict.setDefaultLeniency(false);
  }

  /** The body as the record, checked; {@link ApiException} 400 naming the field when it is not. */
  <T extends Record> T read(byte[] body, Class<T> type) {
    T value = bind(body, type);
    checkConstraints(value, type);
    return value;
  }

  /** The body as the record, its JSON types checked; its constraints are for the caller to check. */
  <T extends Record> T bind(byte[] body, Class<T> type) {
    if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw ApiException.badRequest(null, "the request body is empty: send a JSON object");
    }
    T value;
    try {
      value = strict.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest(e.getPropertyName(), e.getPropertyName() + " is not a field of this request; the "
          + "fields are " + Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
          .collect(Collectors.joining(", ")));
    } catch (JsonMappingException e) {
      throw mappingProblem(e, type);
    } catch (JsonParseException e) {
      throw parseProblem(e);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(null, "the request body is not valid JSON");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (value == null) {
      throw ApiException.badRequest(null, "the request body must be a JSON object, not null");
    }
    return value;
  }

  private <T extends Record> void checkConstraints(T value, Class<T> type) {
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (violations.isEmpty()) {
      return;
    }
    List<String> order = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    List<ConstraintViolation<T>> sorted = violations.stream()
        .sorted(Comparator.comparingInt((ConstraintViolation<T> v) -> order.indexOf(v.getPropertyPath().toString()))
            .thenComparing(v -> v.getMessage()))
        .toList();
    String field = sorted.get(0).getPropertyPath().toString();
    String message = sorted.stream().map(v -> v.getPropertyPath() + " " + describe(v)).distinct()
        .collect(Collectors.joining("; "));
    throw ApiException.badRequest(field, message);
  }

  private static String describe(ConstraintViolation<?> violation) {
    String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    return switch (constraint) {
      case "NotBlank", "NotNull" -> "is required";
      default -> violation.getMessage();
    };
  }

  private static ApiException mappingProblem(JsonMappingException e, Class<?> type) {
    String field = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    if (field.isEmpty()) {
      return ApiException.badRequest(null, "the request body must be a JSON object");
    }
    String topField = e.getPath().get(0).getFieldName();
    if (hasCause(e, JsonParseException.class)) {
      return ApiException.badRequest(topField, "the request body is not valid JSON in the value of " + topField);
    }
    if (hasCause(e, InputCoercionException.class)) {
      return ApiException.badRequest(topField, topField + " is out of range");
    }
    return ApiException.badRequest(topField, topField + " must be " + expected(type, topField));
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /** What JSON a field takes, for the message. */
  static String expected(Class<?> type, String field) {
    Class<?> fieldType = Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(field))
        .map(RecordComponent::getType).findFirst().orElse(Object.class);
    if (fieldType == String.class) {
      return "text (a JSON string)";
    } else if (fieldType == Long.class) {
      return "a whole number (a JSON number)";
    } else if (fieldType == Double.class) {
      return "a number (a JSON number)";
    } else if (fieldType == Boolean.class) {
      return "true or false";
    } else if (fieldType == LocalDate.class) {
      return "a date like 2026-11-20";
    } else if (fieldType == OffsetDateTime.class) {
      return "a date-time with offset like 2026-11-20T09:30:00+01:00";
    }
    return "a " + fieldType.getSimpleName();
  }

  private static ApiException parseProblem(JsonParseException e) {
    String message = String.valueOf(e.getOriginalMessage());
    JsonParser parser = e.getProcessor();
    if (message.startsWith("Duplicate field") && parser != null) {
      String field = parser.getParsingContext().getCurrentName();
      return ApiException.badRequest(field, field + " appears more than once");
    }
    var location = e.getLocation();
    return ApiException.badRequest(null, "the request body is not valid JSON"
        + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
  }
}
