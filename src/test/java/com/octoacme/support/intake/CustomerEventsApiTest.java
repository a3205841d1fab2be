package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.intake.IntakeApi.ticketOf;
import static com.octoacme.support.intake.IntakeApi.validRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.escalation.AfterResolutionCheck;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.LevelChangeRepository;
import com.octoacme.support.intake.IntakeApi.Reply;
import com.octoacme.support.intake.IntakeApi.Snapshot;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.EscalationRequests;
import com.octoacme.support.testing.ProcessTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Customer events by ticket ID: each resumes the escalation only where it waits for it, else 409 and nothing changes. */
@ProcessTest
class CustomerEventsApiTest {

  static final String REPLIED = "customer-replied";
  static final String FIX_VERIFIED = "fix-verified";
  static final String CSAT = "csat-received";
  static final String REOPENED = "reopened";

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired EscalationEventRepository events;
  @Autowired LevelChangeRepository levelChanges;

  IntakeApi api;
  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    api = new IntakeApi(rest);
    driver = new EscalationDriver(engine);
  }

  @Test
  void customerReplied_resumesAnEscalationWaitingForTheCustomer_202() {
    Escalation escalation = waitingForCustomer();
    JsonNode waiting = api.get("/api/escalations/" + escalation.ticketId).body();
    assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_CUSTOMER");
    assertThat(waiting.get("links").get("customerReplied").asText())
        .isEqualTo("/api/escalations/" + escalation.ticketId + "/events/customer-replied");

    Reply reply = api.event(escalation.ticketId, REPLIED, Map.of("summary", "The HAR file is attached to the ticket."));

    assertThat(reply.status()).as(reply.response().getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(reply.text("status")).isEqualTo("OPEN");
    assertThat(reply.text("ticketId")).isEqualTo(escalation.ticketId);
    assertThat(reply.text("level")).isEqualTo("L1");
    assertThat(driver.tasksAt(escalation.instance, EscalationModel.TASK_RESOLVE_ESCALATION)).hasSize(1);
    assertThat(driver.tasksAt(escalation.instance, EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY)).isEmpty();
    assertThat(CUSTOMER_REPLY_SUMMARY.from(runtime.getVariables(escalation.instance.getId())))
        .isEqualTo("The HAR file is attached to the ticket.");
    assertThat(eventTypes(escalation.ticketId)).contains(EscalationEvent.Type.RESOLUTION_CLOCK_RESUMED);
  }

  @Test
  void fixVerified_ticksTheChecklistOfAResolvedEscalation_202() {
    Escalation escalation = resolved();

    Reply reply = api.event(escalation.ticketId, FIX_VERIFIED, null);

    assertThat(reply.status()).as(reply.response().getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(reply.text("status")).isEqualTo("RESOLVED");
    assertThat(AfterResolutionCheck.FIX_VERIFIED.done.from(runtime.getVariables(escalation.instance.getId()))).isTrue();
    assertThat(eventTypes(escalation.ticketId)).contains(EscalationEvent.Type.FIX_VERIFIED);
    assertThat(driver.tasksAt(escalation.instance, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST)).hasSize(1);
  }

  @Test
  void csatReceived_recordsTheScoreAsALong_202() {
    Escalation escalation = resolved();

    Reply reply = api.event(escalation.ticketId, CSAT, Map.of("score", 4, "comment", "Quick and friendly."));

    assertThat(reply.status()).as(reply.response().getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(reply.text("status")).isEqualTo("RESOLVED");
    Object score = runtime.getVariable(escalation.instance.getId(), CSAT_SCORE.name());
    assertThat(score).isInstanceOf(Long.class).isEqualTo(4L);
    assertThat(eventTypes(escalation.ticketId)).contains(EscalationEvent.Type.CSAT_RECEIVED);
  }

  @Test
  void reopened_reEscalatesAResolvedEscalation_202() {
    Escalation escalation = resolved();

    Reply reply = api.event(escalation.ticketId, REOPENED, Map.of("reason", "The error is back since this morning."));

    assertThat(reply.status()).as(reply.response().getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(reply.text("status")).isEqualTo("OPEN");
    assertThat(driver.tasksAt(escalation.instance, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST)).isEmpty();
    JsonNode details = api.get("/api/escalations/" + escalation.ticketId).body();
    assertThat(details.get("reescalationCount").asLong()).isOne();
    assertThat(levelChanges.findByTicketIdOrderByIdAsc(escalation.ticketId)).last().satisfies(change -> {
      assertThat(change.getKind()).isEqualTo(LevelChange.Kind.REOPENED);
      assertThat(change.getReason()).isEqualTo("The error is back since this morning.");
    });
    assertThat(details.get("levelChanges").get(1).get("kind").asText()).isEqualTo("REOPENED");
  }

  @Test
  void eventsThatDoNotFitTheState_409_andChangeNothing() {
    Escalation open = opened();
    assertConflict(open.ticketId, REPLIED, Map.of("summary", "hello"), "is not waiting for a customer reply; it is OPEN");
    assertConflict(open.ticketId, FIX_VERIFIED, null, "is not waiting for the customer to verify the fix; it is OPEN");
    assertConflict(open.ticketId, CSAT, Map.of("score", 5), "is not waiting for a CSAT score; it is OPEN");
    assertConflict(open.ticketId, REOPENED, Map.of("reason", "again"), "is not waiting for a reopening");

    Escalation waiting = waitingForCustomer();
    assertConflict(waiting.ticketId, FIX_VERIFIED, null, "it is WAITING_FOR_CUSTOMER");
    assertConflict(waiting.ticketId, CSAT, Map.of("score", 5), "it is WAITING_FOR_CUSTOMER");
    assertConflict(waiting.ticketId, REOPENED, Map.of("reason", "again"), "it is WAITING_FOR_CUSTOMER");

    Escalation resolved = resolved();
    assertConflict(resolved.ticketId, REPLIED, Map.of("summary", "hello"),
        resolved.ticketId + " is not waiting for a customer reply; it is RESOLVED");

    Escalation closed = resolved();
    driver.afterResolution(closed.instance, 5);
    assertConflict(closed.ticketId, REPLIED, Map.of("summary", "hello"), "it is CLOSED");
    assertConflict(closed.ticketId, FIX_VERIFIED, null, "it is CLOSED");
    assertConflict(closed.ticketId, CSAT, Map.of("score", 5), "it is CLOSED");
    assertConflict(closed.ticketId, REOPENED, Map.of("reason", "again"), "it is CLOSED");
  }

  @Test
  void eventsForAnUnknownTicket_404() {
    String ticketId = EscalationRequests.nextTicketId();
    for (Map.Entry<String, Object> event : Map.<String, Object>of(REPLIED, Map.of("summary", "hello"),
        CSAT, Map.of("score", 5), REOPENED, Map.of("reason", "again")).entrySet()) {
      api.event(ticketId, event.getKey(), event.getValue()).isError(HttpStatus.NOT_FOUND, null);
    }
    Reply reply = api.event(ticketId, FIX_VERIFIED, null).isError(HttpStatus.NOT_FOUND, null);
    assertThat(reply.text("ticketId")).isEqualTo(ticketId);
  }

  private void assertConflict(String ticketId, String event, Object body, String message) {
    Snapshot before = Snapshot.of(engine, jdbc);
    Reply reply = api.event(ticketId, event, body).isError(HttpStatus.CONFLICT, null);
    assertThat(reply.message()).startsWith(ticketId).contains(message);
    assertThat(reply.text("ticketId")).isEqualTo(ticketId);
    assertThat(Snapshot.of(engine, jdbc)).as("after %s", event).isEqualTo(before);
  }

  // ------------------------------------------------------------------ driving escalations there

  record Escalation(String ticketId, ProcessInstance instance) {}

  /** An L1 escalation opened through the API, waiting at its review. */
  private Escalation opened() {
    Map<String, Object> request = IntakeApi.withCommunicationPlan(validRequest());
    Reply reply = api.open(request);
    assertThat(reply.status()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance instance = runtime.createProcessInstanceQuery()
        .processInstanceId(reply.text("processInstanceId")).singleResult();
    return new Escalation(ticketOf(request), instance);
  }

  private Escalation waitingForCustomer() {
    Escalation escalation = opened();
    driver.reviewLevel(escalation.instance, null, null);
    driver.acknowledge(escalation.instance, "sam.support");
    driver.resolve(escalation.instance, "sam.support", "WAITING_FOR_CUSTOMER", "Asked for the HAR file of a failing checkout");
    assertThat(driver.tasksAt(escalation.instance, EscalationStatus.WAIT_FOR_CUSTOMER_REPLY)).hasSize(1);
    return escalation;
  }

  private Escalation resolved() {
    Escalation escalation = opened();
    driver.reviewLevel(escalation.instance, null, null);
    driver.acknowledge(escalation.instance, "sam.support");
    driver.resolve(escalation.instance, "sam.support", "RESOLVED", null);
    assertThat(driver.tasksAt(escalation.instance, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST)).hasSize(1);
    return escalation;
  }

  private List<EscalationEvent.Type> eventTypes(String ticketId) {
    return events.findByTicketIdOrderByIdAsc(ticketId).stream().map(EscalationEvent::getType).toList();
  }
}
