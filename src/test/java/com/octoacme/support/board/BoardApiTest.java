package com.octoacme.support.board;

import static com.octoacme.support.escalation.EscalationVariables.CUSTOMER_NAME;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;
import static com.octoacme.support.testing.AuthenticatedClients.DEMO_PASSWORD;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.notification.NotificationWorker;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The board's JSON API under a controlled engine clock (ClockUtil), on the application's calendar
 * (Europe/Berlin, Mon-Fri 09:00-17:00; Berlin = UTC+1) and bpmn/sla-policy.dmn. Escalations are opened and
 * worked through the process as people do; the board is read at Monday 2026-11-23 16:00 Berlin (15:00Z).
 * Instants worked out by hand in the comments.
 */
@ProcessTest
class BoardApiTest {

  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  /** Mails go to GreenMail here (application-test.yaml's spring.mail.port). */
  static final int SMTP_PORT = 39025;

  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired TestRestTemplate rest;
  @Autowired NotificationWorker worker;
  @Autowired JdbcTemplate jdbc;
  EscalationDriver driver;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theBoardShowsEachOpenEscalationAtItsLevelInItsSlaState_theSearchFindsAClosedOne_andItsPageHasItsTimeline() {
    driver = new EscalationDriver(engine);
    // L2 entered Mon 09:30 Berlin: response due Tue 09:30 (1 business day); warning after 6 of its 8 business hours,
    // Mon 15:30 Berlin (14:30Z): at 16:00 at risk
    ProcessInstance atRisk = atLevel("L2", "Acme Risk GmbH", "2026-11-23T08:30:00Z");
    // L2 entered Mon 15:00 Berlin: warning after 2 h on Monday + 4 h on Tuesday = Tue 13:00 Berlin: on track
    ProcessInstance onTrack = atLevel("L2", "Acme Track AG", "2026-11-23T14:00:00Z");
    // L3 (24x7) entered 13:30 Berlin: response due 2 h later, 15:30 Berlin (14:30Z); its timer has not fired yet
    ProcessInstance overdue = atLevel("L3", "Acme Overdue Ltd", "2026-11-23T12:30:00Z");
    // L4 (24x7) entered 15:40 Berlin: response due 15 min later (14:55Z); the breach fires at 14:56Z, informs the lead
    // and restarts L4's clocks (due 15:11Z, warning at 75 %: 15:07:15Z): fresh clocks, but the level has breached
    ProcessInstance l4 = atLevel("L4", "Acme Top Inc", "2026-11-23T14:40:00Z");
    clock("2026-11-23T14:56:00Z");
    Jobs.fireTimer(management, l4, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    Jobs.executeJobAt(management, l4, EscalationModel.TASK_INFORM_LEAD_OF_KEPT_BREACH);
    // L2 acknowledged and waiting for the customer: the resolution clock is paused
    ProcessInstance paused = atLevel("L2", "Acme Pause SE", "2026-11-23T08:30:00Z");
    driver.acknowledge(paused, "erin.engineer");
    driver.resolve(paused, "erin.engineer", "WAITING_FOR_CUSTOMER", "Asked for the HAR file");
    // L1 worked through to the end: closed
    ProcessInstance closed = atLevel("L1", "Initech Closed KG", "2026-11-23T08:30:00Z");
    clock("2026-11-23T09:00:00Z");
    driver.acknowledge(closed, "sam.support");
    clock("2026-11-23T10:00:00Z");
    driver.resolve(closed, "sam.support", "RESOLVED", null);
    clock("2026-11-23T11:00:00Z");
    driver.afterResolution(closed, 5);
    // not yet reviewed by Support
    clock("2026-11-23T14:59:00Z");
    ProcessInstance unreviewed = driver.start(withCustomer(request("HOW_TO_QUESTION", "FREE", "LOW", 1), "Acme New"));

    GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    int received;
    try {
      deliverAll(l4.getBusinessKey()); // the L4's mails go out (GreenMail)
      received = smtp.getReceivedMessages().length;
    } finally {
      smtp.stop();
    }
    // no mail server now: the paused escalation's first attempt fails
    deliverAll(paused.getBusinessKey());
    clock(NOW.toString());

    JsonNode board = get("sam.support", "/api/board");
    assertThat(board.get("now").asText()).isEqualTo("2026-11-23T15:00:00Z");
    assertThat(board.get("refreshSeconds").asLong()).isEqualTo(10);
    Map<String, JsonNode> entries = entries(board);
    assertThat(entries).containsKeys(key(atRisk), key(onTrack), key(overdue), key(l4), key(paused), key(unreviewed))
        .doesNotContainKey(key(closed));
    // groups: not reviewed first, then the table's order
    List<String> levels = StreamSupport.stream(board.get("levels").spliterator(), false)
        .map(g -> g.get("level").isNull() ? null : g.get("level").asText()).toList();
    assertThat(levels).containsSubsequence(null, "L1", "L2", "L3", "L4");
    assertThat(levelOf(board, key(atRisk))).isEqualTo("L2");
    assertThat(levelOf(board, key(overdue))).isEqualTo("L3");
    assertThat(levelOf(board, key(l4))).isEqualTo("L4");
    assertThat(levelOf(board, key(unreviewed))).isNull();

    JsonNode risk = entries.get(key(atRisk));
    assertThat(risk.at("/sla/state").asText()).isEqualTo("AT_RISK");
    assertThat(risk.at("/sla/label").asText()).isEqualTo("At risk");
    assertThat(risk.at("/sla/dueAt").asText()).isEqualTo("2026-11-24T08:30:00Z");
    assertThat(risk.at("/sla/warningAt").asText()).isEqualTo("2026-11-23T14:30:00Z");
    assertThat(risk.get("customer").asText()).isEqualTo("Acme Risk GmbH");
    assertThat(risk.get("accountTier").asText()).isEqualTo("PRO");
    assertThat(risk.get("handlerGroups").toString()).isEqualTo("[\"engineering\"]");
    assertThat(risk.get("assignees").toString()).isEqualTo("[]");
    assertThat(risk.get("status").asText()).isEqualTo("OPEN");
    assertThat(risk.get("nextCustomerUpdateDue").isNull()).isFalse();
    String task = risk.at("/tasks/0/id").asText();
    assertThat(risk.at("/tasks/0/taskDefinitionKey").asText()).isEqualTo(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(risk.at("/links/tasklist").asText()).isEqualTo("/camunda/app/tasklist/default/#/?task=" + task);
    assertThat(risk.at("/links/cockpit").asText()).isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + atRisk.getId());
    assertThat(risk.at("/links/page").asText()).isEqualTo("/board/escalation.html?ticket=" + key(atRisk));

    assertThat(entries.get(key(onTrack)).at("/sla/state").asText()).isEqualTo("ON_TRACK");
    assertThat(entries.get(key(onTrack)).at("/sla/warningAt").asText()).isEqualTo("2026-11-24T12:00:00Z");
    JsonNode late = entries.get(key(overdue));
    assertThat(late.at("/sla/state").asText()).isEqualTo("BREACHED");
    assertThat(late.at("/sla/dueAt").asText()).isEqualTo("2026-11-23T14:30:00Z");
    assertThat(late.at("/sla/breachesAtLevel").asInt()).isZero();
    assertThat(late.get("handlerGroups").toString()).isEqualTo("[\"engineering-leads\",\"product-managers\"]");
    JsonNode top = entries.get(key(l4));
    assertThat(top.at("/sla/state").asText()).isEqualTo("BREACHED");
    assertThat(top.at("/sla/breachesAtLevel").asInt()).isEqualTo(1);
    assertThat(top.at("/sla/dueAt").asText()).as("the fresh clock").isEqualTo("2026-11-23T15:11:00Z");
    assertThat(top.at("/sla/reason").asText()).contains("response SLA breached at L4 (due 2026-11-23T14:55:00Z)");
    JsonNode waiting = entries.get(key(paused));
    assertThat(waiting.at("/sla/state").asText()).isEqualTo("PAUSED");
    assertThat(waiting.get("status").asText()).isEqualTo("WAITING_FOR_CUSTOMER");
    assertThat(waiting.get("assignees").toString()).as("nobody claimed the wait yet").isEqualTo("[]");
    assertThat(entries.get(key(unreviewed)).at("/sla/state").asText()).isEqualTo("ON_TRACK");
    assertThat(entries.get(key(unreviewed)).get("suggestedLevel").asText()).isEqualTo("L1");

    // the clock moves on: the on-track one is at risk after its warning instant, breached after its due instant
    clock("2026-11-24T12:00:00Z");
    assertThat(entries(get("sam.support", "/api/board")).get(key(onTrack)).at("/sla/state").asText()).isEqualTo("AT_RISK");
    clock("2026-11-24T14:00:00Z");
    assertThat(entries(get("sam.support", "/api/board")).get(key(onTrack)).at("/sla/state").asText()).isEqualTo("BREACHED");
    clock(NOW.toString());

    // search: by a part of the customer's name, any case, closed ones too; by ticket ID
    JsonNode found = get("sam.support", "/api/board/search?q=initech closed");
    assertThat(found.get("escalations")).singleElement().satisfies(hit -> {
      assertThat(hit.get("ticketId").asText()).isEqualTo(key(closed));
      assertThat(hit.get("status").asText()).isEqualTo("CLOSED");
      assertThat(hit.get("closedAt").isNull()).isFalse();
      assertThat(hit.get("level").asText()).isEqualTo("L1");
    });
    assertThat(tickets(get("sam.support", "/api/board/search?q=" + key(closed)))).containsExactly(key(closed));
    assertThat(tickets(get("sam.support", "/api/board/search?q=acme"))).contains(key(atRisk), key(l4), key(unreviewed))
        .doesNotContain(key(closed));

    // the closed one's page: its whole timeline, every mail sent
    JsonNode page = get("sam.support", "/api/board/escalations/" + key(closed));
    assertThat(page.get("status").asText()).isEqualTo("CLOSED");
    assertThat(page.get("open").isNull()).isTrue();
    assertThat(page.get("customer").asText()).isEqualTo("Initech Closed KG");
    List<String> kinds = StreamSupport.stream(page.get("timeline").spliterator(), false).map(i -> i.get("kind").asText()).toList();
    assertThat(kinds).containsSubsequence("OPENED", "LEVEL_CHANGE", "FIRST_RESPONSE", "RESOLVED", "CLOSED");
    JsonNode decided = item(page, "LEVEL_CHANGE");
    assertThat(decided.get("title").asText()).isEqualTo("L1: level overridden by Support");
    assertThat(decided.get("detail").asText()).isEqualTo("Suggested L2: The board test needs L1");
    assertThat(decided.get("by").asText()).isEqualTo("sam.support");
    assertThat(item(page, "FIRST_RESPONSE").get("detail").asText()).isEqualTo("Acknowledged for support: Looking into the logs now");
    assertThat(page.get("mails")).as("L1 mails nobody: Support handles it").isEmpty();

    // the breached L4's page: the breach (with its due instant), the lead informed, the level kept
    JsonNode l4Page = get("sam.support", "/api/board/escalations/" + key(l4));
    assertThat(item(l4Page, "RESPONSE_SLA_BREACHED").get("detail").asText()).startsWith("due 2026-11-23T14:55:00Z");
    assertThat(item(l4Page, "LEAD_INFORMED").get("title").asText()).isEqualTo("Lead informed");
    assertThat(l4Page.at("/open/sla/state").asText()).isEqualTo("BREACHED");
    assertThat(StreamSupport.stream(l4Page.get("timeline").spliterator(), false)
        .filter(i -> i.get("kind").asText().equals("LEVEL_CHANGE")).map(i -> i.get("title").asText()).toList())
        .containsExactly("L4: level overridden by Support", "L4 → L4: escalated on an SLA breach");
    // its mails went out: the engineering e-mail to the executives, the customer told, the lead informed
    assertThat(l4Page.get("mails")).hasSizeGreaterThanOrEqualTo(3).allSatisfy(mail -> {
      assertThat(mail.get("state").asText()).isEqualTo("SENT");
      assertThat(mail.get("sentAt").isNull()).isFalse();
      assertThat(mail.get("subject").asText()).isNotBlank();
      assertThat(mail.get("recipients")).isNotEmpty();
      assertThat(mail.get("body").asText()).contains("Acme Top Inc");
    });
    assertThat(StreamSupport.stream(l4Page.get("mails").spliterator(), false).map(m -> m.get("subject").asText()).toList())
        .anyMatch(subject -> subject.startsWith("[ESCALATION] [L4]"));
    assertThat(StreamSupport.stream(l4Page.get("timeline").spliterator(), false)
        .filter(i -> i.get("kind").asText().equals("MAIL")).count()).isEqualTo(l4Page.get("mails").size());
    assertThat(received).as("GreenMail got each (one copy per recipient)").isGreaterThanOrEqualTo(l4Page.get("mails").size());

    // the paused one's page: the pause with its reason; its mails failed (no mail server) or are still pending
    JsonNode pausedPage = get("sam.support", "/api/board/escalations/" + key(paused));
    assertThat(item(pausedPage, "RESOLUTION_CLOCK_PAUSED").get("detail").asText()).contains("Asked for the HAR file");
    assertThat(item(pausedPage, "RESOLUTION_CLOCK_PAUSED").get("by").asText()).isEqualTo("erin.engineer");
    List<String> states = StreamSupport.stream(pausedPage.get("mails").spliterator(), false)
        .map(m -> m.get("state").asText()).toList();
    assertThat(states).contains("FAILED");
    assertThat(pausedPage.get("mails")).filteredOn(m -> m.get("state").asText().equals("FAILED"))
        .allSatisfy(m -> assertThat(m.get("lastError").asText()).isNotBlank());
    // a mail the outbox marks FAILED (the failures' status) reads as failed, without an error text too
    long pending = jdbc.queryForObject("select min(id) from notification where ticket_id = ?", Long.class, key(atRisk));
    assertThat(mailState(key(atRisk), pending)).isEqualTo("PENDING");
    jdbc.update("update notification set status = 'FAILED' where id = ?", pending);
    assertThat(mailState(key(atRisk), pending)).isEqualTo("FAILED");
  }

  @Test
  void badSearchesAreRefusedNamingTheField_andAnUnknownTicketIs404() {
    for (String q : List.of("", "a", "x".repeat(101), "<script>")) {
      ResponseEntity<JsonNode> refused = rest.withBasicAuth("sam.support", DEMO_PASSWORD)
          .getForEntity("/api/board/search?q={q}", JsonNode.class, q);
      assertThat(refused.getStatusCode().value()).as("q=%s", q).isEqualTo(400);
      assertThat(refused.getBody().get("field").asText()).isEqualTo("q");
    }
    ResponseEntity<JsonNode> unknown = rest.withBasicAuth("sam.support", DEMO_PASSWORD)
        .getForEntity("/api/board/escalations/TICKET-NONE-1", JsonNode.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody().get("message").asText()).contains("TICKET-NONE-1");
  }

  String mailState(String ticketId, long id) {
    JsonNode page = get("sam.support", "/api/board/escalations/" + ticketId);
    for (JsonNode mail : page.get("mails")) {
      if (mail.get("id").asLong() == id) {
        return mail.get("state").asText();
      }
    }
    throw new AssertionError("mail " + id + " not on " + ticketId + "'s page");
  }

  /** Opens an escalation, Support sets the level (override), the checklist is done at the instant given. */
  ProcessInstance atLevel(String level, String customer, String enteredAt) {
    clock(enteredAt);
    ProcessInstance pi = driver.start(withCustomer(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40), customer));
    driver.reviewLevel(pi, level, "The board test needs " + level);
    if (!level.equals("L1")) {
      driver.completeChecklist(pi, Map.of());
    }
    Jobs.executeAsyncContinuations(management, pi);
    return pi;
  }

  static Map<String, Object> withCustomer(Map<String, Object> request, String customer) {
    Map<String, Object> changed = new HashMap<>(request);
    changed.put(CUSTOMER_NAME.name(), customer);
    return changed;
  }

  void deliverAll(String ticketId) {
    for (int round = 0; round < 20 && worker.deliverPending(ticketId) > 0; round++) {
      // until none is left, or all failed
    }
  }

  JsonNode get(String user, String path) {
    ResponseEntity<JsonNode> response = rest.withBasicAuth(user, DEMO_PASSWORD).getForEntity(path, JsonNode.class);
    assertThat(response.getStatusCode().value()).as("GET %s as %s: %s", path, user, response.getBody()).isEqualTo(200);
    return response.getBody();
  }

  static Map<String, JsonNode> entries(JsonNode board) {
    Map<String, JsonNode> entries = new HashMap<>();
    for (JsonNode group : board.get("levels")) {
      for (JsonNode entry : group.get("escalations")) {
        entries.put(entry.get("ticketId").asText(), entry);
      }
    }
    return entries;
  }

  static String levelOf(JsonNode board, String ticketId) {
    for (JsonNode group : board.get("levels")) {
      for (JsonNode entry : group.get("escalations")) {
        if (entry.get("ticketId").asText().equals(ticketId)) {
          return group.get("level").isNull() ? null : group.get("level").asText();
        }
      }
    }
    throw new AssertionError(ticketId + " not on the board");
  }

  static List<String> tickets(JsonNode search) {
    List<String> tickets = new ArrayList<>();
    search.get("escalations").forEach(hit -> tickets.add(hit.get("ticketId").asText()));
    return tickets;
  }

  static JsonNode item(JsonNode page, String kind) {
    for (JsonNode item : page.get("timeline")) {
      if (item.get("kind").asText().equals(kind)) {
        return item;
      }
    }
    throw new AssertionError("no " + kind + " in " + page.get("timeline"));
  }

  static String key(ProcessInstance pi) {
    return pi.getBusinessKey();
  }

  static void clock(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }
}
