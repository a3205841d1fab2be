package com.octoacme.support.board;

import static com.octoacme.support.testing.AuthenticatedClients.ADMIN;
import static com.octoacme.support.testing.AuthenticatedClients.ADMIN_PASSWORD;
import static com.octoacme.support.testing.AuthenticatedClients.DEMO_PASSWORD;
import static com.octoacme.support.testing.AuthenticatedClients.TICKETING_API_KEY;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Who sees what on the board, per group, through HTTP as the page calls it: exactly the escalations that
 * GET /api/escalations/{ticketId} lets the same person read (the engine's rule: Support all of them, a handler
 * group those with one of its tasks open), on the board, in the search and on an escalation's page.
 */
@ProcessTest
class BoardAccessTest {

  static final Map<String, String> USER_OF_GROUP = new LinkedHashMap<>(Map.of(
      "support", "sam.support", "engineering", "erin.engineer", "engineering-leads", "lee.lead",
      "product-managers", "pat.pm", "executives", "vic.vp", "product-team", "paula.product"));

  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired TestRestTemplate rest;

  @Test
  void eachGroupSeesTheEscalationsTheEngineLetsItRead() {
    EscalationDriver driver = new EscalationDriver(engine);
    Map<String, ProcessInstance> atLevel = new LinkedHashMap<>();
    for (String level : List.of("L1", "L2", "L3", "L4")) {
      ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
      driver.reviewLevel(pi, level, "Access test at " + level);
      if (!level.equals("L1")) {
        driver.completeChecklist(pi, Map.of());
      }
      Jobs.executeAsyncContinuations(management, pi);
      atLevel.put(level, pi);
    }
    ProcessInstance closed = driver.start(request("HOW_TO_QUESTION", "FREE", "LOW", 1));
    driver.reviewLevel(closed, null, null);
    driver.acknowledge(closed, "sam.support");
    driver.resolve(closed, "sam.support", "RESOLVED", null);
    driver.afterResolution(closed, 4);
    Set<String> ours = new HashSet<>();
    atLevel.values().forEach(pi -> ours.add(pi.getBusinessKey()));
    ours.add(closed.getBusinessKey());

    Map<String, Set<String>> expectedOnBoard = Map.of(
        "support", Set.of("L1", "L2", "L3", "L4"), "engineering", Set.of("L2"), "engineering-leads", Set.of("L3"),
        "product-managers", Set.of("L3"), "executives", Set.of("L4"), "product-team", Set.of());
    for (var group : USER_OF_GROUP.entrySet()) {
      TestRestTemplate caller = rest.withBasicAuth(group.getValue(), DEMO_PASSWORD);
      Set<String> readable = new HashSet<>();
      for (String ticket : ours) {
        int api = caller.getForEntity("/api/escalations/" + ticket, String.class).getStatusCode().value();
        int page = caller.getForEntity("/api/board/escalations/" + ticket, String.class).getStatusCode().value();
        assertThat(page).as("%s's page as %s: the API's answer (%d)", ticket, group.getKey(), api).isEqualTo(api);
        assertThat(api).isIn(200, 403);
        if (api == 200) {
          readable.add(ticket);
        }
      }
      JsonNode board = caller.getForObject("/api/board", JsonNode.class);
      Set<String> onBoard = new HashSet<>(BoardApiTest.entries(board).keySet());
      onBoard.retainAll(ours);
      Set<String> expected = new HashSet<>();
      expectedOnBoard.get(group.getKey()).forEach(level -> expected.add(atLevel.get(level).getBusinessKey()));
      assertThat(onBoard).as("on the board of %s", group.getKey()).isEqualTo(expected);
      Set<String> readableOpen = new HashSet<>(readable);
      readableOpen.remove(closed.getBusinessKey());
      assertThat(onBoard).as("the board of %s = what the API lets it read", group.getKey()).isEqualTo(readableOpen);
      Set<String> found = new HashSet<>(BoardApiTest.tickets(caller.getForObject("/api/board/search?q=TICKET-", JsonNode.class)));
      found.retainAll(ours);
      assertThat(found).as("found by %s", group.getKey()).isEqualTo(readable);
    }
    assertThat(readableBy("sam.support", closed.getBusinessKey())).as("Support finds closed escalations").isTrue();
    assertThat(readableBy("erin.engineer", closed.getBusinessKey())).isFalse();

    // the admin reads every escalation, as on GET /api/escalations
    Set<String> adminBoard = new HashSet<>(BoardApiTest.entries(rest.withBasicAuth(ADMIN, ADMIN_PASSWORD)
        .getForObject("/api/board", JsonNode.class)).keySet());
    assertThat(adminBoard).containsAll(atLevel.values().stream().map(ProcessInstance::getBusinessKey).toList());
  }

  @Test
  void theBoardIsForPeople_theTicketingKeyAndAnonymousCallersAreRefused() {
    TestRestTemplate anonymous = new TestRestTemplate();
    HttpHeaders key = new HttpHeaders();
    key.set("X-API-Key", TICKETING_API_KEY);
    for (String path : List.of("/api/board", "/api/board/search?q=TICKET", "/api/board/escalations/TICKET-1")) {
      assertThat(anonymous.getForEntity(rest.getRootUri() + path, String.class).getStatusCode().value()).as(path).isEqualTo(401);
      assertThat(anonymous.exchange(rest.getRootUri() + path, HttpMethod.GET, new HttpEntity<>(key), String.class)
          .getStatusCode().value()).as("%s with the ticketing key", path).isEqualTo(403);
      // an unknown user: a wrong password would make the engine lock a demo user out for other tests (login delay)
      assertThat(rest.withBasicAuth("no.such.user", "wrong").getForEntity(path, String.class).getStatusCode().value())
          .as(path).isEqualTo(401);
    }
  }

  @Test
  void thePageIsServedWithItsOwnAssets_noCdn_andTheApiIsDescribed() {
    TestRestTemplate anonymous = new TestRestTemplate();
    // /board redirects to the page (followed); the page holds no data: it needs no login
    String page = anonymous.getForObject(rest.getRootUri() + "/board", String.class);
    assertThat(page).contains("<title>Escalation board").contains("common.js").contains("board.js")
        .doesNotContain("http://").doesNotContain("https://");
    String escalation = anonymous.getForObject(rest.getRootUri() + "/board/escalation.html", String.class);
    assertThat(escalation).contains("escalation.js").doesNotContain("https://");
    for (String asset : List.of("common.js", "board.js", "escalation.js", "board.css")) {
      var response = anonymous.getForEntity(rest.getRootUri() + "/board/" + asset, String.class);
      assertThat(response.getStatusCode().value()).as(asset).isEqualTo(200);
      assertThat(response.getBody()).as(asset).doesNotContain("https://").doesNotContain("http://");
    }
    JsonNode paths = rest.getForObject("/v3/api-docs", JsonNode.class).get("paths");
    for (String path : List.of("/api/board", "/api/board/search", "/api/board/escalations/{ticketId}")) {
      assertThat(paths.path(path).path("get").path("summary").asText()).as(path).isNotBlank();
    }
  }

  boolean readableBy(String user, String ticket) {
    return BoardApiTest.tickets(rest.withBasicAuth(user, DEMO_PASSWORD)
        .getForObject("/api/board/search?q=" + ticket, JsonNode.class)).contains(ticket);
  }
}
