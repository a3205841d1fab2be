package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.NEXT_UPDATE_DUE;
import static com.octoacme.support.escalation.EscalationVariables.POINT_OF_CONTACT;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;
import static com.octoacme.support.escalation.EscalationVariables.UPDATE_FREQUENCY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.testing.EscalationRequests;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ticketing system's side of /api/escalations, for tests: raw JSON in, status and JSON out. */
final class IntakeApi {

  static final ObjectMapper JSON = new ObjectMapper();

  private final TestRestTemplate rest;

  IntakeApi(TestRestTemplate rest) {
    this.rest = rest;
  }

  /** A complete, valid request as the ticketing system sends it: typed JSON values. */
  static Map<String, Object> validRequest() {
    return validRequest("HOW_TO_QUESTION", "FREE", "LOW", 1);
  }

  static Map<String, Object> validRequest(String issueType, String accountTier, String urgency, int usersAffected) {
    return new LinkedHashMap<>(EscalationRequests.request(issueType, accountTier, urgency, usersAffected));
  }

  /**
   * The request with the template's communication plan filled in, as a ticketing system that tracks it sends it.
   * Escalations that tests drive into handling use it.
   */
  static Map<String, Object> withCommunicationPlan(Map<String, Object> request) {
    request.put(UPDATE_FREQUENCY.name(), "DAILY");
    request.put(NEXT_UPDATE_DUE.name(), java.time.OffsetDateTime.now().plusDays(1).withNano(0).toString());
    request.put(POINT_OF_CONTACT.name(), "sam.support");
    return request;
  }

  static String ticketOf(Map<String, Object> request) {
    return (String) request.get(TICKET_ID.name());
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  Reply open(Map<String, Object> request) {
    return post("/api/escalations", json(request), null);
  }

  Reply open(Map<String, Object> request, String idempotencyKey) {
    return post("/api/escalations", json(request), idempotencyKey);
  }

  Reply post(String path, String body, String idempotencyKey) {
    return send(HttpMethod.POST, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        MediaType.APPLICATION_JSON, idempotencyKey);
  }

  Reply get(String path) {
    return send(HttpMethod.GET, path, null, null, null);
  }

  Reply event(String ticketId, String event, Object body) {
    return post("/api/escalations/" + ticketId + "/events/" + event, body == null ? null : json(body), null);
  }

  Reply send(HttpMethod method, String path, byte[] body, MediaType contentType, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    if (contentType != null) {
      headers.setContentType(contentType);
    }
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    ResponseEntity<String> response = rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    return new Reply(response);
  }

  /** An answer: its status, headers and JSON body. */
  record Reply(ResponseEntity<String> response) {

    HttpStatus status() {
      return HttpStatus.valueOf(response.getStatusCode().value());
    }

    JsonNode body() {
      assertThat(response.getBody()).as("body of a %s answer", response.getStatusCode()).isNotNull();
      try {
        return JSON.readTree(response.getBody());
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON: " + response.getBody(), e);
      }
    }

    String text(String field) {
      JsonNode node = body().get(field);
      return node == null || node.isNull() ? null : node.asText();
    }

    /** Asserts the status and that the body is the /api error shape, naming this field (null: none). */
    Reply isError(HttpStatus expected, String field) {
      assertThat(status()).as("status of %s", response.getBody()).isEqualTo(expected);
      assertThat(response.getHeaders().getContentType()).isNotNull();
      assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
      JsonNode error = body();
      assertThat(error.get("status").asInt()).isEqualTo(expected.value());
      assertThat(error.get("error").asText()).isEqualTo(expected.getReasonPhrase());
      assertThat(error.get("message").asText()).isNotBlank();
      assertThat(error.has("field")).as("the error names 'field' (maybe null)").isTrue();
      assertThat(error.has("ticketId")).as("the error names 'ticketId' (maybe null)").isTrue();
      assertThat(text("field")).as("field named by %s", response.getBody()).isEqualTo(field);
      return this;
    }

    String message() {
      return text("message");
    }
  }

  /** What the engine and the app's tables hold: no refused request may change any of it. */
  record Snapshot(long instances, long historicInstances, long tasks, String taskStates, long variables,
      String variableValues, long historicVariables, long jobs, long eventSubscriptions, long intakes, long events,
      long levelChanges) {

    static Snapshot of(ProcessEngine engine, JdbcTemplate jdbc) {
      return new Snapshot(
          engine.getRuntimeService().createProcessInstanceQuery().count(),
          engine.getHistoryService().createHistoricProcessInstanceQuery().count(),
          engine.getTaskService().createTaskQuery().count(),
          engine.getTaskService().createTaskQuery().orderByTaskId().asc().list().stream()
              .map(t -> t.getId() + ":" + t.getTaskDefinitionKey() + ":" + t.getAssignee() + ":" + t.getDueDate())
              .toList().toString(),
          engine.getRuntimeService().createVariableInstanceQuery().count(),
          digest(engine.getRuntimeService().createVariableInstanceQuery().disableCustomObjectDeserialization()
              .orderByVariableName().asc().list().stream()
              .map(v -> v.getId() + ":" + v.getName() + "=" + v.getValue())
              .sorted().toList().toString()),
          engine.getHistoryService().createHistoricVariableInstanceQuery().count(),
          engine.getManagementService().createJobQuery().count(),
          engine.getRuntimeService().createEventSubscriptionQuery().count(),
          count(jdbc, "escalation_intake"),
          count(jdbc, "escalation_event"),
          count(jdbc, "escalation_level_change"));
    }

    /** A short fingerprint of every variable's value, so that a changed value shows without printing them all. */
    private static String digest(String text) {
      try {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
            .digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static long count(JdbcTemplate jdbc, String table) {
      return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
  }
}
