package com.octoacme.support.security;

import static com.octoacme.support.testing.AuthenticatedClients.DEMO_PASSWORD;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.notification.NotificationVariables;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.ProcessTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
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
 * The engine-side holes a support agent or a task's candidate found through /engine-rest (the API Tasklist
 * itself uses, with the user's own rights): each probe is refused for every group but the admins (403, or
 * 404 where the engine does not even show the caller the task or process definition) and leaves the
 * escalation, its timers and its variables as they were.
 */
@ProcessTest
class EngineLeastPrivilegeTest {

  static final Map<String, String> USER_OF_GROUP = AuthorizationMatrixTest.USER_OF_GROUP;

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  EscalationDriver driver;
  ProcessInstance pi;
  Task acknowledge;
  Job breachTimer;

  @BeforeEach
  void anEscalationAtLevel2() {
    driver = new EscalationDriver(engine);
    pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    acknowledge = driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    breachTimer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId(EscalationModel.TIMER_RESPONSE_SLA_BREACHED).singleResult();
  }

  record Probe(String name, HttpMethod method, String path, Object body) {}

  List<Probe> probes() {
    String instance = "/engine-rest/process-instance/" + pi.getId();
    String task = "/engine-rest/task/" + acknowledge.getId();
    String job = "/engine-rest/job/" + breachTimer.getId();
    return List.of(
        new Probe("jump to the after-resolution checklist (instance modification)", HttpMethod.POST, instance + "/modification",
            Map.of("instructions", List.of(
                Map.of("type", "cancel", "activityId", EscalationModel.TASK_ACKNOWLEDGE_ESCALATION),
                Map.of("type", "startBeforeActivity", "activityId", EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST)))),
        new Probe("set escalationLevel to L1", HttpMethod.PUT, instance + "/variables/" + EscalationVariables.ESCALATION_LEVEL.name(),
            Map.of("value", "L1", "type", "String")),
        new Probe("set escalationOpenedBy to someone else", HttpMethod.PUT, instance + "/variables/" + EscalationVariables.OPENED_BY.name(),
            Map.of("value", "mallory", "type", "String")),
        new Probe("modify the instance's variables", HttpMethod.POST, instance + "/variables",
            Map.of("modifications", Map.of(EscalationVariables.RESPONSE_DUE_AT.name(), Map.of("value", "2099-01-01T00:00:00.000+0000", "type", "Date")))),
        new Probe("move the breach timer to 2099", HttpMethod.PUT, job + "/duedate", Map.of("duedate", "2099-01-01T00:00:00.000+0000")),
        new Probe("set the breach timer's retries to 0", HttpMethod.PUT, job + "/retries", Map.of("retries", 0)),
        new Probe("suspend the breach timer", HttpMethod.PUT, job + "/suspended", Map.of("suspended", true)),
        new Probe("suspend the escalation", HttpMethod.PUT, instance + "/suspended", Map.of("suspended", true)),
        new Probe("delete the escalation", HttpMethod.DELETE, instance, null),
        new Probe("add a group to the task", HttpMethod.POST, task + "/identity-links", Map.of("groupId", "product-team", "type", "candidate")),
        new Probe("move the task's due date", HttpMethod.PUT, task, Map.of("name", acknowledge.getName(), "due", "2099-01-01T00:00:00.000+0000")),
        new Probe("set a process variable through the task outside a form", HttpMethod.PUT,
            task + "/variables/" + EscalationVariables.ESCALATION_LEVEL.name(), Map.of("value", "L1", "type", "String")),
        new Probe("start the internal notification-delivery process", HttpMethod.POST,
            "/engine-rest/process-definition/key/" + NotificationVariables.PROCESS_ID + "/start", Map.of()),
        new Probe("start an escalation at a chosen task, past its validation (start instructions)", HttpMethod.POST,
            "/engine-rest/process-definition/key/" + EscalationVariables.PROCESS_ID + "/start",
            Map.of("businessKey", "TICKET-9999", "skipCustomListeners", true,
                "variables", Map.of(EscalationVariables.ESCALATION_LEVEL.name(), Map.of("value", "L1", "type", "String")),
                "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                    "activityId", EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST)))),
        new Probe("create a user", HttpMethod.POST, "/engine-rest/user/create",
            Map.of("profile", Map.of("id", "mallory", "firstName", "M", "lastName", "M", "email", "m@example.com"),
                "credentials", Map.of("password", "secret-secret"))),
        new Probe("grant themselves everything", HttpMethod.POST, "/engine-rest/authorization/create",
            Map.of("type", 1, "permissions", List.of("ALL"), "userId", "sam.support", "resourceType", 8, "resourceId", "*")),
        new Probe("add themselves to the executives", HttpMethod.PUT, "/engine-rest/group/executives/members/sam.support", null));
  }

  @Test
  void everyProbeIsRefusedForEveryGroupAndChangesNothing() {
    Map<String, Object> before = state();
    List<String> allowed = new ArrayList<>();
    for (String group : USER_OF_GROUP.keySet()) {
      for (Probe probe : probes()) {
        int status = call(as(group), probe);
        if (status != 403 && status != 404) {
          allowed.add(group + " may " + probe.name() + " (" + status + ")");
        }
      }
    }
    assertThat(allowed).isEmpty();
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void theInternalDeliveryProcessIsNotOfferedInTasklist() {
    for (String group : USER_OF_GROUP.keySet()) {
      List<?> startable = as(group).getForEntity(
          "/engine-rest/process-definition?latestVersion=true&startableInTasklist=true&startablePermissionCheck=true",
          List.class).getBody();
      assertThat(startable.toString()).as("processes %s may start in Tasklist", group)
          .doesNotContain(NotificationVariables.PROCESS_ID);
      boolean offered = startable.toString().contains("key=" + EscalationVariables.PROCESS_ID + ",");
      assertThat(offered).as("the escalation offered to %s", group).isEqualTo(group.equals("support"));
    }
  }

  @Test
  void anAdminMayDoWhatOperatorsNeed() {
    assertThat(call(rest, new Probe("move the breach timer", HttpMethod.PUT,
        "/engine-rest/job/" + breachTimer.getId() + "/duedate", Map.of("duedate", "2099-01-01T00:00:00.000+0000")))).isEqualTo(204);
    assertThat(call(rest, new Probe("suspend", HttpMethod.PUT, "/engine-rest/process-instance/" + pi.getId() + "/suspended",
        Map.of("suspended", true)))).isEqualTo(204);
    assertThat(call(rest, new Probe("resume", HttpMethod.PUT, "/engine-rest/process-instance/" + pi.getId() + "/suspended",
        Map.of("suspended", false)))).isEqualTo(204);
    // an operator may start at a chosen activity (repairing a lost escalation, say): past the guard, here into the
    // request's validation, which refuses the empty request (400, not 403)
    assertThat(call(rest, new Probe("start at a chosen activity", HttpMethod.POST,
        "/engine-rest/process-definition/key/" + EscalationVariables.PROCESS_ID + "/start",
        Map.of("businessKey", "TICKET-9998", "startInstructions", List.of(Map.of("type", "startBeforeActivity",
            "activityId", EscalationModel.TASK_VALIDATE_ESCALATION_REQUEST)))))).isEqualTo(400);
  }

  @Test
  void theCandidatesKeepWhatTheyNeed_claimReadAndSubmitTheForm() {
    String task = "/engine-rest/task/" + acknowledge.getId();
    TestRestTemplate erin = as("engineering");
    assertThat(erin.getForEntity(task + "/form-variables", String.class).getStatusCode().value()).isEqualTo(200);
    assertThat(erin.postForEntity(task + "/claim", Map.of("userId", "erin.engineer"), String.class).getStatusCode().value())
        .isEqualTo(204);
    assertThat(erin.postForEntity(task + "/submit-form",
        AuthorizationMatrixTest.tasklistPayload(Map.of("initialAssessment", "Looking at the logs")), String.class)
        .getStatusCode().value()).isEqualTo(204);
  }

  /** What a probe could have changed: where the escalation is, its variables, its jobs, the task's candidates and due date. */
  Map<String, Object> state() {
    Map<String, Object> state = new TreeMap<>();
    state.put("active", engine.getRuntimeService().getActiveActivityIds(pi.getId()));
    state.put("suspended", engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().isSuspended());
    state.put("variables", new TreeMap<>(engine.getRuntimeService().getVariables(pi.getId())).toString());
    List<String> jobs = new ArrayList<>();
    for (Job job : engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).orderByJobId().asc().list()) {
      jobs.add(job.getId() + " " + job.getDuedate() + " " + job.getRetries() + " " + job.isSuspended());
    }
    state.put("jobs", jobs);
    Task task = engine.getTaskService().createTaskQuery().taskId(acknowledge.getId()).singleResult();
    state.put("task", task.getDueDate() + " " + task.getAssignee());
    state.put("candidates", engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).sorted().toList());
    state.put("users", engine.getIdentityService().createUserQuery().count());
    state.put("escalations", engine.getRuntimeService().createProcessInstanceQuery().count());
    state.put("authorizations", engine.getAuthorizationService().createAuthorizationQuery().count());
    state.put("executives", engine.getIdentityService().createUserQuery().memberOfGroup("executives").count());
    state.put("deliveries", engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(NotificationVariables.PROCESS_ID).count());
    return state;
  }

  TestRestTemplate as(String group) {
    return rest.withBasicAuth(USER_OF_GROUP.get(group), DEMO_PASSWORD);
  }

  static int call(TestRestTemplate client, Probe probe) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> response = client.exchange(probe.path(), probe.method(), new HttpEntity<>(probe.body(), headers), String.class);
    return response.getStatusCode().value();
  }
}
