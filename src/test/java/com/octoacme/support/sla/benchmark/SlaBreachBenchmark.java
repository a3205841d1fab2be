package com.octoacme.support.sla.benchmark;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.octoacme.support.SupportEscalationApplication;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.LevelPolicies;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * SLA timer benchmark (a harness, not a pass/fail test; see BENCHMARKS.md). The whole application in its
 * production profile on PostgreSQL with the job executor on:
 *
 * <ol>
 *   <li>setup: 9,400 L2 escalations whose response is due in 30 days (the timer table's background load),
 *       100 warm-up escalations, 600 due at a steady 10 per second from T0 (about 20 s after setup) and
 *       1,000 due all at the same instant after the steady phase;</li>
 *   <li>steady phase: lateness = escalation_event.occurred_at of RESPONSE_SLA_BREACHED (written by
 *       recordSlaBreach with the engine clock, i.e. real time) minus its due_at, for each of the 600, and the
 *       end-to-end time until Inform level lead ran (LEAD_INFORMED);</li>
 *   <li>burst: time from the common due instant until all 1,000 breaches are recorded, and breaches/s.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -B -Pbenchmark verify -Dbench.profile=defaults} (Camunda's job-executor defaults) or
 * {@code -Dbench.profile=tuned} (application.yaml). Figures go to stdout and target/benchmark/.
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT)
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = SlaBreachBenchmark.CleanUpAfterApplication.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class SlaBreachBenchmark {

  // Scale; smaller numbers (e.g. -Dbench.background=500) make a quick smoke run.
  private static final int BACKGROUND = intProperty("bench.background", 9_400);
  private static final int WARMUP = intProperty("bench.warmup", 50);
  private static final int STEADY = intProperty("bench.steady", 600);
  private static final int STEADY_PER_SECOND = intProperty("bench.steady-rate", 10);
  private static final int BURST = intProperty("bench.burst", 1_000);
  private static final int SETUP_THREADS = intProperty("bench.setup-threads", 4);
  private static final int BATCH_SIZE = intProperty("bench.batch-size", 50);

  /** From the planned end of setup to the first steady due instant (T0). */
  private static final Duration LEAD = Duration.ofSeconds(intProperty("bench.lead-seconds", 20));
  /** A steady breach counts as handled when recorded at most this long after the last steady due instant. */
  private static final Duration WINDOW_GRACE = Duration.ofSeconds(10);
  /** After the window: how long the harness still waits for late steady breaches. */
  private static final Duration STRAGGLER_TIMEOUT = Duration.ofSeconds(60);
  /** From the end of the steady window to the burst's due instant. */
  private static final Duration BURST_GAP = Duration.ofSeconds(30);
  private static final Duration BURST_TIMEOUT = Duration.ofSeconds(intProperty("bench.burst-timeout-seconds", 180));
  /** How long to wait for Inform level lead after the last breach of a phase. */
  private static final Duration LEAD_INFORMED_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(500);

  private static final int BACKGROUND_GROUP = 1;
  private static final int WARMUP_GROUP = 2;
  private static final int STEADY_GROUP = 3;
  private static final int BURST_GROUP = 4;
  /** Background escalations are due a month from now: their timers only fill the table. */
  private static final Duration BACKGROUND_DUE = Duration.ofDays(30);

  private static final String BREACHED = EscalationEvent.Type.RESPONSE_SLA_BREACHED.name();
  private static final String LEAD_INFORMED = EscalationEvent.Type.LEAD_INFORMED.name();
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Autowired private ProcessEngine engine;
  @Autowired private RuntimeService runtimeService;
  @Autowired private ManagementService managementService;
  @Autowired private PlatformTransactionManager transactionManager;
  /** The harness's own connection (not the application's pool), for the audit trail and probes. */
  private final SingleConnectionDataSource harnessConnection = BenchmarkDatabase.harnessDataSource();
  private final JdbcTemplate jdbc = new JdbcTemplate(harnessConnection);
  @Autowired private LevelPolicies levels;

  private final Report report = new Report();

  @DynamicPropertySource
  static void benchmarkProperties(DynamicPropertyRegistry registry) {
    BenchmarkDatabase.register(registry);
    JobExecutorSettings.register(registry);
    registry.add("ADMIN_PASSWORD", () -> "bench-" + Long.toHexString(System.nanoTime()));
    // Notifications are delivered to a local sink: sent as in production, never to a real mail server.
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MailSink.instance().port());
  }

  /**
   * Stops the embedded database and the mail sink after Spring has closed the application (the engine's
   * shutdown still talks to the database), as SupportEscalationPostgresIT does.
   */
  static class CleanUpAfterApplication implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE; // afterTestClass runs in reverse order: this one last
    }

    @Override
    public void afterTestClass(TestContext testContext) throws IOException {
      try {
        BenchmarkDatabase.stop();
      } finally {
        MailSink.stop();
      }
    }
  }

  @Test
  @Timeout(value = 14, unit = TimeUnit.MINUTES)
  void slaBreachLatenessAndBurstThroughput() throws Exception {
    try (LoadSampler load = new LoadSampler()) {
      run(load);
    } finally {
      report.write();
      harnessConnection.destroy();
    }
  }

  private void run(LoadSampler load) throws Exception {
    String profile = JobExecutorSettings.profile();
    String prefix = "B" + Long.toString(System.currentTimeMillis() / 1000 % 60_466_176L, 36).toUpperCase();
    BenchmarkEscalations escalations = new BenchmarkEscalations(runtimeService, transactionManager,
        levels.of("L2"), prefix);

    report.heading("SLA breach benchmark, profile '" + profile + "', tickets " + prefix + "-*");
    report.line("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, JVM "
        + System.getProperty("java.vm.name") + " " + Runtime.version() + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, load at start " + LoadSampler.now());
    report.line("database: " + BenchmarkDatabase.description() + ", "
        + jdbc.queryForObject("select version()", String.class));
    report.line("job executor (read back from the engine): " + JobExecutorSettings.effective(engine));

    // --- setup --------------------------------------------------------------------------------------
    Instant setupStart = Instant.now();
    Instant backgroundDue = setupStart.plus(BACKGROUND_DUE);
    escalations.create(BACKGROUND_GROUP, BACKGROUND, i -> backgroundDue, SETUP_THREADS, BATCH_SIZE, SETUP_TIMEOUT);
    Duration backgroundTime = Duration.between(setupStart, Instant.now());
    double rate = BACKGROUND / Math.max(0.001, backgroundTime.toMillis() / 1000.0);
    progress("created %d background escalations in %s (%.0f/s)", BACKGROUND, backgroundTime, rate);

    // Plan the measured due instants from the rate just seen: generous, so setup ends well before T0.
    int measured = WARMUP + STEADY + BURST;
    Instant plannedSetupEnd = Instant.now().plusMillis(Math.max(5_000, (long) (measured / rate * 1500)));
    Instant warmupStart = plannedSetupEnd.plusSeconds(2);
    Instant t0 = plannedSetupEnd.plus(LEAD);
    long intervalMillis = 1000L / STEADY_PER_SECOND;
    Instant lastSteadyDue = t0.plusMillis((STEADY - 1) * intervalMillis);
    Instant windowClose = lastSteadyDue.plus(WINDOW_GRACE);
    Instant burstAt = windowClose.plus(BURST_GAP);
    // Warm-up breaches spread over the first half of the lead time, at most 20 per second.
    long warmupSpacing = Math.max(50, LEAD.toMillis() / 2 / Math.max(1, WARMUP));
    IntFunction<Instant> warmupDue = i -> warmupStart.plusMillis(i * warmupSpacing);
    IntFunction<Instant> steadyDue = i -> t0.plusMillis(i * intervalMillis);

    Instant measuredStart = Instant.now();
    escalations.create(WARMUP_GROUP, WARMUP, warmupDue, SETUP_THREADS, BATCH_SIZE, SETUP_TIMEOUT);
    escalations.create(STEADY_GROUP, STEADY, steadyDue, SETUP_THREADS, BATCH_SIZE, SETUP_TIMEOUT);
    escalations.create(BURST_GROUP, BURST, i -> burstAt, SETUP_THREADS, BATCH_SIZE, SETUP_TIMEOUT);
    Instant setupEnd = Instant.now();
    int total = BACKGROUND + measured;
    Duration setupTime = Duration.between(setupStart, setupEnd);
    report.section("Setup");
    report.line(String.format("%d escalations (%d background, %d warm-up, %d steady, %d burst) in %s: %.0f/s "
            + "(%d threads, %d per transaction); the %d measured ones in %s",
        total, BACKGROUND, WARMUP, STEADY, BURST, seconds(setupTime), total / (setupTime.toMillis() / 1000.0),
        SETUP_THREADS, BATCH_SIZE, measured, seconds(Duration.between(measuredStart, setupEnd))));
    report.line("machine during setup: " + load.describe(setupStart, setupEnd));
    report.line("timer jobs in ACT_RU_JOB: " + managementService.createJobQuery().timers().count()
        + " (all jobs: " + managementService.createJobQuery().count() + ")");
    report.line("a representative acquisition query (due, unlocked, exclusive check, ordered, limit 10) takes "
        + acquisitionQueryMillis() + " ms on this job table");
    Duration headroom = Duration.between(setupEnd, t0);
    report.line("setup ended " + seconds(headroom) + " before T0 (planned: " + seconds(LEAD) + ")");
    boolean setupOverran = headroom.compareTo(Duration.ofSeconds(5)) < 0;
    if (setupOverran) {
      report.line("WARNING: setup overran its plan; the first steady timers were due (nearly) before setup ended");
    }
    report.values.put("setupSeconds", setupTime.toMillis() / 1000.0);
    report.values.put("setupPerSecond", total / (setupTime.toMillis() / 1000.0));

    // --- steady phase: 10 breaches per second ------------------------------------------------------
    JobExecutorMetrics metrics = new JobExecutorMetrics(managementService);
    sleepUntil(t0.minusSeconds(1));
    Map<String, Long> steadyMetrics = metrics.snapshot();
    progress("steady phase: %d breaches due from T0 at %d/s, load %.2f", STEADY, STEADY_PER_SECOND, LoadSampler.now());
    String steady = escalations.ticketPattern(STEADY_GROUP);
    boolean allSteady = waitFor(() -> count(BREACHED, steady), STEADY, windowClose.plus(STRAGGLER_TIMEOUT));
    Instant steadyBreachesDone = Instant.now();
    waitFor(() -> count(LEAD_INFORMED, steady), count(BREACHED, steady), steadyBreachesDone.plus(LEAD_INFORMED_TIMEOUT));

    List<Event> steadyBreaches = events(BREACHED, steady);
    List<Long> lateness = new ArrayList<>();
    int handledInWindow = 0;
    int dueMismatches = 0;
    Map<String, Instant> dueOf = new HashMap<>();
    for (Event e : steadyBreaches) {
      lateness.add(Duration.between(e.dueAt(), e.occurredAt()).toMillis());
      if (!e.occurredAt().isAfter(windowClose)) {
        handledInWindow++;
      }
      if (Math.abs(Duration.between(e.dueAt(), steadyDue.apply(e.index())).toMillis()) > 1) {
        dueMismatches++;
      }
      dueOf.put(e.ticketId(), e.dueAt());
    }
    List<Long> endToEnd = new ArrayList<>();
    for (Event e : events(LEAD_INFORMED, steady)) {
      Instant due = dueOf.get(e.ticketId());
      if (due != null) {
        endToEnd.add(Duration.between(due, e.occurredAt()).toMillis());
      }
    }
    Latencies steadyLateness = Latencies.of(lateness);
    Latencies steadyEndToEnd = Latencies.of(endToEnd);
    report.section("Steady phase: " + STEADY + " breaches at " + STEADY_PER_SECOND + "/s on top of "
        + (BACKGROUND + STEADY + BURST) + " waiting escalations");
    report.line("lateness (breach recorded - due): " + steadyLateness);
    report.line(String.format("recorded: %d of %d%s; handled within the window (by last due + %ds): %d; "
            + "late by at most 1 s: %d; at most 2 s: %d",
        steadyBreaches.size(), STEADY, allSteady ? "" : " (TIMED OUT)", WINDOW_GRACE.toSeconds(), handledInWindow,
        Latencies.countAtMost(lateness, 1000), Latencies.countAtMost(lateness, 2000)));
    report.line("end to end (Inform level lead done - due): " + steadyEndToEnd);
    report.line("machine during the phase: " + load.describe(t0, steadyBreachesDone));
    report.line("job executor during the phase: " + JobExecutorMetrics.delta(steadyMetrics, metrics.snapshot()));
    if (dueMismatches > 0) {
      report.line("WARNING: " + dueMismatches + " due_at values differ from the planned due instants");
    }
    report.values.put("steadyRecorded", steadyBreaches.size());
    report.values.put("steadyP50", steadyLateness.p50());
    report.values.put("steadyP99", steadyLateness.p99());
    report.values.put("steadyMax", steadyLateness.max());
    report.values.put("steadyInWindow", handledInWindow);
    report.values.put("steadyWithin1s", Latencies.countAtMost(lateness, 1000));
    report.values.put("endToEndP50", steadyEndToEnd.p50());
    report.values.put("endToEndP99", steadyEndToEnd.p99());

    // --- burst: 1,000 due at the same instant -------------------------------------------------------
    sleepUntil(burstAt.minusSeconds(1));
    Map<String, Long> burstMetrics = metrics.snapshot();
    progress("burst: %d breaches due at once, load %.2f", BURST, LoadSampler.now());
    String burst = escalations.ticketPattern(BURST_GROUP);
    boolean allBurst = waitFor(() -> count(BREACHED, burst), BURST, burstAt.plus(BURST_TIMEOUT));
    Instant burstBreachesDone = Instant.now();
    boolean allBurstInformed = waitFor(() -> count(LEAD_INFORMED, burst), count(BREACHED, burst),
        burstBreachesDone.plus(LEAD_INFORMED_TIMEOUT));

    List<Long> burstOffsets = new ArrayList<>();
    for (Event e : events(BREACHED, burst)) {
      burstOffsets.add(Duration.between(burstAt, e.occurredAt()).toMillis());
    }
    List<Long> burstInformed = new ArrayList<>();
    for (Event e : events(LEAD_INFORMED, burst)) {
      burstInformed.add(Duration.between(burstAt, e.occurredAt()).toMillis());
    }
    Latencies burstLateness = Latencies.of(burstOffsets);
    Latencies burstEndToEnd = Latencies.of(burstInformed);
    // breaches/s from the due instant to the last breach, and while breaches were being recorded
    double perSecond = burstLateness.max() > 0 ? burstOffsets.size() / (burstLateness.max() / 1000.0) : 0;
    long recording = burstLateness.max() - burstLateness.min();
    double recordingRate = recording > 0 ? (burstOffsets.size() - 1) / (recording / 1000.0) : 0;
    report.section("Burst: " + BURST + " breaches due at the same instant");
    report.line(String.format("recorded: %d of %d%s; first after %s, half after %s, all after %s: %.0f breaches/s "
            + "(%.0f/s from the first breach to the last)",
        burstOffsets.size(), BURST, allBurst ? "" : " (TIMED OUT after " + seconds(BURST_TIMEOUT) + ")",
        Latencies.seconds(burstLateness.min()), Latencies.seconds(burstLateness.p50()),
        Latencies.seconds(burstLateness.max()), perSecond, recordingRate));
    report.line("Inform level lead done for all of them after " + Latencies.seconds(burstEndToEnd.max())
        + (allBurstInformed ? "" : " (TIMED OUT)") + " (" + burstEndToEnd.count() + " of " + burstOffsets.size() + ")");
    report.line("machine during the burst: " + load.describe(burstAt, burstBreachesDone));
    report.line("job executor during the burst: " + JobExecutorMetrics.delta(burstMetrics, metrics.snapshot()));
    report.values.put("burstRecorded", burstOffsets.size());
    report.values.put("burstAllSeconds", burstLateness.max() / 1000.0);
    report.values.put("burstPerSecond", perSecond);
    report.values.put("burstRecordingRate", recordingRate);
    report.values.put("burstFirstSeconds", burstLateness.min() / 1000.0);
    report.values.put("burstInformedAllSeconds", burstEndToEnd.max() / 1000.0);

    // --- where the executor's time went: activity durations from the engine's history ------------------
    report.section("Activity durations since T0 (ACT_HI_ACTINST, top 8 by total time)");
    jdbc.query("select ACT_ID_, count(*) n, avg(DURATION_) avg_ms, max(DURATION_) max_ms, sum(DURATION_) total_ms"
            + " from ACT_HI_ACTINST where START_TIME_ >= ? and DURATION_ is not null group by ACT_ID_"
            + " order by sum(DURATION_) desc limit 8",
        rs -> {
          report.line(String.format("%s: %d, avg %.0f ms, max %d ms, total %.1f s", rs.getString("ACT_ID_"),
              rs.getLong("n"), rs.getDouble("avg_ms"), rs.getLong("max_ms"), rs.getLong("total_ms") / 1000.0));
        }, java.sql.Timestamp.from(t0));
    report.line("jobs still waiting (due, not executed): "
        + countOrMinusOne(() -> managementService.createJobQuery().executable().count()));

    // --- health of the run ---------------------------------------------------------------------------
    long failedJobs = countOrMinusOne(() -> managementService.createJobQuery().withException().count());
    long incidents = countOrMinusOne(() -> runtimeService.createIncidentQuery().count());
    report.section("Run health");
    report.line("jobs with an exception: " + failedJobs + ", incidents: " + incidents + ", mails delivered to the sink: "
        + MailSink.instance().mails() + (setupOverran ? ", setup overran its plan" : ""));
    report.values.put("failedJobs", failedJobs);
    report.values.put("profile", profile);
    report.values.put("jobExecutor", JobExecutorSettings.effective(engine));
    report.values.put("loadMaxSetup", load.maxLoadBetween(setupStart, setupEnd));
    report.values.put("loadMaxSteady", load.maxLoadBetween(t0, steadyBreachesDone));
    report.values.put("loadMaxBurst", load.maxLoadBetween(burstAt, burstBreachesDone));

    if (BenchmarkDatabase.external()) {
      cleanUpExternalDatabase(prefix);
    } else {
      // After the measurements, on the throw-away database only: what an index on the due date would save
      // each poll (the job table has none; the engine's schema is not the harness's to change).
      String without = acquisitionQueryMillis();
      jdbc.execute("create index BENCH_IDX_JOB_DUEDATE on ACT_RU_JOB (DUEDATE_)");
      jdbc.execute("analyze ACT_RU_JOB");
      report.line("acquisition query now: " + without + " ms; with an index on ACT_RU_JOB(DUEDATE_): "
          + acquisitionQueryMillis() + " ms (probe only, index dropped again)");
      jdbc.execute("drop index BENCH_IDX_JOB_DUEDATE");
    }
  }

  // --- the audit trail ---------------------------------------------------------------------------------

  private record Event(String ticketId, int index, Instant dueAt, Instant occurredAt) {}

  private long count(String type, String ticketPattern) {
    Long n = jdbc.queryForObject("select count(*) from escalation_event where event_type = ? and ticket_id like ?",
        Long.class, type, ticketPattern);
    return n == null ? 0 : n;
  }

  private List<Event> events(String type, String ticketPattern) {
    return jdbc.query("select ticket_id, due_at, occurred_at from escalation_event where event_type = ? and ticket_id like ?",
        (rs, row) -> {
          String ticketId = rs.getString("ticket_id");
          java.sql.Timestamp due = rs.getTimestamp("due_at");
          return new Event(ticketId, Integer.parseInt(ticketId.substring(ticketId.length() - 6)),
              due == null ? null : due.toInstant(), rs.getTimestamp("occurred_at").toInstant());
        }, type, ticketPattern);
  }

  /**
   * Mean time of a query shaped like the job executor's acquisition (Job.xml selectNextJobsToExecute with
   * ordering by priority and due date): what every poll of the job executor costs the database.
   */
  private String acquisitionQueryMillis() {
    String sql = "select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES"
        + " where RES.RETRIES_ > 0 and (RES.DUEDATE_ is null or RES.DUEDATE_ <= localtimestamp)"
        + " and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < localtimestamp) and RES.SUSPENSION_STATE_ = 1"
        + " and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2"
        + " where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and J2.EXCLUSIVE_ = true"
        + " and J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= localtimestamp)) or RES.EXCLUSIVE_ = false)"
        + " and HANDLER_TYPE_ != 'history-cleanup' order by RES.PRIORITY_ desc, RES.DUEDATE_ asc limit 10";
    int runs = 20;
    jdbc.queryForList(sql); // warm
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      jdbc.queryForList(sql);
    }
    return String.format("%.1f", (System.nanoTime() - start) / 1e6 / runs);
  }

  /** An engine count for the report; -1 when the engine cannot answer (e.g. no pooled connection to be had). */
  private static long countOrMinusOne(LongSupplier count) {
    try {
      return count.getAsLong();
    } catch (RuntimeException e) {
      progress("engine query failed: %s", e);
      return -1;
    }
  }

  // --- waiting, always bounded -------------------------------------------------------------------------

  /** Polls until the count reaches the target or the deadline passes; true if it was reached. */
  private static boolean waitFor(LongSupplier count, long target, Instant deadline) throws InterruptedException {
    while (true) {
      try {
        if (count.getAsLong() >= target) {
          return true;
        }
      } catch (RuntimeException e) {
        progress("poll failed, retrying: %s", e);
      }
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /** Only with an external database (the embedded one is thrown away): removes this run's escalations. */
  private void cleanUpExternalDatabase(String prefix) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    List<String> ids;
    do {
      ids = runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike(prefix + "-%").listPage(0, 500)
          .stream().map(p -> p.getId()).toList();
      if (!ids.isEmpty()) {
        runtimeService.deleteProcessInstances(ids, "benchmark clean-up", true, true, true);
      }
    } while (!ids.isEmpty() && Instant.now().isBefore(deadline));
    jdbc.update("delete from escalation_event where ticket_id like ?", prefix + "-%");
    jdbc.update("delete from escalation_level_change where ticket_id like ?", prefix + "-%");
    progress("removed this run's escalations from the external database%s",
        ids.isEmpty() ? "" : " (incomplete: clean-up timed out)");
  }

  // --- output ------------------------------------------------------------------------------------------

  private static void progress(String format, Object... args) {
    System.out.printf("[bench %s] %s%n", Instant.now(), String.format(format, args));
  }

  private static String seconds(Duration duration) {
    return Latencies.seconds(duration.toMillis());
  }

  private static int intProperty(String name, int fallback) {
    return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
  }

  /** The figures, printed as they come and written to target/benchmark/ at the end (also after a failure). */
  private static final class Report {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> values = new java.util.LinkedHashMap<>();
    private final Instant started = Instant.now();

    void heading(String heading) {
      add("# " + heading + "\n");
    }

    void section(String section) {
      add("\n## " + section + "\n");
    }

    void line(String line) {
      add("- " + line + "\n");
    }

    private void add(String s) {
      text.append(s);
      System.out.print(s);
      System.out.flush();
    }

    void write() throws IOException {
      text.append("\n## Machine-readable\n\n```\n").append(values).append("\n```\n");
      text.append("\nJVM uptime at the end: ").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
          .append(" s\n");
      Path dir = Path.of("target", "benchmark");
      Files.createDirectories(dir);
      Path file = dir.resolve("sla-breach-" + JobExecutorSettings.profile() + "-" + FILE_TIME.format(started) + ".md");
      Files.writeString(file, text);
      System.out.println("\n[bench] machine-readable: " + values);
      System.out.println("[bench] report written to " + file.toAbsolutePath());
    }
  }
}
