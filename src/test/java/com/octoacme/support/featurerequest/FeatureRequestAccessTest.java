package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestDriver.*;
import static com.octoacme.support.featurerequest.FeatureRequestModel.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.testing.AuthenticatedClients;
import com.octoacme.support.testing.ProcessTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Who sees what, per group, on /api/feature-requests and on /engine-rest (what Tasklist uses): Support and
 * Product read feature requests and their contract values, Product works the review, nobody else sees them.
 */
@ProcessTest
class FeatureRequestAccessTest {

  static final Map<String, String> USER_OF_GROUP = Map.of(
      "support", "sam.support", "engineering", "erin.engineer", "engineering-leads", "lee.lead",
      "product-managers", "pat.pm", "executives", "vic.vp", "product-team", "paula.product");

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate rest;

  String key;
  ProcessInstance feature;

  @BeforeEach
  void setUp() {
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
    key = newKey("ACCESS");
    feature = new FeatureRequestDriver(engine).request(request(key, false, "Globex", "ENTERPRISE", 777_000));
  }

  @Test
  void theApiIsForSupportAndProductOnly() {
    for (String group : USER_OF_GROUP.keySet()) {
      ResponseEntity<String> answer = as(group).getForEntity("/api/feature-requests/" + key, String.class);
      boolean reader = group.equals("support") || group.startsWith("product-");
      assertThat(answer.getStatusCode().value()).as("GET as %s", group).isEqualTo(reader ? 200 : 403);
      if (reader) {
        assertThat(answer.getBody()).contains("\"contractValue\":777000");
      } else {
        assertThat(answer.getBody()).doesNotContain("777000").contains("\"status\":403");
      }
    }
    assertThat(new TestRestTemplate().getForEntity(rest.getRootUri() + "/api/feature-requests/" + key, String.class)
        .getStatusCode().value()).isEqualTo(401);
    ResponseEntity<String> unknown = as("support").getForEntity("/api/feature-requests/FEAT-NONE", String.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody()).contains("no feature request has key FEAT-NONE");
  }

  @Test
  void theEngineShowsTheVariablesAndTheReviewToTheSameGroups() {
    String variables = "/engine-rest/variable-instance?processInstanceIdIn=" + feature.getId();
    String reviewTasks = "/engine-rest/task?processDefinitionKey=" + FeatureRequestVariables.PROCESS_ID
        + "&taskDefinitionKey=" + TASK_PRODUCT_REVIEW;
    for (String group : USER_OF_GROUP.keySet()) {
      boolean reader = group.equals("support") || group.startsWith("product-");
      ResponseEntity<String> vars = as(group).getForEntity(variables, String.class);
      assertThat(vars.getStatusCode().value()).as("variables as %s", group).isEqualTo(200);
      if (reader) {
        assertThat(vars.getBody()).as("variables as %s", group).contains("\"name\":\"contractValue\"");
      } else {
        assertThat(vars.getBody()).as("variables as %s", group).isEqualTo("[]");
      }
      ResponseEntity<String> instances = as(group).getForEntity("/engine-rest/process-instance?processDefinitionKey="
          + FeatureRequestVariables.PROCESS_ID, String.class);
      assertThat(instances.getBody().contains(feature.getId())).as("instance seen by %s", group).isEqualTo(reader);
      ResponseEntity<String> tasks = as(group).getForEntity(reviewTasks, String.class);
      assertThat(tasks.getBody().contains("\"processInstanceId\":\"" + feature.getId() + "\""))
          .as("review task seen by %s", group).isEqualTo(reader);
    }
  }

  @Test
  void onlySupportStartsFeatureRequests_andOnlyTheProductTeamClaimsTheReview() {
    String taskId = engine.getTaskService().createTaskQuery().processInstanceId(feature.getId())
        .taskDefinitionKey(TASK_PRODUCT_REVIEW).singleResult().getId();
    for (String group : USER_OF_GROUP.keySet()) {
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      String body = "{\"userId\":\"" + USER_OF_GROUP.get(group) + "\"}";
      int claim = as(group).postForEntity("/engine-rest/task/" + taskId + "/claim", new HttpEntity<>(body, headers),
          String.class).getStatusCode().value();
      assertThat(claim).as("claim as %s", group).isEqualTo(group.equals("product-team") ? 204 : 403);
      if (claim == 204) {
        engine.getTaskService().setAssignee(taskId, null);
      }
      String start = "{\"variables\":{\"featureKey\":{\"value\":\"FEAT-START-BY-" + group.toUpperCase() + "\"}}}";
      int started = as(group).postForEntity("/engine-rest/process-definition/key/" + FeatureRequestVariables.PROCESS_ID
          + "/submit-form", new HttpEntity<>(start, headers), String.class).getStatusCode().value();
      // support reaches the validation (400: the request is incomplete); everybody else is refused before it
      // (403, or 404 where the group may not even see the definition)
      if (group.equals("support")) {
        assertThat(started).as("start as %s", group).isEqualTo(400);
      } else {
        assertThat(started).as("start as %s", group).isIn(403, 404);
      }
    }
  }

  @Test
  void aProductManagerFlagsAWaitingFeatureAsRoadmapAlignedAndItGoesToReview() {
    FeatureRequestDriver driver = new FeatureRequestDriver(engine);
    String waitingKey = newKey("FLAG");
    ProcessInstance waiting = driver.request(request(waitingKey, false, "Small Co", "FREE", 0));
    BpmnAwareTests.assertThat(waiting).isWaitingAt(EVENT_REVIEW_CRITERION_MET);
    String flag = "/api/feature-requests/" + waitingKey + "/roadmap-aligned";
    for (String group : List.of("engineering", "engineering-leads", "executives", "product-team")) {
      assertThat(as(group).postForEntity(flag, null, String.class).getStatusCode().value()).as("flag as %s", group)
          .isEqualTo(403);
    }
    BpmnAwareTests.assertThat(waiting).isWaitingAt(EVENT_REVIEW_CRITERION_MET);

    ResponseEntity<String> flagged = as("product-managers").postForEntity(flag, null, String.class);

    assertThat(flagged.getStatusCode().value()).isEqualTo(200);
    assertThat(flagged.getBody()).contains("\"roadmapFlaggedBy\":\"pat.pm\"").contains("\"status\":\"IN_REVIEW\"")
        .contains("\"criteriaMet\":\"STRATEGIC\"");
    BpmnAwareTests.assertThat(waiting).isWaitingAt(TASK_PRODUCT_REVIEW);
    // again: nothing changes (still one review)
    assertThat(as("support").postForEntity(flag, null, String.class).getStatusCode().value()).isEqualTo(200);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(waiting.getId()).count()).isOne();
    assertThat(as("product-managers").postForEntity("/api/feature-requests/FEAT-NONE/roadmap-aligned", null, String.class)
        .getStatusCode().value()).isEqualTo(404);
  }

  private TestRestTemplate as(String group) {
    return rest.withBasicAuth(USER_OF_GROUP.get(group), AuthenticatedClients.DEMO_PASSWORD);
  }
}
