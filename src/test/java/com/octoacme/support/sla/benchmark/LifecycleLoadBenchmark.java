package com.octoacme.support.sla.benchmark;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.escalation.AfterResolutionCheck;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.PreEscalationCheck;
import com.octoacme.support.testing.EscalationRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Load harness (see BENCHMARKS.md; only the {@code benchmark} profile runs it, on the jar {@code mvn package} built):
 * the application in a JVM of its own as operators run it (profile {@code postgres}, JVM options
 * {@code -Dbench.jvm}), on PostgreSQL, job executor and mail workers on, mail to a local sink. Several client
 * threads run full escalation lifecycles, started through the API and every user task claimed and submitted through
 * the engine's REST API as Tasklist does (as the task's user, L2: review, checklist, acknowledge, resolve,
 * after-resolution); then, on the same engine, a bare process (start, one user task, end) as the baseline. Reports
 * lifecycles per second, database transactions per second and rows written per lifecycle (pg_stat_database), p50/p95
 * per task completion, the ratio of transactions per second against the bare process, the application's resident
 * memory, and its start-up time on a new and then on the existing database. {@code -Dbench.jfr=true} records a
 * Java Flight Recording of the application during the run (target/benchmark/lifecycle.jfr).
 */
class LifecycleLoadBenchmark {

  private static final int LIFECYCLES = Integer.getInteger("bench.lifecycles", 200);
  private static final int BARE = Integer.getInteger("bench.bare", 400);
  private static final int THREADS = Integer.getInteger("bench.threads", 4);
  /** How long a client waits before it asks again for the next task (the job executor runs the steps between). */
  private static final long POLL_MILLIS = Long.getLong("bench.poll-millis", 20);
  /** The application's JVM options: the image's (the Dockerfile's JAVA_TOOL_OPTIONS) unless set. */
  private static final String JVM = System.getProperty("bench.jvm", "");
  private static final boolean JFR = Boolean.getBoolean("bench.jfr");
  /** "image": extracted jar and class data sharing archive, as the Dockerfile runs it; "jar": java -jar. */
  private static final String LAYOUT = System.getProperty("bench.layout", "image");
  /** Extra application arguments, e.g. --camunda.bpm.history-level=audit (blank-separated). */
  private static final String APP_ARGS = System.getProperty("bench.app-args", "");
  private static final String ADMIN_PASSWORD = "bench-" + Long.toHexString(System.nanoTime());
  private static final String DEMO_PASSWORD = "demo";
  private static final String BARE_PROCESS = "bare-lifecycle";
  /** Five user tasks in a row and nothing else: the Tasklist calls of a lifecycle without any of its work. */
  private static final String FIVE_TASKS_PROCESS = "bare-five-tasks";
  private static final int FIVE_TASKS = Integer.getInteger("bench.five-tasks", 100);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final List<Long> bareTasks = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> fiveTasks = Collections.synchronizedList(new ArrayList<>());
  /** The lifecycle's claim + submit latencies per task, in the order a lifecycle meets them (keys fixed here). */
  private final Map<String, List<Long>> lifecycleTasks = new LinkedHashMap<>();
  {
    for (String task : List.of(EscalationModel.TASK_REVIEW_ESCALATION_LEVEL, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST,
        EscalationModel.TASK_ACKNOWLEDGE_ESCALATION, EscalationModel.TASK_RESOLVE_ESCALATION,
        EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST)) {
      lifecycleTasks.put(task, Collections.synchronizedList(new ArrayList<>()));
    }
  }
  private AppProcess app;
  private static List<String> launch;
  private final java.util.concurrent.atomic.AtomicLong taskQueries = new java.util.concurrent.atomic.AtomicLong();

  @AfterAll
  static void stopDatabase() throws IOException {
    MailSink.stop();
    BenchmarkDatabase.stop();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void fullLifecyclesAgainstABareProcess() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(BenchmarkDatabase.harnessDataSource());
    StringBuilder report = new StringBuilder();
    List<String> jvm = new ArrayList<>(JVM.isBlank() ? AppProcess.imageJvmOptions() : Arrays.asList(JVM.trim().split("\\s+")));
    List<String> jvmWithoutRecording = List.copyOf(jvm);
    if (JFR) {
      jvm.add("-XX:FlightRecorderOptions=stackdepth=1024");
      jvm.add("-XX:StartFlightRecording=filename=target/benchmark/lifecycle.jfr,settings=profile,dumponexit=true");
    }
    launch = LAYOUT.equals("jar") ? AppProcess.fatJar() : AppProcess.imageLayout(jvmWithoutRecording);
    app = start("lifecycle-app-first-start", jvm);
    report.append(String.format("application: %s layout, JVM options %s, %s, arguments [%s]; first start (new database, schema created) ready after "
        + "%.1f s (Spring Boot: started in %.1f s); resident memory %s%n", LAYOUT, jvm, JVM.isBlank() ? AppProcess.imageEnvironment() : "{}", APP_ARGS.trim(), seconds(app.untilReady()),
        app.springStartedSeconds(), app.resident()));
    try {
      deployBareProcess();
      run(10, i -> lifecycle("WARM-" + i)); // warm-up
      run(10, i -> bare());
      run(4, i -> fiveTasks());
      lifecycleTasks.values().forEach(List::clear);
      bareTasks.clear();
      fiveTasks.clear();

      Map<String, long[]> tablesBefore = tableWrites(jdbc);
      Counters before = Counters.read(jdbc);
      taskQueries.set(0);
      CpuTimes cpuBefore = CpuTimes.read(app.pid());
      Instant start = Instant.now();
      run(LIFECYCLES, i -> lifecycle(EscalationRequests.nextTicketId()));
      Duration lifecycleTime = Duration.between(start, Instant.now());
      Counters lifecycle = Counters.read(jdbc).minus(before);
      CpuTimes cpu = CpuTimes.read(app.pid()).minus(cpuBefore);
      Map<String, long[]> tablesAfter = tableWrites(jdbc);
      // each lifecycle's last step (closing) runs after its last task: how long until every escalation has ended
      Instant lastTask = Instant.now();
      long running;
      while ((running = runningEscalations(jdbc)) > 0 && Duration.between(lastTask, Instant.now()).toSeconds() < 60) {
        Thread.sleep(100);
      }
      String closing = running == 0 ? String.format("all closed %d ms after the last task", Duration.between(lastTask,
          Instant.now()).toMillis()) : running + " still running 60 s after the last task";

      before = Counters.read(jdbc);
      start = Instant.now();
      run(BARE, i -> bare());
      Duration bareTime = Duration.between(start, Instant.now());
      Counters bare = Counters.read(jdbc).minus(before);
      long polls = taskQueries.get();
      start = Instant.now();
      run(FIVE_TASKS, i -> fiveTasks());
      Duration fiveTasksTime = Duration.between(start, Instant.now());
      long fiveTasksPolls = taskQueries.get() - polls;
      double lifecycleTx = lifecycle.commits / seconds(lifecycleTime);
      List<Long> allLifecycleTasks = lifecycleTasks.values().stream().flatMap(List::stream).toList();
      double bareTx = bare.commits / seconds(bareTime);

      report.append(String.format("Lifecycle load: %d full lifecycles in %s with %d client threads (next task asked for "
              + "every %d ms): %.1f lifecycles/s, %.0f transactions/s; task completion (claim + submit) p50 %d ms, p95 %d ms "
              + "(n=%d)%n", LIFECYCLES, lifecycleTime, THREADS, POLL_MILLIS, LIFECYCLES / seconds(lifecycleTime), lifecycleTx,
          percentile(allLifecycleTasks, 50), percentile(allLifecycleTasks, 95), allLifecycleTasks.size()));
      report.append("  per lifecycle: ").append(lifecycle.per(LIFECYCLES)).append("; escalations: ").append(closing).append('\n');
      report.append("  task completion p50 / p95 by task: ").append(String.join(", ", lifecycleTasks.entrySet().stream()
          .map(task -> String.format("%s %d / %d ms", task.getKey(), percentile(task.getValue(), 50),
              percentile(task.getValue(), 95))).toList())).append('\n');
      report.append("  rows written per lifecycle, by table (inserted/updated/deleted): ")
          .append(perTable(tablesBefore, tablesAfter, LIFECYCLES)).append('\n');
      report.append("  CPU per lifecycle: ").append(cpu.per(LIFECYCLES)).append(String.format("; task queries (polls for the "
          + "next task) per lifecycle: %.1f%n", (double) polls / LIFECYCLES));
      report.append(String.format("bare process: %d in %s: %.1f/s, %.0f transactions/s; task completion p50 %d ms, p95 %d ms%n",
          BARE, bareTime, BARE / seconds(bareTime), bareTx, percentile(bareTasks, 50), percentile(bareTasks, 95)));
      report.append("  per bare instance: ").append(bare.per(BARE)).append('\n');
      report.append(String.format("ratio of transactions per second, lifecycle / bare: %.2f%n", lifecycleTx / bareTx));
      report.append(String.format("five user tasks and nothing else (%s: start, then each task found, claimed and submitted as "
              + "in a lifecycle): %d in %s: %.1f/s, task completion p50 %d ms, p95 %d ms, task queries per instance %.1f: "
              + "the most lifecycles of five tasks per second these REST calls allow on this machine%n", FIVE_TASKS_PROCESS,
          FIVE_TASKS, fiveTasksTime, FIVE_TASKS / seconds(fiveTasksTime), percentile(fiveTasks, 50), percentile(fiveTasks, 95),
          (double) fiveTasksPolls / FIVE_TASKS));
      report.append("resident memory of the application after the run: ").append(app.resident()).append('\n');
      report.append("mails delivered to the sink: ").append(MailSink.instance().mails()).append('\n');
      report.append("metrics roll-ups kept live equal those rebuilt from the facts: ").append(rollupsMatchRebuild(jdbc))
          .append('\n');
    } finally {
      app.close();
    }
    // a restart on the database just used, as after a deployment or a crash: no schema to create
    app = start("lifecycle-app-restart", jvmWithoutRecording);
    try {
      report.append(String.format("restart on the existing database: ready after %.1f s (Spring Boot: started in %.1f s); "
          + "resident memory %s%n", seconds(app.untilReady()), app.springStartedSeconds(), app.resident()));
    } finally {
      app.close();
    }
    report.append("database: ").append(BenchmarkDatabase.description()).append(", ")
        .append(jdbc.queryForObject("select version()", String.class)).append('\n');
    System.out.print(report);
    Path out = Path.of("target", "benchmark", "lifecycle-load.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  private static AppProcess start(String name, List<String> jvm) throws Exception {
    Map<String, String> environment = new LinkedHashMap<>(BenchmarkDatabase.environment());
    if (JVM.isBlank()) {
      environment.putAll(AppProcess.imageEnvironment());
    }
    environment.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres",
        "--escalation.demo-users.enabled=true", "--escalation.demo-users.password=" + DEMO_PASSWORD,
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + MailSink.instance().port()));
    Arrays.stream(APP_ARGS.trim().split("\\s+")).filter(a -> !a.isEmpty()).forEach(arguments::add);
    return AppProcess.start(name, jvm, launch, environment, arguments);
  }

  // --- one full lifecycle, as the ticketing system and Tasklist drive it ------------------------------

  private void lifecycle(String ticketId) throws Exception {
    Map<String, Object> request = new LinkedHashMap<>(EscalationRequests.request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    request.put(TICKET_ID.name(), ticketId);
    request.put(UPDATE_FREQUENCY.name(), "DAILY");
    request.put(NEXT_UPDATE_DUE.name(), OffsetDateTime.now().plusDays(1).withNano(0).toString());
    request.put(POINT_OF_CONTACT.name(), "sam.support");
    send("POST", "/api/escalations", request, "sam.support", "open " + ticketId);
    Map<String, Object> review = new LinkedHashMap<>();
    review.put(LEVEL_OVERRIDE.name(), null);
    review.put(PRIORITY.name(), "MEDIUM");
    review.put(TEMPLATE_COMPLETE.name(), true);
    review.put(PRIORITY_SET.name(), true);
    complete(ticketId, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL, "sam.support", review);
    Map<String, Object> checklist = new LinkedHashMap<>();
    for (PreEscalationCheck check : PreEscalationCheck.values()) {
      checklist.put(check.done.name(), true);
    }
    complete(ticketId, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST, "sam.support", checklist);
    complete(ticketId, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION, "erin.engineer",
        Map.of(INITIAL_ASSESSMENT.name(), "Reproduced on staging"));
    complete(ticketId, EscalationModel.TASK_RESOLVE_ESCALATION, "erin.engineer", Map.of(LEVEL_OUTCOME.name(), "RESOLVED",
        ROOT_CAUSE.name(), "Null check missing in the payment adapter", RESOLUTION_SUMMARY.name(), "Hotfix 4.2.1"));
    Map<String, Object> closing = new LinkedHashMap<>();
    for (AfterResolutionCheck check : AfterResolutionCheck.values()) {
      closing.put(check.done.name(), true);
    }
    closing.put(ROOT_CAUSE.name(), "Null check missing in the payment adapter");
    closing.put(RESOLUTION_SUMMARY.name(), "Hotfix 4.2.1 deployed, customer confirmed");
    closing.put(CSAT_SCORE.name(), 5);
    complete(ticketId, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST, "sam.support", closing);
  }

  /** Waits for the task (async steps run on the job executor), then claims and submits it as Tasklist does. */
  private void complete(String ticketId, String taskKey, String user, Map<String, Object> form) throws Exception {
    String taskId = awaitTask("/engine-rest/task?processInstanceBusinessKey=" + ticketId + "&taskDefinitionKey=" + taskKey, user);
    claimAndSubmit(taskId, user, form, lifecycleTasks.get(taskKey));
  }

  /** Claims and submits the task as its user, as Tasklist does; the two calls' time goes to the latencies. */
  private void claimAndSubmit(String taskId, String user, Map<String, Object> form, List<Long> latencies) throws Exception {
    long started = System.nanoTime();
    send("POST", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user), user, "claim " + taskId);
    send("POST", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", untyped(form)), user, "submit " + taskId);
    latencies.add((System.nanoTime() - started) / 1_000_000);
  }

  private void bare() throws Exception {
    String instanceId = send("POST", "/engine-rest/process-definition/key/" + BARE_PROCESS + "/start", Map.of(), "admin",
        "start bare").get("id").asText();
    claimAndSubmit(awaitTask("/engine-rest/task?processInstanceId=" + instanceId, "admin"), "admin", Map.of(), bareTasks);
  }

  private void fiveTasks() throws Exception {
    String instanceId = send("POST", "/engine-rest/process-definition/key/" + FIVE_TASKS_PROCESS + "/start", Map.of(), "admin",
        "start five tasks").get("id").asText();
    for (int task = 1; task <= 5; task++) {
      claimAndSubmit(awaitTask("/engine-rest/task?processInstanceId=" + instanceId + "&taskDefinitionKey=Task_" + task, "admin"),
          "admin", Map.of(), fiveTasks);
    }
  }

  private void deployBareProcess() throws Exception {
    deploy(BARE_PROCESS, Bpmn.convertToString(Bpmn.createExecutableProcess(BARE_PROCESS).camundaHistoryTimeToLive(1)
        .startEvent().userTask("Task_Bare").camundaCandidateGroups("support").endEvent().done()));
    org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> flow =
        Bpmn.createExecutableProcess(FIVE_TASKS_PROCESS).camundaHistoryTimeToLive(1).startEvent();
    for (int task = 1; task <= 5; task++) {
      flow = flow.userTask("Task_" + task).camundaCandidateGroups("support");
    }
    deploy(FIVE_TASKS_PROCESS, Bpmn.convertToString(flow.endEvent().done()));
  }

  private void deploy(String processKey, String bpmn) throws Exception {
    String boundary = "bench-" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbare-lifecycle-benchmark\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + processKey + ".bpmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> deployed = http.send(HttpRequest.newBuilder(app.uri("/engine-rest/deployment/create"))
        .header("Authorization", basic("admin")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    if (deployed.statusCode() != 200) {
      throw new IllegalStateException("deploying " + processKey + ": " + deployed.statusCode() + " " + deployed.body());
    }
  }

  private String awaitTask(String query, String user) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      taskQueries.incrementAndGet();
      JsonNode tasks = send("GET", query, null, user, "tasks " + query);
      if (tasks.size() > 0) {
        return tasks.get(0).get("id").asText();
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException("no task for " + query);
  }

  private JsonNode send(String method, String path, Object body, String user, String what) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", basic(user)).header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
    }
    return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
  }

  private static String basic(String user) {
    String password = "admin".equals(user) ? ADMIN_PASSWORD : DEMO_PASSWORD;
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The roll-ups the fact recorder kept under this concurrent load (PostgreSQL upserts) against a rebuild. */
  private String rollupsMatchRebuild(JdbcTemplate jdbc) throws Exception {
    String rollups = "select * from escalation_rollup order by grain, period_start, level, account_tier, category, issue_type";
    String durations = "select * from escalation_duration_rollup order by fact_type, slice, grain, period_start, level, measure, bucket";
    var live = List.of(jdbc.queryForList(rollups), jdbc.queryForList(durations));
    send("POST", "/api/operations/metrics/rollups", Map.of(), "admin", "rebuild the roll-ups");
    var rebuilt = List.of(jdbc.queryForList(rollups), jdbc.queryForList(durations));
    return String.format("%s (%d + %d rows)", live.equals(rebuilt), rebuilt.get(0).size(), rebuilt.get(1).size());
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

  /** What PostgreSQL counted for the benchmark's database: transactions and rows read and written. */
  private record Counters(long commits, long inserted, long updated, long deleted, long fetched) {

    static Counters read(JdbcTemplate jdbc) {
      return jdbc.queryForObject("select xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched"
          + " from pg_stat_database where datname = current_database()", (rs, i) -> new Counters(rs.getLong(1),
          rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }

    Counters minus(Counters earlier) {
      return new Counters(commits - earlier.commits, inserted - earlier.inserted, updated - earlier.updated,
          deleted - earlier.deleted, fetched - earlier.fetched);
    }

    String per(int runs) {
      return String.format("%.0f transactions, rows inserted %.0f, updated %.0f, deleted %.0f, fetched %.0f",
          (double) commits / runs, (double) inserted / runs, (double) updated / runs, (double) deleted / runs,
          (double) fetched / runs);
    }
  }

  private static long runningEscalations(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_"
        + " where e.id_ = e.proc_inst_id_ and d.key_ = ?", Long.class, com.octoacme.support.escalation.EscalationVariables.PROCESS_ID);
  }

  private static Map<String, long[]> tableWrites(JdbcTemplate jdbc) {
    Map<String, long[]> writes = new java.util.TreeMap<>();
    jdbc.query("select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables", rs -> {
      writes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
    });
    return writes;
  }

  /** The tables written most in the phase, with their rows per run. */
  private static String perTable(Map<String, long[]> before, Map<String, long[]> after, int runs) {
    record Written(String table, double inserted, double updated, double deleted) {}
    List<Written> written = new ArrayList<>();
    after.forEach((table, a) -> {
      long[] b = before.getOrDefault(table, new long[3]);
      written.add(new Written(table, (a[0] - b[0]) / (double) runs, (a[1] - b[1]) / (double) runs, (a[2] - b[2]) / (double) runs));
    });
    written.sort(java.util.Comparator.comparingDouble((Written w) -> -(w.inserted() + w.updated() + w.deleted())));
    return String.join(", ", written.stream().limit(14).map(w -> String.format("%s %.0f/%.0f/%.0f", w.table(), w.inserted(),
        w.updated(), w.deleted())).toList());
  }

  /** CPU seconds used (user + system, from /proc) by the application, PostgreSQL's processes and this harness. */
  private record CpuTimes(double app, double postgres, double harness) {

    static CpuTimes read(long appPid) throws IOException {
      double postgres = 0;
      try (var processes = Files.list(Path.of("/proc"))) {
        for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
          try {
            if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
              postgres += seconds(process);
            }
          } catch (IOException ended) {
            // a backend that ended meanwhile
          }
        }
      }
      return new CpuTimes(seconds(Path.of("/proc", Long.toString(appPid))), postgres, seconds(Path.of("/proc/self")));
    }

    CpuTimes minus(CpuTimes earlier) {
      return new CpuTimes(app - earlier.app, postgres - earlier.postgres, harness - earlier.harness);
    }

    String per(int runs) {
      return String.format("application %.0f ms, PostgreSQL %.0f ms, this harness %.0f ms", 1000 * app / runs,
          1000 * postgres / runs, 1000 * harness / runs);
    }

    private static double seconds(Path process) throws IOException {
      // utime and stime are fields 14 and 15 of stat, after the command name in parentheses
      String stat = Files.readString(process.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
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

  private static double seconds(Duration duration) {
    return Math.max(0.001, duration.toMillis() / 1000.0);
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
