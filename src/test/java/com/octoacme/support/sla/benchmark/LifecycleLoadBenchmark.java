package com.octoacme.support.sla.benchmark;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.SupportEscalationApplication;
import com.octoacme.support.escalation.AfterResolutionCheck;
import com.octoacme.support.escalation.PreEscalationCheck;
import com.octoacme.support.testing.EscalationRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.Ordered;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
 * Load harness (see BENCHMARKS.md; only the {@code benchmark} profile runs it): full escalation lifecycles
 * on PostgreSQL with several client threads, started through the API and every user task claimed and
 * submitted through the engine's REST API as Tasklist does (as the task's user, L2: review, checklist,
 * acknowledge, resolve, after-resolution), the job executor and the mail workers on, mail to a local sink;
 * then, on the same engine, a bare process (start, one user task, end) as the baseline. Reports lifecycles
 * per second, database transactions per second (pg_stat_database.xact_commit), p50/p95 per task
 * completion, the ratio of transactions per second against the bare process, and the JVM's resident memory.
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT,
    properties = "escalation.demo-users.enabled=true")
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = LifecycleLoadBenchmark.CleanUpAfterApplication.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class LifecycleLoadBenchmark {

  private static final int LIFECYCLES = Integer.getInteger("bench.lifecycles", 200);
  private static final int BARE = Integer.getInteger("bench.bare", 400);
  private static final int THREADS = Integer.getInteger("bench.threads", 4);
  private static final String ADMIN_PASSWORD = "bench-" + Long.toHexString(System.nanoTime());
  private static final String BARE_PROCESS = "bare-lifecycle";

  @DynamicPropertySource
  static void benchmarkProperties(DynamicPropertyRegistry registry) {
    BenchmarkDatabase.register(registry);
    registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MailSink.instance().port());
  }

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repository;
  @Autowired com.octoacme.support.metrics.MetricsRollup rollup;
  private final ObjectMapper json = new ObjectMapper();
  private final List<Long> lifecycleTasks = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> bareTasks = Collections.synchronizedList(new ArrayList<>());

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void fullLifecyclesAgainstABareProcess() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(BenchmarkDatabase.harnessDataSource());
    repository.createDeployment().name("bare-lifecycle-benchmark").addModelInstance(BARE_PROCESS + ".bpmn",
        Bpmn.createExecutableProcess(BARE_PROCESS).camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_Bare").camundaCandidateGroups("support").endEvent().done()).deploy();
    run(10, i -> lifecycle("WARM-" + i)); // warm-up
    run(10, i -> bare());

    long commits = commits(jdbc);
    Instant start = Instant.now();
    run(LIFECYCLES, i -> lifecycle(EscalationRequests.nextTicketId()));
    Duration lifecycleTime = Duration.between(start, Instant.now());
    double lifecycleTx = (commits(jdbc) - commits) / seconds(lifecycleTime);

    commits = commits(jdbc);
    start = Instant.now();
    run(BARE, i -> bare());
    Duration bareTime = Duration.between(start, Instant.now());
    double bareTx = (commits(jdbc) - commits) / seconds(bareTime);

    StringBuilder report = new StringBuilder();
    report.append(String.format("Lifecycle load: %d full lifecycles in %s with %d client threads: %.1f lifecycles/s, "
            + "%.0f transactions/s; task completion p50 %d ms, p95 %d ms (n=%d)%n", LIFECYCLES, lifecycleTime, THREADS,
        LIFECYCLES / seconds(lifecycleTime), lifecycleTx, percentile(lifecycleTasks, 50), percentile(lifecycleTasks, 95),
        lifecycleTasks.size()));
    report.append(String.format("bare process: %d in %s: %.1f/s, %.0f transactions/s; task completion p50 %d ms, p95 %d ms%n",
        BARE, bareTime, BARE / seconds(bareTime), bareTx, percentile(bareTasks, 50), percentile(bareTasks, 95)));
    report.append(String.format("ratio of transactions per second, lifecycle / bare: %.2f%n", lifecycleTx / bareTx));
    report.append("resident memory of this JVM (app and harness) after the run: ").append(residentMemory()).append('\n');
    // the metrics roll-ups the recorder kept under this concurrent load (PostgreSQL upserts) against a rebuild
    String rollups = "select * from escalation_rollup order by grain, period_start, level, account_tier, category, issue_type";
    String durations = "select * from escalation_duration_rollup order by fact_type, grain, period_start, level, measure, bucket";
    var live = List.of(jdbc.queryForList(rollups), jdbc.queryForList(durations));
    rollup.rebuild();
    var rebuilt = List.of(jdbc.queryForList(rollups), jdbc.queryForList(durations));
    report.append(String.format("metrics roll-ups kept live equal those rebuilt from the facts: %s (%d + %d rows)%n",
        live.equals(rebuilt), rebuilt.get(0).size(), rebuilt.get(1).size()));
    report.append("database: ").append(BenchmarkDatabase.description()).append(", ")
        .append(jdbc.queryForObject("select version()", String.class)).append('\n');
    System.out.print(report);
    Path out = Path.of("target", "benchmark", "lifecycle-load.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  // --- one full lifecycle, as the ticketing system and Tasklist drive it ------------------------------

  private void lifecycle(String ticketId) {
    Map<String, Object> request = new LinkedHashMap<>(EscalationRequests.request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    request.put(TICKET_ID.name(), ticketId);
    request.put(UPDATE_FREQUENCY.name(), "DAILY");
    request.put(NEXT_UPDATE_DUE.name(), OffsetDateTime.now().plusDays(1).withNano(0).toString());
    request.put(POINT_OF_CONTACT.name(), "sam.support");
    ResponseEntity<String> opened = rest.withBasicAuth("sam.support", "demo")
        .exchange("/api/escalations", HttpMethod.POST, new HttpEntity<>(request, jsonHeaders()), String.class);
    if (!opened.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("open " + ticketId + ": " + opened.getStatusCode() + " " + opened.getBody());
    }
    Map<String, Object> review = new LinkedHashMap<>();
    review.put(LEVEL_OVERRIDE.name(), null);
    review.put(PRIORITY.name(), "MEDIUM");
    review.put(TEMPLATE_COMPLETE.name(), true);
    review.put(PRIORITY_SET.name(), true);
    complete(ticketId, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL, "sam.support", review, lifecycleTasks);
    Map<String, Object> checklist = new LinkedHashMap<>();
    for (PreEscalationCheck check : PreEscalationCheck.values()) {
      checklist.put(check.done.name(), true);
    }
    complete(ticketId, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST, "sam.support", checklist, lifecycleTasks);
    complete(ticketId, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION, "erin.engineer",
        Map.of(INITIAL_ASSESSMENT.name(), "Reproduced on staging"), lifecycleTasks);
    complete(ticketId, EscalationModel.TASK_RESOLVE_ESCALATION, "erin.engineer", Map.of(LEVEL_OUTCOME.name(), "RESOLVED",
        ROOT_CAUSE.name(), "Null check missing in the payment adapter", RESOLUTION_SUMMARY.name(), "Hotfix 4.2.1"),
        lifecycleTasks);
    Map<String, Object> closing = new LinkedHashMap<>();
    for (AfterResolutionCheck check : AfterResolutionCheck.values()) {
      closing.put(check.done.name(), true);
    }
    closing.put(ROOT_CAUSE.name(), "Null check missing in the payment adapter");
    closing.put(RESOLUTION_SUMMARY.name(), "Hotfix 4.2.1 deployed, customer confirmed");
    closing.put(CSAT_SCORE.name(), 5);
    complete(ticketId, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST, "sam.support", closing, lifecycleTasks);
  }

  /** Waits for the task (async steps run on the job executor), then claims and submits it as Tasklist does. */
  private void complete(String ticketId, String taskKey, String user, Map<String, Object> form, List<Long> latencies) {
    String taskId = awaitTask("/engine-rest/task?processInstanceBusinessKey=" + ticketId + "&taskDefinitionKey=" + taskKey, user);
    long started = System.nanoTime();
    post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user), user, "claim " + taskKey);
    post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", untyped(form)), user, "submit " + taskKey);
    latencies.add((System.nanoTime() - started) / 1_000_000);
  }

  private void bare() {
    ResponseEntity<String> started = rest.withBasicAuth("admin", ADMIN_PASSWORD).exchange(
        "/engine-rest/process-definition/key/" + BARE_PROCESS + "/start", HttpMethod.POST,
        new HttpEntity<>(Map.of(), jsonHeaders()), String.class);
    String instanceId = read(started).get("id").asText();
    String taskId = awaitTask("/engine-rest/task?processInstanceId=" + instanceId, "admin");
    long begin = System.nanoTime();
    post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "admin"), "admin", "claim bare");
    post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Map.of()), "admin", "submit bare");
    bareTasks.add((System.nanoTime() - begin) / 1_000_000);
  }

  private String awaitTask(String query, String user) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode tasks = read(client(user).exchange(query, HttpMethod.GET, new HttpEntity<>(jsonHeaders()), String.class));
      if (tasks.size() > 0) {
        return tasks.get(0).get("id").asText();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no task for " + query);
  }

  private void post(String path, Object body, String user, String what) {
    ResponseEntity<String> response = client(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, jsonHeaders()),
        String.class);
    if (!response.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException(what + ": " + response.getStatusCode() + " " + response.getBody());
    }
  }

  private TestRestTemplate client(String user) {
    return rest.withBasicAuth(user, "admin".equals(user) ? ADMIN_PASSWORD : "demo");
  }

  private static Map<String, Object> untyped(Map<String, Object> form) {
    Map<String, Object> variables = new LinkedHashMap<>();
    form.forEach((name, value) -> {
      Map<String, Object> untypedValue = new LinkedHashMap<>();
      untypedValue.put("value", value);
      variables.put(name, untypedValue);
    });
    return variables;
  }

  private JsonNode read(ResponseEntity<String> response) {
    try {
      return json.readTree(response.getBody());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + response.getBody(), e);
    }
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return headers;
  }

  private interface Step {
    void run(int i) throws Exception;
  }

  private static void run(int count, Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        runs.add(pool.submit(() -> {
          step.run(index);
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(20, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long commits(JdbcTemplate jdbc) {
    Long commits = jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()",
        Long.class);
    return commits == null ? 0 : commits;
  }

  private static double seconds(Duration duration) {
    return Math.max(0.001, duration.toMillis() / 1000.0);
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static String residentMemory() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
          .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Stops the embedded database after Spring has closed the application. */
  static class CleanUpAfterApplication implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) throws IOException {
      BenchmarkDatabase.stop();
    }
  }
}
