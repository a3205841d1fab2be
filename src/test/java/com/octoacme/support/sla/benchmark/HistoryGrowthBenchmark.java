package com.octoacme.support.sla.benchmark;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.octoacme.support.SupportEscalationApplication;
import com.octoacme.support.notification.NotificationWorker;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.EscalationRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * History growth harness (see BENCHMARKS.md; only the {@code benchmark} profile runs it): the whole
 * application in its production profile on PostgreSQL drives {@code bench.closed} (1,000) escalations from
 * the start form to closed, as Tasklist users do (L2: review, checklist, acknowledge, resolve,
 * after-resolution checklist; their mails go to a local sink), then measures the database size per 1,000
 * closed escalations, runs Camunda's history cleanup as it would run 180 days later (the history time to
 * live), and measures again (after VACUUM FULL, so freed space shows).
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false", "escalation.demo-users.enabled=true", "notification.worker.enabled=false"})
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = HistoryGrowthBenchmark.CleanUpAfterApplication.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class HistoryGrowthBenchmark {

  private static final int CLOSED = Integer.getInteger("bench.closed", 1_000);
  private static final int THREADS = Integer.getInteger("bench.threads", 4);

  @DynamicPropertySource
  static void benchmarkProperties(DynamicPropertyRegistry registry) {
    BenchmarkDatabase.register(registry);
    registry.add("ADMIN_PASSWORD", () -> "bench-" + Long.toHexString(System.nanoTime()));
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MailSink.instance().port());
  }

  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired NotificationWorker mailWorker;

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void databaseSizePerThousandClosedEscalationsAndAfterHistoryCleanup() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(BenchmarkDatabase.harnessDataSource());
    StringBuilder report = new StringBuilder();
    jdbc.execute("vacuum full");
    Map<String, Long> before = sizes(jdbc);

    Instant start = Instant.now();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> lifecycles = new ArrayList<>();
    for (int i = 0; i < CLOSED; i++) {
      lifecycles.add(pool.submit(this::lifecycle));
    }
    for (Future<?> lifecycle : lifecycles) {
      lifecycle.get(20, TimeUnit.MINUTES);
    }
    pool.shutdown();
    while (mailWorker.deliverPending(null) > 0) {
      // the mails of the lifecycles, to the sink
    }
    Duration took = Duration.between(start, Instant.now());
    long running = engine.getRuntimeService().createProcessInstanceQuery().count();
    jdbc.execute("vacuum full");
    Map<String, Long> closed = sizes(jdbc);
    List<Map<String, Object>> topTablesClosed = jdbc.queryForList("select c.relname, pg_total_relation_size(c.oid) as size"
        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()"
        + " and c.relkind = 'r' order by 2 desc limit 8");

    // 180 days and a minute later (the history time to live): the cleanup removes what has run out.
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(180)).plus(Duration.ofMinutes(1))));
    Instant cleanupStart = Instant.now();
    int runs = 0;
    try {
      // Each run removes up to historyCleanupBatchSize rows per history table, as the nightly job does run
      // after run in its window: repeat until a run removes nothing more.
      Job cleanup = history.cleanUpHistoryAsync(true);
      long left = historyRows(jdbc);
      long previous;
      do {
        previous = left;
        management.executeJob(cleanup.getId());
        runs++;
        left = historyRows(jdbc);
      } while (left < previous && runs < 10_000);
    } finally {
      ClockUtil.reset();
    }
    Duration cleanupTook = Duration.between(cleanupStart, Instant.now());
    jdbc.execute("vacuum full");
    Map<String, Long> cleaned = sizes(jdbc);

    report.append(String.format("History growth: %d escalations closed in %s (%d client threads; %.1f/s), "
            + "%d process instances left running (none expected)%n", CLOSED, took, THREADS,
        CLOSED / Math.max(0.001, took.toMillis() / 1000.0), running));
    report.append(String.format("history cleanup (as 180 days later, batch size 500): %d job runs, %s; finished instances"
        + " left: %d, history rows left: %d%n", runs, cleanupTook, history.createHistoricProcessInstanceQuery().finished().count(),
        historyRows(jdbc)));
    report.append(String.format("%-28s %14s %14s %14s %18s%n", "table group (after VACUUM FULL)", "empty MB",
        "closed MB", "cleaned MB", "MB per 1,000 closed"));
    for (String group : before.keySet()) {
      report.append(String.format("%-28s %14.2f %14.2f %14.2f %18.2f%n", group, mb(before.get(group)),
          mb(closed.get(group)), mb(cleaned.get(group)),
          mb(closed.get(group) - before.get(group)) * 1000.0 / CLOSED));
    }
    report.append("largest tables (MB: closed -> cleaned, after VACUUM FULL):");
    for (Map<String, Object> table : topTablesClosed) {
      String name = (String) table.get("relname");
      Long after = jdbc.queryForObject("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c"
          + " where c.relname = ? and c.relkind = 'r'", Long.class, name);
      report.append(String.format(" %s %.1f -> %.1f;", name, mb(((Number) table.get("size")).longValue()), mb(after)));
    }
    report.append('\n');
    report.append("database: ").append(BenchmarkDatabase.description()).append(", ")
        .append(jdbc.queryForObject("select version()", String.class)).append('\n');
    System.out.print(report);
    Path out = Path.of("target", "benchmark", "history-growth.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  private void lifecycle() {
    EscalationDriver driver = new EscalationDriver(engine);
    ProcessInstance pi = driver.start(EscalationRequests.request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    continueAsync(pi);
    driver.reviewLevel(pi, null, null);
    continueAsync(pi);
    driver.completeChecklist(pi, Map.of());
    continueAsync(pi);
    driver.acknowledge(pi, "erin.engineer");
    continueAsync(pi);
    driver.resolve(pi, "erin.engineer", "RESOLVED", null);
    continueAsync(pi);
    driver.afterResolution(pi, 5);
    continueAsync(pi);
  }

  /** The job executor is off: run the instance's async continuations here (its timers are far away). */
  private void continueAsync(ProcessInstance pi) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(pi.getId()).messages().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private static long historyRows(JdbcTemplate jdbc) {
    long rows = 0;
    for (String table : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_varinst", "act_hi_detail", "act_hi_taskinst",
        "act_hi_job_log", "act_hi_op_log", "act_hi_identitylink", "act_hi_decinst", "act_hi_ext_task_log", "act_hi_incident")) {
      Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
      rows += count == null ? 0 : count;
    }
    return rows;
  }

  private static Map<String, Long> sizes(JdbcTemplate jdbc) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("whole database", jdbc.queryForObject("select pg_database_size(current_database())", Long.class));
    sizes.put("Camunda history act_hi_*", group(jdbc, "act_hi_%"));
    sizes.put("Camunda runtime act_ru_*", group(jdbc, "act_ru_%"));
    sizes.put("Camunda bytes act_ge_bytearray", group(jdbc, "act_ge_bytearray"));
    sizes.put("audit trail escalation_*", group(jdbc, "escalation_%"));
    sizes.put("mail outbox notification", group(jdbc, "notification"));
    return sizes;
  }

  private static long group(JdbcTemplate jdbc, String pattern) {
    Long size = jdbc.queryForObject("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c"
        + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'"
        + " and c.relname like ?", Long.class, pattern);
    return size == null ? 0 : size;
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /** Stops the embedded database and the mail sink after Spring has closed the application. */
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
