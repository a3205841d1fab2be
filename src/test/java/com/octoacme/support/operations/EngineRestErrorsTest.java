package com.octoacme.support.operations;

import static com.octoacme.support.escalation.EscalationVariables.CUSTOMER_NAME;
import static com.octoacme.support.escalation.EscalationVariables.LEVEL_OVERRIDE;
import static com.octoacme.support.escalation.EscalationVariables.PRIORITY;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.testing.EscalationRequests;
import com.octoacme.support.testing.ProcessTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Refused input reaches Tasklist and REST clients as 400 with the field named, for start and task forms alike. */
@ProcessTest
class EngineRestErrorsTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @Test
  void aRefusedStartFormIs400AndNamesTheField() {
    Map<String, Object> request = EscalationRequests.request("CONFIRMED_BUG", "PRO", "LOW", 3);
    request.remove(CUSTOMER_NAME.name());
    ResponseEntity<Map> response = rest.postForEntity(
        "/engine-rest/process-definition/key/support-escalation/submit-form", tasklistPayload(request), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // Tasklist shows the message: the field's label on the start form, in plain language
    assertThat(response.getBody()).containsEntry("field", "customerName");
    assertThat((String) response.getBody().get("message")).isEqualTo("Customer name: is required");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey((String) request.get("ticketId")).count()).isZero();
  }

  @Test
  void aRefusedTaskFormIs400AndNamesTheFieldAndTheTaskStays() {
    Map<String, Object> request = EscalationRequests.request("CONFIRMED_BUG", "PRO", "LOW", 3);
    ResponseEntity<Map> started = rest.postForEntity(
        "/engine-rest/process-definition/key/support-escalation/submit-form", tasklistPayload(request), Map.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String taskId = tasks.createTaskQuery().processInstanceId((String) started.getBody().get("id")).singleResult().getId();

    ResponseEntity<Map> refused = rest.postForEntity("/engine-rest/task/" + taskId + "/submit-form",
        tasklistPayload(Map.of(PRIORITY.name(), "HIGH", LEVEL_OVERRIDE.name(), "L4")), Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).containsEntry("field", "levelOverrideReason");
    assertThat((String) refused.getBody().get("message")).isEqualTo("levelOverrideReason is required to override the suggested level");
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isOne();
  }

  @Test
  void otherEngineErrorsKeepCamundasOwnAnswer() {
    ResponseEntity<Map> response = rest.postForEntity("/engine-rest/task/no-such-task/submit-form",
        tasklistPayload(Map.of()), Map.class);
    assertThat(response.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(response.getBody()).doesNotContainKey("field").containsKey("message");
  }

  /** What Tasklist sends for a Camunda Form: {"variables": {"name": {"value": ...}}} without types. */
  static Map<String, Object> tasklistPayload(Map<String, Object> values) {
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return Map.of("variables", variables);
  }
}
