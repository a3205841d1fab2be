package com.octoacme.support.security;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.testing.AuthenticatedClients.DEMO_PASSWORD;
import static com.octoacme.support.testing.AuthenticatedClients.TICKETING_API_KEY;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.ProcessTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Each group against each action, through the REST APIs as real clients call them: allowed (2xx)
 * or refused (401 without credentials, 403 for the wrong group). Camunda's own authorizations
 * decide on /engine-rest; the app's rules on /api.
 */
@ProcessTest
class AuthorizationMatrixTest {

  /** The demo user of each group (IdentitySetup), plus the admin. */
  static final Map<String, String> USER_OF_GROUP = Map.of(
      "support", "sam.support", "engineering", "erin.engineer", "engineering-leads", "lee.lead",
      "product-managers", "pat.pm", "executives", "vic.vp", "product-team", "paula.product");

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    driver = new EscalationDriver(engine);
  }

  @Test
  void withoutCredentialsNothingIsOpen() {
    TestRestTemplate anonymous = new TestRestTemplate();
    String root = rest.getRootUri();
    assertThat(anonymous.getForEntity(root + "/engine-rest/task", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getForEntity(root + "/engine-rest/process-instance", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getForEntity(root + "/api/escalations/TICKET-1", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.postForEntity(root + "/api/escalations", json(request("CONFIRMED_BUG", "PRO", "LOW", 1)), String.class)
        .getStatusCode().value()).isEqualTo(401);
    // (an unknown user: a wrong password would lock a real one out for a while, as Camunda does)
    assertThat(rest.withBasicAuth("no.such.user", "wrong").getForEntity("/engine-rest/task", String.class)
        .getStatusCode().value()).isEqualTo(401);
    HttpHeaders wrongKey = new HttpHeaders();
    wrongKey.set("X-API-Key", "not-the-key");
    assertThat(anonymous.exchange(root + "/api/escalations/TICKET-1", HttpMethod.GET, new HttpEntity<>(wrongKey), String.class)
        .getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void openingAnEscalation_isForSupportAndTheTicketingSystem() {
    Map<String, Integer> expected = Map.of("support", 201, "engineering", 403, "engineering-leads", 403,
        "product-managers", 403, "executives", 403, "product-team", 403);
    expected.forEach((group, status) -> assertThat(status(as(group).postForEntity("/api/escalations",
        json(request("CONFIRMED_BUG", "PRO", "LOW", 1)), String.class))).as("POST /api/escalations as %s", group)
        .isEqualTo(status));
    HttpHeaders key = new HttpHeaders();
    key.setContentType(MediaType.APPLICATION_JSON);
    key.set("X-API-Key", TICKETING_API_KEY);
    assertThat(status(new TestRestTemplate().exchange(rest.getRootUri() + "/api/escalations", HttpMethod.POST,
        new HttpEntity<>(request("CONFIRMED_BUG", "PRO", "LOW", 1), key), String.class))).isEqualTo(201);

    // and through the engine's API, only Support may start the process
    expected.forEach((group, status) -> assertThat(status(as(group).postForEntity(
        "/engine-rest/process-definition/key/support-escalation/submit-form",
        tasklistPayload(request("CONFIRMED_BUG", "PRO", "LOW", 1)), String.class)))
        .as("submit start form as %s", group).isEqualTo(group.equals("support") ? 200 : 403));
  }

  @Test
  void anEngineeringTask_isWorkedByEngineeringOnly_andItsVariablesAreNotForOtherGroups() {
    ProcessInstance pi = atLevel2();
    Task acknowledge = driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    String task = "/engine-rest/task/" + acknowledge.getId();

    Map<String, Integer> readVariables = Map.of("support", 200, "engineering", 200, "engineering-leads", 403,
        "product-managers", 403, "executives", 403, "product-team", 403);
    readVariables.forEach((group, status) -> assertThat(status(as(group).getForEntity(task + "/variables", String.class)))
        .as("read the task's variables as %s", group).isEqualTo(status));

    for (String group : List.of("support", "engineering-leads", "product-managers", "executives", "product-team")) {
      assertThat(status(as(group).postForEntity(task + "/claim", Map.of("userId", USER_OF_GROUP.get(group)), String.class)))
          .as("claim as %s", group).isEqualTo(403);
      assertThat(status(as(group).postForEntity(task + "/submit-form", tasklistPayload(Map.of("initialAssessment", "x")),
          String.class))).as("complete as %s", group).isEqualTo(403);
    }
    assertThat(status(as("engineering").postForEntity(task + "/claim", Map.of("userId", "erin.engineer"), String.class)))
        .isEqualTo(204);
    assertThat(status(as("engineering").postForEntity(task + "/submit-form",
        tasklistPayload(Map.of("initialAssessment", "Looking at the logs")), String.class))).isEqualTo(204);
  }

  @Test
  void escalationsAreVisibleToSupportAndToTheirHandlersOnly() {
    ProcessInstance pi = atLevel2();
    Function<String, Integer> visibleTo = group -> as(group)
        .getForEntity("/engine-rest/process-instance?processDefinitionKey=support-escalation&businessKey=" + pi.getBusinessKey(), List.class).getBody().size();
    assertThat(visibleTo.apply("support")).isEqualTo(1);
    for (String group : List.of("engineering-leads", "product-managers", "executives", "product-team")) {
      assertThat(visibleTo.apply(group)).as("instances visible to %s", group).isZero();
    }
  }

  @Test
  void anExecutiveTask_isForExecutivesOnly() {
    ProcessInstance pi = driver.start(request("LEGAL_OR_COMPLIANCE", "ENTERPRISE", "HIGH", 1));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    String task = "/engine-rest/task/" + driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getId();
    for (String group : List.of("engineering", "engineering-leads", "product-managers", "product-team")) {
      assertThat(status(as(group).postForEntity(task + "/claim", Map.of("userId", USER_OF_GROUP.get(group)), String.class)))
          .as("claim an L4 task as %s", group).isEqualTo(403);
    }
    assertThat(status(as("executives").postForEntity(task + "/claim", Map.of("userId", "vic.vp"), String.class))).isEqualTo(204);
  }

  @Test
  void readingAnEscalationThroughTheApi_followsTheEnginesRule() {
    ProcessInstance pi = atLevel2();
    String path = "/api/escalations/" + pi.getBusinessKey();
    // who the engine lets read the escalation's variables: Support (all escalations), engineering (its open task)
    Map<String, Integer> expected = Map.of("support", 200, "engineering", 200, "engineering-leads", 403,
        "product-managers", 403, "executives", 403, "product-team", 403);
    expected.forEach((group, status) -> assertThat(status(as(group).getForEntity(path, String.class)))
        .as("GET %s as %s", path, group).isEqualTo(status));
    assertThat(status(rest.getForEntity(path, String.class))).as("as admin").isEqualTo(200);
    HttpHeaders key = new HttpHeaders();
    key.set("X-API-Key", TICKETING_API_KEY);
    assertThat(status(new TestRestTemplate().exchange(rest.getRootUri() + path, HttpMethod.GET, new HttpEntity<>(key),
        String.class))).as("as the ticketing system").isEqualTo(200);
    // an unknown ticket is unknown to everybody
    assertThat(status(as("product-team").getForEntity("/api/escalations/TICKET-999999", String.class))).isEqualTo(404);

    // once engineering's task is done, the engine hides the escalation from engineering again
    driver.acknowledge(pi, "erin.engineer");
    assertThat(status(as("engineering").getForEntity(path, String.class))).isEqualTo(200); // the resolve task is theirs
    driver.resolve(pi, "erin.engineer", "RESOLVED", null);
    assertThat(status(as("engineering").getForEntity(path, String.class))).isEqualTo(403);
    assertThat(status(as("support").getForEntity(path, String.class))).isEqualTo(200);
  }

  @Test
  void theTicketingKeyReachesWhatTheTicketingSystemNeedsOnly() {
    HttpHeaders key = new HttpHeaders();
    key.set("X-API-Key", TICKETING_API_KEY);
    TestRestTemplate anonymous = new TestRestTemplate();
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-instance", "/api/operations/sla/recalculate")) {
      int status = status(anonymous.exchange(rest.getRootUri() + path, HttpMethod.GET, new HttpEntity<>(key), String.class));
      assertThat(status).as("GET %s with the ticketing key", path).isIn(401, 403);
    }
  }

  @Test
  void operationsAreForAdmins() {
    assertThat(status(as("support").postForEntity("/api/operations/sla/recalculate", null, String.class))).isEqualTo(403);
    assertThat(status(rest.postForEntity("/api/operations/sla/recalculate", null, String.class))).isEqualTo(200);
  }

  ProcessInstance atLevel2() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    return pi;
  }

  TestRestTemplate as(String group) {
    return rest.withBasicAuth(USER_OF_GROUP.get(group), DEMO_PASSWORD);
  }

  static int status(ResponseEntity<?> response) {
    return response.getStatusCode().value();
  }

  static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  static Map<String, Object> tasklistPayload(Map<String, Object> values) {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return Map.of("variables", variables);
  }
}
