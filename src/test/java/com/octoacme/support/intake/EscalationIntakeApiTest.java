package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.intake.IntakeApi.json;
import static com.octoacme.support.intake.IntakeApi.ticketOf;
import static com.octoacme.support.intake.IntakeApi.validRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.intake.IntakeApi.Reply;
import com.octoacme.support.intake.IntakeApi.Snapshot;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.EscalationRequests;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** The contract of /api/escalations: each endpoint's answers, and each error's status and shape. */
@ProcessTest
class EscalationIntakeApiTest {

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired IntakeProperties properties;
  @Autowired EscalationIntakeService service;
  @Autowired JsonBodies bodies;
  @LocalServerPort int port;

  IntakeApi api;
  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    api = new IntakeApi(rest);
    driver = new EscalationDriver(engine);
  }

  // ------------------------------------------------------------------ POST /api/escalations

  @Test
  void opensAnEscalation_201_withLocation_andStartsTheProcessWithTypedVariables() {
    Map<String, Object> request = validRequest("CONFIRMED_BUG", "PRO", "MEDIUM", 40);
    request.put(RENEWAL_DATE.name(), "2027-03-31");
    request.put(NEXT_UPDATE_DUE.name(), "2026-11-21T09:30:00+01:00");
    request.put(ACCOUNT_VALUE.name(), 120000.5);
    request.put(WORKAROUND_AVAILABLE.name(), false);
    request.put(ENVIRONMENT.name(), "PRODUCTION");
    request.put(ERROR_MESSAGES.name(), "HTTP 500 <html><body>Internal Server Error</body></html>");
    String ticketId = ticketOf(request);

    Reply reply = api.open(request);

    assertThat(reply.status()).as(reply.response().getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(reply.response().getHeaders().getLocation()).isEqualTo(URI.create("/api/escalations/" + ticketId));
    JsonNode body = reply.body();
    assertThat(body.get("ticketId").asText()).isEqualTo(ticketId);
    assertThat(body.get("status").asText()).isEqualTo("OPEN");
    assertThat(body.get("level").isNull()).as("no level before the review").isTrue();
    assertThat(body.get("links").get("self").asText()).isEqualTo("/api/escalations/" + ticketId);

    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).singleResult();
    assertThat(instance).isNotNull();
    assertThat(instance.getProcessDefinitionId()).startsWith(PROCESS_ID + ":");
    assertThat(body.get("processInstanceId").asText()).isEqualTo(instance.getId());
    Map<String, Object> variables = runtime.getVariables(instance.getId());
    assertThat(USERS_AFFECTED.from(variables)).isEqualTo(40L);
    assertThat(variables.get(USERS_AFFECTED.name())).isInstanceOf(Long.class);
    assertThat(variables.get(ACCOUNT_VALUE.name())).isEqualTo(120000.5);
    assertThat(WORKAROUND_AVAILABLE.from(variables)).isFalse();
    assertThat(REPORTED_DATE.from(variables))
        .isEqualTo(Date.from(LocalDate.parse("2026-11-20").atStartOfDay(ZoneId.systemDefault()).toInstant()));
    assertThat(NEXT_UPDATE_DUE.from(variables)).isEqualTo(Date.from(OffsetDateTime.parse("2026-11-21T09:30:00+01:00").toInstant()));
    assertThat(ERROR_MESSAGES.from(variables)).contains("<html>");
    assertThat(DECIDED_LEVEL.from(variables)).isEqualTo("L2");
    assertThat(jdbc.queryForObject("select process_instance_id from escalation_intake where ticket_id = ?", String.class,
        ticketId)).isEqualTo(instance.getId());
  }

  @Test
  void theCallerIsTheOpener() {
    Map<String, Object> request = validRequest();
    EscalationIntakeService.Opened opened = service.open(
        bodies.bind(json(request).getBytes(StandardCharsets.UTF_8), com.octoacme.support.escalation.EscalationRequest.class), null, "sam.support");

    assertThat(opened.created()).isTrue();
    assertThat(OPENED_BY.from(runtime.getVariables(opened.escalation().processInstanceId()))).isEqualTo("sam.support");
    assertThat(api.get("/api/escalations/" + ticketOf(request)).text("openedBy")).isEqualTo("sam.support");
  }

  @Test
  void aRefusedRequest_400_namesTheField_andTheTicket() {
    Map<String, Object> request = validRequest();
    request.put(ACCOUNT_TIER.name(), "PLATINUM");

    Reply reply = api.open(request).isError(HttpStatus.BAD_REQUEST, ACCOUNT_TIER.name());

    assertThat(reply.message()).contains("accountTier 'PLATINUM' is not one of FREE, PRO, ENTERPRISE");
    assertThat(reply.text("ticketId")).isEqualTo(ticketOf(request));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticketOf(request)).count()).isZero();
  }

  @Test
  void aBodyThatIsNotJson_415() {
    Snapshot before = Snapshot.of(engine, jdbc);
    byte[] body = json(validRequest()).getBytes(StandardCharsets.UTF_8);

    api.send(HttpMethod.POST, "/api/escalations", body, MediaType.TEXT_PLAIN, null)
        .isError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);
    api.send(HttpMethod.POST, "/api/escalations", body, MediaType.APPLICATION_XML, null)
        .isError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);
    api.send(HttpMethod.POST, "/api/escalations", body, MediaType.APPLICATION_FORM_URLENCODED, null)
        .isError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);

    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void aBodyOverTheLimit_413_byContentLength() {
    Snapshot before = Snapshot.of(engine, jdbc);
    Map<String, Object> request = validRequest();
    request.put(LOGS.name(), "x".repeat((int) properties.maxBodyBytes().toBytes()));

    Reply reply = api.open(request).isError(HttpStatus.PAYLOAD_TOO_LARGE, null);

    assertThat(reply.message()).contains(String.valueOf(properties.maxBodyBytes().toBytes()));
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void aStreamedBodyOverTheLimit_413_whileReading() throws Exception {
    Snapshot before = Snapshot.of(engine, jdbc);
    Map<String, Object> request = validRequest();
    request.put(LOGS.name(), "y".repeat((int) properties.maxBodyBytes().toBytes() + 10));
    byte[] body = json(request).getBytes(StandardCharsets.UTF_8);

    // No Content-Length: the body arrives chunked, so only counting the bytes read can stop it.
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/escalations"))
            .header("Content-Type", "application/json")
            .header("X-API-Key", com.octoacme.support.testing.AuthenticatedClients.TICKETING_API_KEY)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    JsonNode error = IntakeApi.JSON.readTree(response.body());
    assertThat(error.get("status").asInt()).isEqualTo(413);
    assertThat(error.get("message").asText()).contains("larger than");
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void aStreamedBodyWithinTheLimit_isRead() throws Exception {
    Map<String, Object> request = validRequest();
    byte[] body = json(request).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/escalations"))
            .header("Content-Type", "application/json")
            .header("X-API-Key", com.octoacme.support.testing.AuthenticatedClients.TICKETING_API_KEY)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void anotherMethod_405() {
    api.send(HttpMethod.DELETE, "/api/escalations/TICKET-1", null, null, null)
        .isError(HttpStatus.METHOD_NOT_ALLOWED, null);
  }

  // ------------------------------------------------------------------ GET /api/escalations/{ticketId}

  @Test
  void readsAnEscalation_beforeAndAfterTheReview() {
    Map<String, Object> request = IntakeApi.withCommunicationPlan(validRequest("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    String ticketId = ticketOf(request);
    String processInstanceId = api.open(request).text("processInstanceId");

    JsonNode opened = api.get("/api/escalations/" + ticketId).body();
    assertThat(opened.get("status").asText()).isEqualTo("OPEN");
    assertThat(opened.get("level").isNull()).isTrue();
    assertThat(opened.get("suggestedLevel").asText()).isEqualTo("L2");
    assertThat(opened.get("responseDueAt").isNull()).as("the suggested level's response clock runs from the request")
        .isFalse();
    assertThat(opened.get("openedAt").isNull()).isFalse();
    assertThat(opened.get("closedAt").isNull()).isTrue();
    assertThat(opened.get("breaches")).isEmpty();
    assertThat(opened.get("levelChanges")).isEmpty();
    assertThat(opened.get("reescalationCount").asLong()).isZero();

    ProcessInstance pi = instance(processInstanceId);
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());

    Reply reply = api.get("/api/escalations/" + ticketId);
    assertThat(reply.status()).isEqualTo(HttpStatus.OK);
    JsonNode handled = reply.body();
    Map<String, Object> variables = runtime.getVariables(processInstanceId);
    assertThat(handled.get("ticketId").asText()).isEqualTo(ticketId);
    assertThat(handled.get("processInstanceId").asText()).isEqualTo(processInstanceId);
    assertThat(handled.get("status").asText()).isEqualTo("OPEN");
    assertThat(handled.get("level").asText()).isEqualTo("L2");
    assertThat(instant(handled, "responseDueAt")).isEqualTo(RESPONSE_DUE_AT.from(variables).toInstant());
    assertThat(instant(handled, "responseWarningAt")).isEqualTo(RESPONSE_WARNING_AT.from(variables).toInstant());
    assertThat(instant(handled, "resolutionDueAt")).isEqualTo(RESOLUTION_DUE_AT.from(variables).toInstant());
    assertThat(instant(handled, "resolutionWarningAt")).isEqualTo(RESOLUTION_WARNING_AT.from(variables).toInstant());
    assertThat(handled.get("levelChanges")).singleElement().satisfies(change -> {
      assertThat(change.get("from").isNull()).isTrue();
      assertThat(change.get("to").asText()).isEqualTo("L2");
      assertThat(change.get("kind").asText()).isEqualTo("DECIDED");
      assertThat(change.get("changedBy").asText()).isEqualTo("sam.support");
      assertThat(change.get("changedAt").isNull()).isFalse();
    });
  }

  @Test
  void readsBreachesAndTheLevelHistory() {
    Map<String, Object> request = IntakeApi.withCommunicationPlan(validRequest("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    String ticketId = ticketOf(request);
    ProcessInstance pi = instance(api.open(request).text("processInstanceId"));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    Date responseDue = RESPONSE_DUE_AT.from(runtime.getVariables(pi.getId()));

    Jobs.fireTimer(engine.getManagementService(), pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    Jobs.executeJobAt(engine.getManagementService(), pi, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);

    JsonNode escalation = api.get("/api/escalations/" + ticketId).body();
    assertThat(escalation.get("level").asText()).isEqualTo("L3");
    assertThat(escalation.get("breaches")).singleElement().satisfies(breach -> {
      assertThat(breach.get("sla").asText()).isEqualTo("RESPONSE");
      assertThat(breach.get("level").asText()).isEqualTo("L2");
      assertThat(instant(breach, "dueAt")).isEqualTo(responseDue.toInstant());
      assertThat(breach.get("occurredAt").isNull()).isFalse();
    });
    JsonNode changes = escalation.get("levelChanges");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(1).get("from").asText()).isEqualTo("L2");
    assertThat(changes.get(1).get("to").asText()).isEqualTo("L3");
    assertThat(changes.get(1).get("kind").asText()).isEqualTo("SLA_BREACH");
    assertThat(changes.get(1).get("changedBy").asText()).isEqualTo("sla-clock");
    assertThat(changes.get(1).get("reason").asText()).isNotBlank();
  }

  @Test
  void readsAClosedEscalationFromHistory_andRefusesToOpenItsTicketAgain_409() {
    Map<String, Object> request = IntakeApi.withCommunicationPlan(validRequest());
    String ticketId = ticketOf(request);
    ProcessInstance pi = instance(api.open(request).text("processInstanceId"));
    driver.reviewLevel(pi, null, null);
    driver.acknowledge(pi, "sam.support");
    driver.resolve(pi, "sam.support", "RESOLVED", null);
    driver.afterResolution(pi, 4);

    JsonNode closed = api.get("/api/escalations/" + ticketId).body();
    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("level").asText()).isEqualTo("L1");
    assertThat(closed.get("closedAt").isNull()).isFalse();
    assertThat(closed.get("responseDueAt").isNull()).as("read from the history").isFalse();
    assertThat(closed.get("levelChanges")).hasSize(1);
    assertThat(closed.get("links").size()).as("no event fits a closed escalation").isEqualTo(1);

    Snapshot before = Snapshot.of(engine, jdbc);
    Reply again = api.open(request).isError(HttpStatus.CONFLICT, null);
    assertThat(again.message()).startsWith("ticket " + ticketId + " already had an escalation, closed at "
        + closed.get("closedAt").asText()).endsWith("; reopen it instead");
    assertThat(again.text("ticketId")).isEqualTo(ticketId);
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void anUnknownTicket_404() {
    String ticketId = EscalationRequests.nextTicketId();
    Reply reply = api.get("/api/escalations/" + ticketId).isError(HttpStatus.NOT_FOUND, null);
    assertThat(reply.message()).isEqualTo("there is no escalation for ticket " + ticketId);
    assertThat(reply.text("ticketId")).isEqualTo(ticketId);
  }

  @Test
  void aHostileTicketIdInThePath_404_andChangesNothing() {
    Snapshot before = Snapshot.of(engine, jdbc);
    // Spring Security's firewall refuses a ';' in a URL outright (400) before any controller sees it.
    assertThat(api.get("/api/escalations/TICKET-1'; DROP TABLE act_ru_task;--").response().getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    for (String hostile : new String[] {"<img src=x onerror=alert(1)>", "TICKET-1 OR 1=1"}) {
      // The client percent-encodes what a URL may not carry.
      Reply reply = api.get("/api/escalations/" + hostile);
      reply.isError(HttpStatus.NOT_FOUND, null);
      assertThat(reply.text("ticketId")).isEqualTo(hostile);
      assertThat(reply.response().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }
    assertThat(engine.getTaskService().createTaskQuery().count()).isEqualTo(before.tasks());
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void anUnknownPathUnderApi_404_inTheSameShape() {
    api.get("/api/no-such-thing").isError(HttpStatus.NOT_FOUND, null);
  }

  private ProcessInstance instance(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
  }

  private static Instant instant(JsonNode node, String field) {
    return Instant.parse(node.get(field).asText());
  }
}
