package com.octoacme.support.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.SupportEscalationApplication;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationRequestValidator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.Ordered;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The whole application in its production profile ({@code postgres}) on a real PostgreSQL 17,
 * driven only through the engine's REST API the way Camunda Tasklist drives it: Camunda Forms
 * submitted as untyped values, one escalation from its start form to its end, bad input rejected
 * without a trace, and the production identity setup (no demo users, the admin's password from
 * the environment). Job execution and the mail workers are off: nothing here waits for a job or a mail.
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT,
    // no mail server here: the mail workers stay off, so the mails stay pending (a failed one would hold the close)
    properties = {"camunda.bpm.job-execution.enabled=false", "notification.worker.enabled=false"})
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = SupportEscalationPostgresIT.StopDatabaseAfterApplication.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class SupportEscalationPostgresIT {

  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "it-admin-" + Long.toHexString(System.nanoTime());
  private static final String PROCESS = "/process-definition/key/support-escalation";
  private static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final List<String> DEPLOYED_RESOURCES = List.of("support-escalation.bpmn", "escalation-level.dmn",
      "escalation-start.form", "review-escalation-level.form", "pre-escalation-checklist.form",
      "acknowledge-escalation.form", "resolve-escalation.form", "after-resolution-checklist.form");

  private static EmbeddedPostgres postgres;

  private final ObjectMapper json = new ObjectMapper();

  @Autowired
  private TestRestTemplate restTemplate;

  @Autowired
  private org.springframework.context.ApplicationContext application;

  /** Production sends to a real mail server (SMTP_HOST; Mailpit in docker-compose): the app starts none itself. */
  @Test
  void thePostgresProfileStartsNoMailServerOfItsOwn() {
    assertThat(application.getBeanNamesForType(com.octoacme.support.notification.EmbeddedMailServer.class)).isEmpty();
    assertThat(application.getEnvironment().getProperty("notification.embedded-smtp.enabled")).isEqualTo("false");
  }

  @DynamicPropertySource
  static void postgresDatabase(DynamicPropertyRegistry registry) {
    registry.add("DB_URL", () -> postgres().getJdbcUrl("postgres", "postgres"));
    registry.add("DB_USERNAME", () -> "postgres");
    registry.add("DB_PASSWORD", () -> "postgres");
    registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return postgres;
  }

  /**
   * Stops the database after Spring has closed the application ({@code @DirtiesContext}). A JUnit
   * {@code @AfterAll} runs before that: the engine's shutdown (metrics flush, schema close command)
   * would then wait for a database that is gone, and closing the application by hand there makes
   * Spring's own after-class listeners fail on the closed context.
   */
  static class StopDatabaseAfterApplication implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE; // afterTestClass runs in reverse order: this one last
    }

    @Override
    public void afterTestClass(TestContext testContext) throws IOException {
      stopDatabase();
    }
  }

  private static synchronized void stopDatabase() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  @Test
  void escalationFromStartFormToClosedOnPostgres() {
    assertDeployedFromBpmnAndFormsFolders();
    assertStartFormIs("escalation-start");

    Map<String, Object> request = validRequest("TICKET-4711");
    assertThat(request).containsKeys(EscalationRequestValidator.requiredFieldNames().toArray(String[]::new));
    assertThat(request).containsKeys(requiredFieldsOfStartForm().toArray(String[]::new));

    ResponseEntity<String> started = startEscalation(request);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode instance = parse(started);
    String processInstanceId = instance.get("id").asText();
    assertThat(instance.get("businessKey").asText()).isEqualTo("TICKET-4711");
    assertThat(variable(processInstanceId, "decidedLevel").asText()).isEqualTo("L2");

    JsonNode review = singleTask(processInstanceId, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL);
    assertOffersForm(review, "review-escalation-level");
    assertThat(candidateGroups(review)).containsExactly("support");
    Map<String, Object> reviewForm = new LinkedHashMap<>();
    reviewForm.put("levelOverride", null);
    reviewForm.put("priority", "MEDIUM");
    reviewForm.put("duringCheckTemplateComplete", true);
    reviewForm.put("duringCheckPrioritySet", true);
    submit(review, reviewForm);

    // the review commits first; the job executor then records the level and opens the checklist
    JsonNode checklist = singleTask(processInstanceId, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST);
    assertThat(variable(processInstanceId, "escalationLevel").asText()).isEqualTo("L2");
    assertOffersForm(checklist, "pre-escalation-checklist");
    assertThat(candidateGroups(checklist)).containsExactly("support");
    submit(checklist, ticked("preCheckTroubleshooting", "preCheckKnowledgeBase", "preCheckReproduced",
        "preCheckTechnicalDetails", "preCheckStepsDocumented", "preCheckExistingReports", "preCheckImpactAssessed"));

    JsonNode acknowledge = singleTask(processInstanceId, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertOffersForm(acknowledge, "acknowledge-escalation");
    assertThat(candidateGroups(acknowledge)).containsExactly("engineering");
    assertThat(instant(acknowledge.get("due"))).isEqualTo(instant(variable(processInstanceId, "responseDueAt")));
    submit(acknowledge, Map.of("initialAssessment", "Reproduced on staging; the payment adapter drops the currency."));

    JsonNode resolve = singleTask(processInstanceId, EscalationModel.TASK_RESOLVE_ESCALATION);
    assertOffersForm(resolve, "resolve-escalation");
    assertThat(candidateGroups(resolve)).containsExactly("engineering");
    assertThat(instant(resolve.get("due"))).isEqualTo(instant(variable(processInstanceId, "resolutionDueAt")));
    submit(resolve, Map.of(
        "levelOutcome", "RESOLVED",
        "rootCause", "The 2.14 release sent amounts without a currency to the payment provider.",
        "resolutionSummary", "Hotfix 2.14.1 sends the currency again; failed orders were replayed."));

    JsonNode afterResolution = singleTask(processInstanceId, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);
    assertOffersForm(afterResolution, "after-resolution-checklist");
    assertThat(candidateGroups(afterResolution)).containsExactly("support");
    Map<String, Object> closing = ticked("postCheckFixVerified", "postCheckKnowledgeBaseUpdated",
        "postCheckRootCauseDocumented", "postCheckFeedbackGathered", "postCheckTicketClosed", "postCheckLearningsShared");
    closing.put("rootCause", "The 2.14 release sent amounts without a currency to the payment provider.");
    closing.put("resolutionSummary", "Hotfix 2.14.1 sends the currency again; failed orders were replayed.");
    closing.put("csatScore", 5);
    submit(afterResolution, closing);

    runContinuations(processInstanceId); // closing runs as a job after the checklist's commit
    assertThat(parse(get("/history/process-instance/" + processInstanceId)).get("state").asText()).isEqualTo("COMPLETED");
    assertThat(parse(get("/process-instance?processDefinitionKey=support-escalation&businessKey=TICKET-4711"))).isEmpty();
    JsonNode byTicket = parse(get("/history/process-instance?processDefinitionKey=support-escalation&processInstanceBusinessKey=TICKET-4711"));
    assertThat(byTicket).hasSize(1);
    assertThat(byTicket.get(0).get("id").asText()).isEqualTo(processInstanceId);

    JdbcTemplate database = database();
    assertThat(database.queryForObject(
        "select count(*) from act_hi_procinst where proc_inst_id_ = ? and state_ = 'COMPLETED'", Long.class, processInstanceId))
        .as("the engine writes to PostgreSQL").isEqualTo(1L);
    assertThat(database.queryForList(
        "select from_level, to_level, change_kind from escalation_level_change where ticket_id = ?", "TICKET-4711"))
        .containsExactly(levelChangeRow(null, "L2", "DECIDED"));
    assertThat(database.queryForList(
        "select event_type from escalation_event where ticket_id = ? and process_instance_id = ? order by id",
        String.class, "TICKET-4711", processInstanceId))
        .containsExactly("OPENED", "FIRST_RESPONSE", "RESOLVED", "CLOSED");
    assertThat(database.queryForObject(
        "select count(*) from information_schema.tables where table_name = 'escalation_schema_history'", Long.class))
        .as("Flyway's history table").isEqualTo(1L);
    assertThat(database.queryForObject(
        "select success from escalation_schema_history where version = '1'", Boolean.class)).isTrue();
  }

  @Test
  void badStartInputIsRejectedWithTheFieldNamedAndNothingStarted() {
    Map<String, Object> unknownTier = validRequest("TICKET-4712");
    unknownTier.put("accountTier", "PLATINUM");
    assertRejectedNamingField(unknownTier, "accountTier");

    Map<String, Object> noCustomer = validRequest("TICKET-4713");
    noCustomer.remove("customerName");
    assertRejectedNamingField(noCustomer, "customerName");
  }

  @Test
  void productionProfileHasNoDemoUsersAndTheAdminCanLogIn() {
    List<String> users = new ArrayList<>();
    parse(get("/user")).forEach(user -> users.add(user.get("id").asText()));
    assertThat(users).containsExactly(ADMIN);

    assertThat(parse(post("/identity/verify", Map.of("username", ADMIN, "password", ADMIN_PASSWORD)))
        .get("authenticated").asBoolean()).isTrue();
  }

  // --- the escalation, as Tasklist submits it ---------------------------------------------------

  /** Every required field of the start form, as Tasklist sends it: untyped strings, numbers, booleans. */
  private static Map<String, Object> validRequest(String ticketId) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("customerName", "Globex Corporation");
    v.put("accountTier", "PRO");
    v.put("reportedBy", "jane.doe@globex.example");
    v.put("reportedDate", "2026-11-20");
    v.put("ticketId", ticketId);
    v.put("issueType", "CONFIRMED_BUG");
    v.put("issueSummary", "Checkout fails with HTTP 500");
    v.put("problemDescription", "Customers cannot complete an order since release 2.14.");
    v.put("usersAffected", 40);
    v.put("businessImpact", "Orders cannot be placed in the web shop.");
    v.put("urgency", "MEDIUM");
    v.put("initialDiagnosis", "HTTP 500 from the payment adapter on every checkout.");
    v.put("workaroundAvailable", false);
    v.put("actionBugFix", true);
    v.put("priorityJustification", "Revenue is blocked for 40 users.");
    return v;
  }

  private ResponseEntity<String> startEscalation(Map<String, Object> formFields) {
    return post(PROCESS + "/submit-form", Map.of("variables", untyped(formFields)));
  }

  private void submit(JsonNode task, Map<String, Object> formFields) {
    ResponseEntity<String> response = post("/task/" + task.get("id").asText() + "/submit-form",
        Map.of("variables", untyped(formFields)));
    assertThat(response.getStatusCode()).as("submit %s: %s", task.get("name"), response.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  /** {"name": {"value": ...}} without a type, as Tasklist sends a Camunda Form's fields. */
  private static Map<String, Object> untyped(Map<String, Object> formFields) {
    Map<String, Object> variables = new LinkedHashMap<>();
    formFields.forEach((name, value) -> {
      Map<String, Object> untypedValue = new LinkedHashMap<>();
      untypedValue.put("value", value);
      variables.put(name, untypedValue);
    });
    return variables;
  }

  private static Map<String, Object> ticked(String... checkboxes) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String checkbox : checkboxes) {
      fields.put(checkbox, true);
    }
    return fields;
  }

  private void assertRejectedNamingField(Map<String, Object> request, String field) {
    String ticketId = (String) request.get("ticketId");
    ResponseEntity<String> response = startEscalation(request);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(parse(response).get("field").asText()).isEqualTo(field);
    assertThat(parse(get("/process-instance?businessKey=" + ticketId))).isEmpty();
    assertThat(parse(get("/history/process-instance?processInstanceBusinessKey=" + ticketId))).isEmpty();
    assertThat(database().queryForObject("select count(*) from escalation_event where ticket_id = ?", Long.class,
        ticketId)).as("audit rows for %s", ticketId).isZero();
  }

  // --- tasks and their forms -------------------------------------------------------------------

  /**
   * The one open task, after the continuation that creates it: a completed task commits first and the work after it
   * is a job, which this test (job executor off) runs through the engine's REST API, as the job executor would.
   * It must be the given element, its Tasklist name carrying the ticket and the level.
   */
  private JsonNode singleTask(String processInstanceId, String taskDefinitionKey) {
    runContinuations(processInstanceId);
    JsonNode tasks = parse(get("/task?processInstanceId=" + processInstanceId));
    assertThat(tasks).as("open tasks").hasSize(1);
    assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo(taskDefinitionKey);
    assertThat(tasks.get(0).get("name").asText()).startsWith("TICKET-4711 · ").contains(" · L2 · ");
    assertThat(tasks.get(0).get("due").isNull()).as("due date of %s", taskDefinitionKey).isFalse();
    return tasks.get(0);
  }

  /** Executes the instance's async continuations (message jobs, not timers) until none is left. */
  private void runContinuations(String processInstanceId) {
    for (int round = 0; round < 10; round++) {
      JsonNode jobs = parse(get("/job?processInstanceId=" + processInstanceId + "&messages=true"));
      if (jobs.isEmpty()) {
        return;
      }
      for (JsonNode job : jobs) {
        ResponseEntity<String> executed = post("/job/" + job.get("id").asText() + "/execute", Map.of());
        assertThat(executed.getStatusCode()).as("execute job: %s", executed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
      }
    }
  }

  private String formKeyOf(JsonNode task) {
    JsonNode formRef = parse(get("/task/" + task.get("id").asText() + "/form")).get("camundaFormRef");
    assertThat(formRef).as("camundaFormRef of %s", task.get("name")).isNotNull();
    return formRef.get("key").asText();
  }

  private void assertOffersForm(JsonNode task, String formId) {
    assertThat(formKeyOf(task)).as("form of %s", task.get("name")).isEqualTo(formId);
    ResponseEntity<String> deployed = get("/task/" + task.get("id").asText() + "/deployed-form");
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(parse(deployed).get("id").asText()).isEqualTo(formId);
  }

  private void assertStartFormIs(String formId) {
    assertThat(parse(get(PROCESS + "/startForm")).get("camundaFormRef").get("key").asText()).isEqualTo(formId);
    ResponseEntity<String> deployed = get(PROCESS + "/deployed-start-form");
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(parse(deployed).get("id").asText()).isEqualTo(formId);
  }

  /** The keys of the deployed start form's fields marked required. */
  private List<String> requiredFieldsOfStartForm() {
    List<String> required = new ArrayList<>();
    collectRequired(parse(get(PROCESS + "/deployed-start-form")), required);
    assertThat(required).isNotEmpty();
    return required;
  }

  private static void collectRequired(JsonNode container, List<String> required) {
    for (JsonNode component : container.path("components")) {
      if (component.path("validate").path("required").asBoolean(false)) {
        required.add(component.get("key").asText());
      }
      collectRequired(component, required);
    }
  }

  private List<String> candidateGroups(JsonNode task) {
    List<String> groups = new ArrayList<>();
    parse(get("/task/" + task.get("id").asText() + "/identity-links?type=candidate"))
        .forEach(link -> groups.add(link.get("groupId").asText()));
    return groups;
  }

  /** Run from target/classes the engine names resources by absolute path, from the jar by file name: compare file names. */
  private void assertDeployedFromBpmnAndFormsFolders() {
    String deploymentId = parse(get(PROCESS)).get("deploymentId").asText();
    List<String> resources = new ArrayList<>();
    parse(get("/deployment/" + deploymentId + "/resources")).forEach(r -> resources.add(fileName(r.get("name").asText())));
    assertThat(resources).containsAll(DEPLOYED_RESOURCES);
  }

  private static String fileName(String resourceName) {
    return resourceName.substring(resourceName.replace('\\', '/').lastIndexOf('/') + 1);
  }

  private JsonNode variable(String processInstanceId, String name) {
    ResponseEntity<String> response = get("/process-instance/" + processInstanceId + "/variables/" + name);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return parse(response).get("value");
  }

  private static OffsetDateTime instant(JsonNode restDate) {
    assertThat(restDate.isNull()).as("date").isFalse();
    return OffsetDateTime.parse(restDate.asText(), REST_DATE);
  }

  private static Map<String, Object> levelChangeRow(String from, String to, String kind) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("from_level", from);
    row.put("to_level", to);
    row.put("change_kind", kind);
    return row;
  }

  // --- plumbing --------------------------------------------------------------------------------

  /** Every call goes through here, with HTTP Basic as the admin: /engine-rest is closed to anonymous callers. */
  private TestRestTemplate engineRest() {
    return restTemplate.withBasicAuth(ADMIN, ADMIN_PASSWORD);
  }

  private ResponseEntity<String> get(String path) {
    return engineRest().exchange("/engine-rest" + path, HttpMethod.GET, new HttpEntity<>(jsonHeaders()), String.class);
  }

  private ResponseEntity<String> post(String path, Object body) {
    return engineRest().exchange("/engine-rest" + path, HttpMethod.POST, new HttpEntity<>(body, jsonHeaders()),
        String.class);
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
    return headers;
  }

  private JsonNode parse(ResponseEntity<String> response) {
    assertThat(response.getBody()).as("body of a %s answer", response.getStatusCode()).isNotNull();
    try {
      return json.readTree(response.getBody());
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }

  private static JdbcTemplate database() {
    return new JdbcTemplate(postgres().getPostgresDatabase());
  }
}
