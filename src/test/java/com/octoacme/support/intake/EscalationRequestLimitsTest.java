package com.octoacme.support.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.escalation.EscalationConstraints.Contact;
import com.octoacme.support.escalation.EscalationConstraints.OneLine;
import com.octoacme.support.escalation.EscalationConstraints.Text;
import com.octoacme.support.escalation.EscalationConstraints.TicketId;
import com.octoacme.support.escalation.EscalationConstraints.TicketIdValidator;
import com.octoacme.support.escalation.EscalationConstraints.TimeZoneId;
import com.octoacme.support.escalation.EscalationRequest;
import com.octoacme.support.escalation.EscalationRequest.Limits;
import com.octoacme.support.escalation.EscalationRequestValidator;
import com.octoacme.support.escalation.TicketIdPattern;
import com.octoacme.support.testing.ProcessTest;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each limit of the escalation request is defined once ({@link Limits}, the configured ticket-ID pattern)
 * and is the same on the start form, in the API's request, in the validator and in the database columns.
 */
@ProcessTest
class EscalationRequestLimitsTest {

  @Autowired TicketIdPattern ticketIdPattern;
  @Autowired JdbcTemplate jdbc;

  /** The longest text each field takes, by its constraint annotation. */
  static Map<String, Integer> javaMaxLengths() {
    Map<String, Integer> limits = new TreeMap<>();
    for (Field field : EscalationRequest.class.getDeclaredFields()) {
      if (field.isAnnotationPresent(OneLine.class)) {
        limits.put(field.getName(), field.getAnnotation(OneLine.class).max());
      } else if (field.isAnnotationPresent(Text.class)) {
        limits.put(field.getName(), field.getAnnotation(Text.class).max());
      } else if (field.isAnnotationPresent(Contact.class)) {
        limits.put(field.getName(), Limits.ONE_LINE);
      } else if (field.isAnnotationPresent(TimeZoneId.class)) {
        limits.put(field.getName(), Limits.ONE_LINE);
      } else if (field.isAnnotationPresent(TicketId.class)) {
        limits.put(field.getName(), Limits.TICKET_ID_MAX);
      }
    }
    return limits;
  }

  static List<JsonNode> formFields() throws IOException {
    List<JsonNode> fields = new ArrayList<>();
    collect(new ObjectMapper().readTree(new File("forms/escalation-start.form")), fields);
    return fields;
  }

  private static void collect(JsonNode component, List<JsonNode> fields) {
    if (component.hasNonNull("key")) {
      fields.add(component);
    }
    component.path("components").forEach(child -> collect(child, fields));
  }

  @Test
  void theStartFormsMaxLengthsAreTheJavaLimits() throws IOException {
    Map<String, Integer> form = new TreeMap<>();
    for (JsonNode field : formFields()) {
      if (List.of("textfield", "textarea").contains(field.get("type").asText())) {
        form.put(field.get("key").asText(), field.path("validate").path("maxLength").asInt(-1));
      }
    }
    assertThat(form).isEqualTo(javaMaxLengths());
    assertThat(form.get("ticketId")).isEqualTo(64);
  }

  @Test
  void theStartFormsRequiredFieldsAreTheRequestsRequiredFields() throws IOException {
    List<String> required = formFields().stream().filter(f -> f.path("validate").path("required").asBoolean())
        .map(f -> f.get("key").asText()).toList();
    assertThat(required).containsExactlyInAnyOrderElementsOf(EscalationRequestValidator.requiredFieldNames());
  }

  @Test
  void theStartFormsTicketIdPatternIsTheConfiguredOne() throws IOException {
    JsonNode ticketId = formFields().stream().filter(f -> f.get("key").asText().equals("ticketId")).findFirst().orElseThrow();
    // form-js tests the pattern anywhere in the value: anchored, it means what the Java side's matches() means
    assertThat(ticketId.path("validate").path("pattern").asText()).isEqualTo("^(?:" + ticketIdPattern.regex() + ")$");
  }

  @Test
  void everyTicketIdColumnIsAsLongAsTheLimit() {
    Map<String, Integer> columns = new LinkedHashMap<>();
    jdbc.query("select table_name, character_maximum_length from information_schema.columns "
        + "where lower(column_name) = 'ticket_id' and lower(table_schema) = 'public'",
        rs -> {
          columns.put(rs.getString(1).toLowerCase(), rs.getInt(2));
        });
    assertThat(columns).containsKeys("escalation_intake", "escalation_event", "escalation_level_change", "notification");
    assertThat(columns.values()).allMatch(length -> length == Limits.TICKET_ID_MAX);
  }

  @Test
  void theTicketIdPatternIsConfiguration_anotherSystemsIdsAreAcceptedOnlyWhenConfigured() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ticketId", "INC0012345");
    fields.put("customerName", "Globex");
    fields.put("accountTier", "PRO");
    fields.put("reportedBy", "jane@globex.example");
    fields.put("reportedDate", java.time.LocalDate.of(2026, 11, 20));
    fields.put("issueType", "CONFIRMED_BUG");
    fields.put("issueSummary", "Checkout fails");
    fields.put("problemDescription", "It fails.");
    fields.put("usersAffected", 3L);
    fields.put("businessImpact", "Orders");
    fields.put("urgency", "LOW");
    fields.put("initialDiagnosis", "Diagnosis");
    fields.put("priorityJustification", "Revenue");
    EscalationRequest request = request(fields);
    assertThat(violations(request, new TicketIdPattern("[A-Z][A-Z0-9]*-[0-9]+|[0-9]+", "SUP-123 or 48213")))
        .containsExactly("ticketId 'INC0012345' is not a ticket ID like SUP-123 or 48213");
    // ServiceNow's incident numbers, once configured
    assertThat(violations(request, new TicketIdPattern("INC[0-9]{7}", "INC0012345"))).isEmpty();
  }

  /** A request of these fields (by component name), the others absent. */
  private static EscalationRequest request(Map<String, Object> values) {
    var components = EscalationRequest.class.getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = values.get(components[i].getName());
    }
    try {
      return EscalationRequest.class.getDeclaredConstructor(java.util.Arrays.stream(components)
          .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> violations(EscalationRequest request, TicketIdPattern pattern) {
    ConstraintValidatorFactory defaults = Validation.buildDefaultValidatorFactory().getConstraintValidatorFactory();
    Validator validator = Validation.byDefaultProvider().configure()
        .constraintValidatorFactory(new ConstraintValidatorFactory() {
          @Override
          @SuppressWarnings("unchecked")
          public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
            return key == TicketIdValidator.class ? (T) new TicketIdValidator(pattern) : defaults.getInstance(key);
          }

          @Override
          public void releaseInstance(ConstraintValidator<?, ?> instance) {}
        }).buildValidatorFactory().getValidator();
    return validator.validate(request).stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).toList();
  }
}
