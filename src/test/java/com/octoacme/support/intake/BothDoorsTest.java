package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.intake.IntakeApi.ticketOf;
import static com.octoacme.support.intake.IntakeApi.validRequest;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.escalation.EscalationRequestValidator;
import com.octoacme.support.intake.IntakeApi.Reply;
import com.octoacme.support.intake.IntakeApi.Snapshot;
import com.octoacme.support.notification.RecipientDirectory;
import com.octoacme.support.testing.AuthenticatedClients;
import com.octoacme.support.testing.LogCapture;
import com.octoacme.support.testing.ProcessTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two doors into an escalation, the ticketing API ({@code POST /api/escalations}) and Tasklist's start
 * form (the engine REST API, as sam.support), take one request, one validation and one guard of the
 * ticket: what one door refuses the other refuses, naming the field, and changes nothing; a ticket opened
 * through one door cannot be opened again through the other.
 */
@ProcessTest
class BothDoorsTest {

  static final String SUBMIT_FORM = "/engine-rest/process-definition/key/" + PROCESS_ID + "/submit-form";
  static final String START = "/engine-rest/process-definition/key/" + PROCESS_ID + "/start";

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  IntakeApi api;
  TestRestTemplate sam;

  @BeforeEach
  void setUp() {
    api = new IntakeApi(rest);
    sam = rest.withBasicAuth("sam.support", AuthenticatedClients.DEMO_PASSWORD);
  }

  /** Through the engine REST API as Tasklist sends a Camunda Form: untyped values. */
  ResponseEntity<String> submitForm(Map<String, Object> values) {
    return post(sam, SUBMIT_FORM, Map.of("variables", untyped(values)));
  }

  /** Through the engine REST API's plain start, with variables and a business key. */
  ResponseEntity<String> startWithVariables(Map<String, Object> values) {
    return post(sam, START, Map.of("businessKey", values.get(TICKET_ID.name()), "variables", untyped(values)));
  }

  static ResponseEntity<String> post(TestRestTemplate client, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return client.exchange(path, HttpMethod.POST, new HttpEntity<>(json(body), headers), String.class);
  }

  static Map<String, Object> untyped(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      Map<String, Object> untyped = new LinkedHashMap<>();
      untyped.put("value", value);
      variables.put(name, untyped);
    });
    return variables;
  }

  /** JSON with every non-ASCII character escaped, so that a lone surrogate arrives as one (not as '?'). */
  static String json(Object value) {
    try {
      return IntakeApi.JSON.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode body(ResponseEntity<String> response) {
    try {
      return IntakeApi.JSON.readTree(response.getBody());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }

  // ------------------------------------------------------------------------------------------ fields no form has

  /** A request with one field added that the form does not have or that the process computes. */
  record Extra(String field, Object value) {
    @Override
    public String toString() {
      return field;
    }
  }

  static Stream<Extra> fieldsTheFormDoesNotHave() {
    return Stream.of(
        new Extra(ESCALATION_LEVEL.name(), "L1"),
        new Extra(OPENED_BY.name(), "mallory"),
        new Extra(RESPONSE_DUE_AT.name(), "2099-01-01T00:00:00"),
        new Extra(RESOLUTION_DUE_AT.name(), "2099-01-01T00:00:00"),
        new Extra(DECIDED_LEVEL.name(), "L1"),
        new Extra(LEVEL_OUTCOME.name(), "RESOLVED"),
        new Extra(PRE_ESCALATION_CHECKLIST_COMPLETE.name(), true),
        new Extra(CSAT_SCORE.name(), 5),
        new Extra("isAdmin", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldsTheFormDoesNotHave")
  void aFieldTheFormDoesNotHaveIsRefusedOnEveryPath_400NamingIt_andNothingIsStored(Extra extra) {
    for (String door : List.of("submit-form", "start", "api")) {
      Map<String, Object> request = validRequest();
      request.put(extra.field(), extra.value());
      Snapshot before = Snapshot.of(engine, jdbc);

      ResponseEntity<String> response = switch (door) {
        case "submit-form" -> submitForm(request);
        case "start" -> startWithVariables(request);
        default -> api.open(request).response();
      };

      assertThat(response.getStatusCode().value()).as("%s through %s: %s", extra, door, response.getBody()).isEqualTo(400);
      assertThat(body(response).get("field").asText()).as("field named through %s", door).isEqualTo(extra.field());
      assertThat(body(response).get("message").asText()).contains(extra.field());
      assertThat(Snapshot.of(engine, jdbc)).as("stored after %s through %s", extra, door).isEqualTo(before);
    }
  }

  // ------------------------------------------------------------------------------------------ one guard

  @Test
  void aStartThroughTasklistWritesTheSameIntakeRecordAsTheApi_andTheApiThenFindsIt() {
    Map<String, Object> request = validRequest();
    String ticketId = ticketOf(request);

    ResponseEntity<String> started = submitForm(request);

    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    String instanceId = body(started).get("id").asText();
    Map<String, Object> intake = jdbc.queryForMap(
        "select process_instance_id, opened_by, payload_sha256, idempotency_key from escalation_intake where ticket_id = ?", ticketId);
    assertThat(intake).containsEntry("PROCESS_INSTANCE_ID", instanceId).containsEntry("OPENED_BY", "sam.support");
    assertThat((String) intake.get("PAYLOAD_SHA256")).hasSize(64);
    assertThat(OPENED_BY.from(engine.getRuntimeService().getVariables(instanceId))).isEqualTo("sam.support");

    // the same ticket through the API: the escalation Tasklist opened, no second one
    Reply again = api.open(request);
    assertThat(again.status()).isEqualTo(HttpStatus.OK);
    assertThat(again.text("processInstanceId")).isEqualTo(instanceId);
    assertThat(instancesOf(ticketId)).isOne();
  }

  @Test
  void aTicketTheApiOpenedIsRefusedInTasklist_400NamingTheTicketId() {
    Map<String, Object> request = validRequest();
    assertThat(api.open(request).status()).isEqualTo(HttpStatus.CREATED);
    Snapshot before = Snapshot.of(engine, jdbc);

    ResponseEntity<String> again = submitForm(request);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(body(again).get("field").asText()).isEqualTo(TICKET_ID.name());
    assertThat(body(again).get("message").asText())
        .isEqualTo("Support ticket ID: ticket " + ticketOf(request) + " already has an open escalation");
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void theSameTicketThroughBothDoorsAtOnce_opensOneEscalation() throws Exception {
    Map<String, Object> request = validRequest();
    String ticketId = ticketOf(request);
    int each = 3;
    ExecutorService pool = Executors.newFixedThreadPool(2 * each);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < each; i++) {
        answers.add(pool.submit(waitingFor(go, () -> submitForm(request).getStatusCode().value())));
        answers.add(pool.submit(waitingFor(go, () -> api.open(request).status().value())));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      // Tasklist: one 200 or 400 (taken); the API: 201 for the one that opened it, else 200 (found) or 409 (still opening)
      assertThat(statuses).as("answers").allMatch(s -> List.of(200, 201, 400, 409).contains(s));
    } finally {
      pool.shutdownNow();
    }
    assertThat(instancesOf(ticketId)).isOne();
    assertThat(jdbc.queryForObject("select count(*) from escalation_intake where ticket_id = ?", Long.class, ticketId)).isOne();
  }

  private static Callable<Integer> waitingFor(CountDownLatch go, Callable<Integer> call) {
    return () -> {
      go.await();
      return call.call();
    };
  }

  long instancesOf(String ticketId) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .processInstanceBusinessKey(ticketId).count();
  }

  // ------------------------------------------------------------------------------------------ real-world input

  @Test
  void aContactWithNameAndAddress_isAcceptedThroughBothDoors_theNameKept_theAddressUsedForMail() {
    String contact = "Jane Doe <jane.doe@globex.example>";
    Map<String, Object> viaTasklist = validRequest();
    viaTasklist.put(REPORTED_BY.name(), contact);
    Map<String, Object> viaApi = validRequest();
    viaApi.put(REPORTED_BY.name(), contact);

    ResponseEntity<String> started = submitForm(viaTasklist);
    Reply opened = api.open(viaApi);

    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(opened.status()).as(opened.response().getBody()).isEqualTo(HttpStatus.CREATED);
    for (String instanceId : List.of(body(started).get("id").asText(), opened.text("processInstanceId"))) {
      String kept = REPORTED_BY.from(engine.getRuntimeService().getVariables(instanceId));
      assertThat(kept).isEqualTo(contact);
      assertThat(RecipientDirectory.customerAddress(kept)).contains("jane.doe@globex.example");
      assertThat(RecipientDirectory.customerContactName(kept)).contains("Jane Doe");
    }
  }

  @Test
  void ticketIdsOfJiraAndZendesk_areAcceptedThroughBothDoors() {
    int n = (int) (System.nanoTime() % 100_000);
    for (String ticketId : List.of("SUP-" + n, String.valueOf(480_000 + n))) {
      Map<String, Object> viaTasklist = validRequest();
      viaTasklist.put(TICKET_ID.name(), ticketId);
      assertThat(submitForm(viaTasklist).getStatusCode()).as(ticketId).isEqualTo(HttpStatus.OK);
      Map<String, Object> viaApi = validRequest();
      viaApi.put(TICKET_ID.name(), ticketId + "1");
      assertThat(api.open(viaApi).status()).as(ticketId + "1").isEqualTo(HttpStatus.CREATED);
    }
  }

  /** One refused value in one field, sent through the start form and through the API. */
  record Refused(String name, String field, Object value, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Refused> realWorldRefusals() {
    String tomorrow = LocalDate.now().plusDays(2).toString();
    return Stream.of(
        new Refused("a reported date in the future", REPORTED_DATE.name(), tomorrow, "must not be in the future"),
        new Refused("a reported date before 1900", REPORTED_DATE.name(), "1899-12-31", "must not be before 1900"),
        new Refused("a date with trailing garbage", REPORTED_DATE.name(), "2026-11-20abc", "date"),
        new Refused("a date with a time", REPORTED_DATE.name(), "2026-11-20T10:00:00", "date"),
        new Refused("epoch seconds for a date", REPORTED_DATE.name(), 1763596800, "date"),
        new Refused("a C1 control character", CUSTOMER_NAME.name(), "Globex\u009BCorporation", "control characters are not allowed"),
        new Refused("NEL, a C1 line break", ISSUE_SUMMARY.name(), "Checkout\u0085fails", "must be one line"),
        new Refused("a bidi override (U+202E)", CUSTOMER_NAME.name(), "Globex \u202Enoitaroproc", "bidirectional"),
        new Refused("a bidi isolate (U+2066)", ISSUE_SUMMARY.name(), "Checkout \u2066fails", "bidirectional"),
        new Refused("a zero-width space in the ticket ID", TICKET_ID.name(), "TICKET-\u200B12345", "zero-width"),
        new Refused("a zero-width joiner", CUSTOMER_NAME.name(), "Glo\u200Dbex", "zero-width"),
        new Refused("a lone surrogate", CUSTOMER_NAME.name(), "Globex \uD800 Corporation", "lone surrogate"),
        new Refused("markup in Reported by", REPORTED_BY.name(), "<b>Jane</b>", "markup is not allowed"),
        new Refused("a contact with a broken address", REPORTED_BY.name(), "Jane Doe <jane at globex>", "is not an e-mail address"),
        new Refused("markup in a contact's name", REPORTED_BY.name(), "<i>Jane</i> <jane@globex.example>", "markup is not allowed"),
        new Refused("a ticket ID of no ticketing system", TICKET_ID.name(), "ticket 42", "is not a ticket ID like"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realWorldRefusals")
  void realWorldInputIsRefusedThroughBothDoors_namingTheField(Refused refused) {
    Map<String, Object> request = validRequest();
    request.put(refused.field(), refused.value());
    Snapshot before = Snapshot.of(engine, jdbc);

    ResponseEntity<String> viaTasklist = submitForm(request);
    Reply viaApi = api.send(HttpMethod.POST, "/api/escalations", json(request).getBytes(StandardCharsets.UTF_8),
        MediaType.APPLICATION_JSON, null);

    assertThat(viaTasklist.getStatusCode()).as(viaTasklist.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(body(viaTasklist).get("field").asText()).isEqualTo(refused.field());
    assertThat(body(viaTasklist).get("message").asText()).contains(refused.problem());
    viaApi.isError(HttpStatus.BAD_REQUEST, refused.field());
    if (!(refused.value() instanceof Number)) {
      // (the API refuses a number for a date already as the wrong JSON type)
      assertThat(viaApi.message()).contains(refused.problem());
    }
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void tasklistShowsTheRefusalUnderTheFieldsLabel() {
    Map<String, Object> request = validRequest();
    request.put(REPORTED_BY.name(), "<script>alert(1)</script>");

    ResponseEntity<String> response = submitForm(request);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(body(response).get("message").asText()).isEqualTo("Reported by: markup is not allowed");
    assertThat(body(response).get("field").asText()).isEqualTo(REPORTED_BY.name());
  }

  // ------------------------------------------------------------------------------------------ the log

  @Test
  void aRefusalIsOneWarnLine_withTheRefusedValuesControlsNeutralised_noErrorNoStackTrace() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    boolean logging = configuration.isEnableCmdExceptionLogging();
    // as in production: the engine logs the exceptions of its commands
    configuration.setEnableCmdExceptionLogging(true);
    Map<String, Object> request = validRequest();
    request.put(ISSUE_SUMMARY.name(), "Checkout\r\nFAKE LOG LINE \u001b[31mred\u001b[0m <b>");
    List<ILoggingEvent> logged;
    try {
      logged = LogCapture.during(() -> assertThat(submitForm(request).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    } finally {
      configuration.setEnableCmdExceptionLogging(logging);
    }

    assertThat(logged.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))).as("ERROR lines").isEmpty();
    assertThat(logged.stream().filter(e -> e.getThrowableProxy() != null).map(ILoggingEvent::getFormattedMessage))
        .as("stack traces").isEmpty();
    List<String> warnings = logged.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains(ticketOf(request)).contains(ISSUE_SUMMARY.name())
        .contains("\\u000D\\u000AFAKE LOG LINE \\u001B[31mred")
        .doesNotContain("\r").doesNotContain("\n").doesNotContain("\u001b");
  }

  @Test
  void aRefusalThroughTheApi_isOneWarnLineToo() {
    Map<String, Object> badField = validRequest();
    badField.put(CUSTOMER_NAME.name(), "Globex\u202E");
    Map<String, Object> badJson = validRequest();
    badJson.put(USERS_AFFECTED.name(), "forty");

    for (Map<String, Object> request : List.of(badField, badJson)) {
      List<ILoggingEvent> logged = LogCapture.during(() -> assertThat(api.open(request).status()).isEqualTo(HttpStatus.BAD_REQUEST));
      assertThat(logged.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).map(ILoggingEvent::getFormattedMessage))
          .hasSize(1).allMatch(line -> !line.contains("\u202E") && !line.contains("\n"));
      assertThat(logged.stream().filter(e -> e.getThrowableProxy() != null)).isEmpty();
    }
  }

  @Test
  void aTakenTicketInTasklist_isOneWarnLine() {
    Map<String, Object> request = validRequest();
    assertThat(submitForm(request).getStatusCode()).isEqualTo(HttpStatus.OK);
    List<ILoggingEvent> logged = LogCapture.during(() -> assertThat(submitForm(request).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThat(logged.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).map(ILoggingEvent::getFormattedMessage))
        .containsExactly("Escalation request " + ticketOf(request) + " refused: ticketId already has an open escalation");
  }

  @Test
  void theLoggedValueIsOneLine_andCut() {
    assertThat(EscalationRequestValidator.neutralised("a\u2028b\u202Ec\u200Bd\td")).isEqualTo("a\\u2028b\\u202Ec\\u200Bd\\u0009d");
    assertThat(EscalationRequestValidator.neutralised("x".repeat(500))).startsWith("x".repeat(80) + "...").contains("500 characters");
  }
}
