package com.octoacme.support.operations;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.ProcessVariable;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two application nodes (two JVMs from the built jar, production profile) on one PostgreSQL (embedded) and
 * one SMTP server (GreenMail). {@value #ESCALATIONS} L2 escalations get response warnings and breaches due
 * at 10 per second; while they fire, node B is killed with {@code kill -9} and started again. Then, from
 * the database and the SMTP server: every warning (or its recorded skip), breach, lead notice and level
 * change exactly once, every outbox mail delivered, a mail twice only for sends the killed node had
 * under way (the documented window), nothing left locked, and the breaches the dead node held ran on the
 * other node within a minute (job lock time 30 s). Prints its figures.
 */
class TwoNodesIT {

  static final int ESCALATIONS = Integer.getInteger("it.two-nodes.escalations", 300);
  /** Response timers fall due at this rate; warnings 3 s before each. */
  static final int DUE_PER_SECOND = 10;
  static final Duration WARNING_BEFORE_DUE = Duration.ofSeconds(3);
  static final int MAIL_WORKERS_PER_NODE = 4;
  static final String ADMIN_PASSWORD = "two-nodes-" + Long.toHexString(System.nanoTime());
  static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** The history cleanup's own job (due in its nightly window) is no work of the escalations. */
  static final String NOT_CLEANUP = "handler_type_ <> 'history-cleanup'";
  static final String DUE_JOBS = "select count(*) from act_ru_job where (duedate_ is null or duedate_ <= now()) and " + NOT_CLEANUP;

  static EmbeddedPostgres postgres;
  static GreenMail smtp;
  static JdbcTemplate db;
  static final Map<String, Node> nodes = new LinkedHashMap<>();
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void infrastructure() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"),
        "postgres", "postgres", true);
    dataSource.setAutoCommit(true);
    db = new JdbcTemplate(dataSource);
    smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopAll() throws IOException {
    nodes.values().forEach(Node::kill);
    if (smtp != null) {
      smtp.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void killANodeWhileTimersFire_everythingHappensOnce_andNoMailIsLost() throws Exception {
    Instant begin = Instant.now();
    Node a = start("node-a");
    a.awaitReady(Duration.ofSeconds(120)); // A creates the schema and deploys the models; then B joins
    Node b = start("node-b");
    // Due instants from T0, planned so that B is up and the escalations exist by then.
    Instant t0 = Instant.now().plusSeconds(45);
    createEscalations(a, t0);
    Duration created = Duration.between(begin, Instant.now());
    b.awaitReady(Duration.ofSeconds(120));
    Duration bLateBy = Duration.between(t0.minus(WARNING_BEFORE_DUE), Instant.now());

    // Kill B at a third of the due window, while it holds timers, and start it again.
    Instant lastDue = t0.plusMillis((ESCALATIONS - 1) * 1000L / DUE_PER_SECOND);
    Instant killAt = t0.plusMillis((ESCALATIONS / 3) * 1000L / DUE_PER_SECOND);
    sleepUntil(killAt);
    long lockedByB = db.queryForObject("select count(*) from act_ru_job where lock_owner_ is not null", Long.class);
    b.kill();
    Instant killed = Instant.now();
    Node b2 = start("node-b");

    // Everything settles: every breach, lead notice and level change recorded, every mail sent.
    await(Duration.ofSeconds(150), () -> count("select count(*) from escalation_event where event_type = 'LEAD_INFORMED'")
        >= ESCALATIONS && count("select count(*) from notification where status <> 'SENT'") == 0
        && count(DUE_JOBS) == 0);
    b2.awaitReady(Duration.ofSeconds(60));
    Instant settled = Instant.now();

    // exactly once, per escalation
    assertOncePerTicket("select ticket_id, count(*) from escalation_event where event_type = 'RESPONSE_SLA_BREACHED' group by ticket_id");
    assertOncePerTicket("select ticket_id, count(*) from escalation_event where event_type = 'LEAD_INFORMED' group by ticket_id");
    assertOncePerTicket("select ticket_id, count(*) from escalation_level_change group by ticket_id");
    assertOncePerTicket("select ticket_id, count(*) from escalation_event where event_type in ('SLA_WARNING', 'SLA_WARNING_SKIPPED')"
        + " and detail like 'RESPONSE %' group by ticket_id");
    assertThat(db.queryForList("select to_level from escalation_level_change", String.class)).containsOnly("L3");

    // every outbox mail delivered; a second copy only from sends the killed node had under way
    Map<String, Integer> deliveries = deliveriesByMessageId();
    long outboxRows = count("select count(*) from notification");
    assertThat(deliveries).as("a distinct mail per outbox row").hasSize((int) outboxRows);
    long duplicates = deliveries.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    assertThat(duplicates).as("duplicates only for sends under way on the killed node").isLessThanOrEqualTo(MAIL_WORKERS_PER_NODE);

    // nothing left locked, no incident
    assertThat(count("select count(*) from act_ru_job where lock_owner_ is not null and " + NOT_CLEANUP)).as("locked jobs").isZero();
    assertThat(count("select count(*) from act_ru_ext_task")).as("open sends").isZero();
    assertThat(count("select count(*) from act_ru_incident")).as("incidents").isZero();

    // lateness of the breaches, and who ran them
    List<Long> lateness = db.queryForList("select (extract(epoch from occurred_at - due_at) * 1000)::bigint from escalation_event"
        + " where event_type = 'RESPONSE_SLA_BREACHED' order by 1", Long.class);
    List<Long> afterKill = db.queryForList("select (extract(epoch from occurred_at - due_at) * 1000)::bigint from escalation_event"
        + " where event_type = 'RESPONSE_SLA_BREACHED' and due_at between ? and ? order by 1", Long.class,
        java.sql.Timestamp.from(killed.minusSeconds(5)), java.sql.Timestamp.from(killed.plusSeconds(30)));
    List<Map<String, Object>> byNode = db.queryForList("select hostname_, count(*) as timers from act_hi_job_log"
        + " where job_def_type_ like 'timer%' and job_state_ = 2 group by hostname_ order by hostname_"); // 2: successful
    long skipped = count("select count(*) from escalation_event where event_type = 'SLA_WARNING_SKIPPED'");
    System.out.printf("%nTwo nodes, one PostgreSQL: %d escalations, warnings and breaches due at %d/s for %d s%n",
        ESCALATIONS, DUE_PER_SECOND, ESCALATIONS / DUE_PER_SECOND);
    System.out.printf("  node B ready %s %s the first warning was due%n", bLateBy.abs(), bLateBy.isNegative() ? "before" : "after");
    System.out.printf("  set-up (node A up, escalations created) %d s; B killed (kill -9) %s after T0 holding %d locked jobs (both nodes' locks at that moment)%n",
        created.toSeconds(), Duration.between(t0, killed), lockedByB);
    System.out.printf("  breach lateness: p50 %d ms, p99 %d ms, max %d ms; due around the kill (n=%d): max %d ms%n",
        percentile(lateness, 50), percentile(lateness, 99), lateness.get(lateness.size() - 1), afterKill.size(),
        afterKill.isEmpty() ? 0 : afterKill.get(afterKill.size() - 1));
    System.out.printf("  timer jobs run per node: %s%n", byNode);
    System.out.printf("  warnings given %d, recorded as skipped %d; level changes %d; mails: %d outbox rows, %d delivered, %d duplicate(s)%n",
        ESCALATIONS - skipped, skipped, count("select count(*) from escalation_level_change"), outboxRows,
        deliveries.values().stream().mapToInt(Integer::intValue).sum(), duplicates);
    System.out.printf("  settled %s after the kill; whole test %s%n", Duration.between(killed, settled),
        Duration.between(begin, Instant.now()));
    assertThat(byNode).as("timers ran on both nodes").hasSizeGreaterThanOrEqualTo(2);
    assertThat(lateness.get(lateness.size() - 1)).as("a dead node's timers run elsewhere within a minute").isLessThan(60_000L);
  }

  // --- the escalations, started through the engine's REST API right at "Acknowledge escalation" of L2 ---

  private static void createEscalations(Node node, Instant t0) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < ESCALATIONS; i++) {
        String ticketId = String.format("TWO-%05d", i);
        Instant due = t0.plusMillis(i * 1000L / DUE_PER_SECOND);
        started.add(pool.submit(() -> node.startEscalation(ticketId, due)));
      }
      for (Future<?> future : started) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, Object> variables(String ticketId, Instant responseDue) {
    Instant now = Instant.now();
    Instant far = responseDue.plus(Duration.ofDays(30));
    Map<String, Object> v = new LinkedHashMap<>();
    put(v, OPENED_BY, "two-nodes-it");
    put(v, TICKET_ID, ticketId);
    put(v, CUSTOMER_NAME, "Globex Corporation");
    put(v, ACCOUNT_TIER, "PRO");
    put(v, ISSUE_TYPE, "CONFIRMED_BUG");
    put(v, ISSUE_SUMMARY, "Checkout fails with HTTP 500");
    put(v, URGENCY, "MEDIUM");
    put(v, DECIDED_LEVEL, "L2");
    put(v, ESCALATION_LEVEL, "L2");
    put(v, ASSIGNED_TO, "engineering");
    put(v, PRE_ESCALATION_CHECKLIST_COMPLETE, true);
    put(v, LEVEL_ENTERED_AT, Date.from(now));
    put(v, RESPONSE_DUE_AT, Date.from(responseDue));
    put(v, RESPONSE_WARNING_AT, Date.from(responseDue.minus(WARNING_BEFORE_DUE)));
    put(v, RESOLUTION_DUE_AT, Date.from(far));
    put(v, RESOLUTION_WARNING_AT, Date.from(far.minus(Duration.ofHours(1))));
    put(v, RESOLUTION_TOTAL_SECONDS, Duration.ofDays(30).toSeconds());
    put(v, UPDATE_FREQUENCY, "DAILY");
    put(v, NEXT_UPDATE_DUE, Date.from(now.plus(Duration.ofDays(1))));
    put(v, POINT_OF_CONTACT, "admin");
    // what "Look up level policy" writes on entering L2, read from bpmn/level-policy.dmn as deployed
    var models = com.octoacme.support.testing.ModelFiles.ofProject();
    var row = models.evaluate(models.decision("level-policy.dmn", com.octoacme.support.escalation.LevelPolicies.DECISION_KEY),
        org.camunda.bpm.engine.variable.Variables.createVariables().putValue(ESCALATION_LEVEL.name(), "L2")).orElseThrow();
    com.octoacme.support.escalation.LevelPolicies.policy("L2", row).variables().forEach((name, value) -> {
      Map<String, Object> typed = new HashMap<>();
      typed.put("value", value);
      typed.put("type", value == null ? "Null" : value.getClass().getSimpleName());
      v.put(name, typed);
    });
    return v;
  }

  private static <T> void put(Map<String, Object> variables, ProcessVariable<T> variable, T value) {
    Map<String, Object> typed = new HashMap<>();
    if (value instanceof Date date) {
      typed.put("value", REST_DATE.format(date.toInstant()));
      typed.put("type", "Date");
    } else {
      typed.put("value", value);
      typed.put("type", variable.type().getSimpleName());
    }
    variables.put(variable.name(), typed);
  }

  // --- checks ------------------------------------------------------------------------------------

  private static void assertOncePerTicket(String countsByTicket) {
    Map<String, Long> counts = new HashMap<>();
    db.query(countsByTicket, rs -> {
      counts.put(rs.getString(1), rs.getLong(2));
    });
    assertThat(counts).as(countsByTicket).hasSize(ESCALATIONS);
    assertThat(counts.values()).as(countsByTicket).containsOnly(1L);
  }

  /** How often each mail (Message-ID) arrived: GreenMail keeps a copy per recipient. */
  private static Map<String, Integer> deliveriesByMessageId() throws Exception {
    Map<String, Integer> copies = new HashMap<>();
    Map<String, Integer> recipients = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String id = message.getMessageID();
      copies.merge(id, 1, Integer::sum);
      recipients.putIfAbsent(id, message.getRecipients(Message.RecipientType.TO).length);
    }
    Map<String, Integer> deliveries = new HashMap<>();
    copies.forEach((id, n) -> deliveries.put(id, Math.max(1, n / recipients.get(id))));
    return deliveries;
  }

  private static long count(String sql) {
    Long count = db.queryForObject(sql, Long.class);
    return count == null ? 0 : count;
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static void await(Duration timeout, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not settled within " + timeout + ": breaches "
            + count("select count(*) from escalation_event where event_type = 'RESPONSE_SLA_BREACHED'") + ", lead notices "
            + count("select count(*) from escalation_event where event_type = 'LEAD_INFORMED'") + ", unsent mails "
            + count("select count(*) from notification where status <> 'SENT'") + ", due jobs "
            + count(DUE_JOBS));
      }
      Thread.sleep(500);
    }
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // --- the nodes -----------------------------------------------------------------------------------

  private static Node start(String name) throws IOException {
    Path jar = builtJar();
    int port = freePort();
    Path log = Path.of("target", "two-nodes", name + "-" + System.currentTimeMillis() + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
        "--server.port=" + port,
        "--spring.profiles.active=postgres",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--springdoc.api-docs.enabled=false", "--springdoc.swagger-ui.enabled=false"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
    builder.environment().put("DB_USERNAME", "postgres");
    builder.environment().put("DB_PASSWORD", "postgres");
    builder.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    Node node = new Node(name, port, builder.start(), log);
    nodes.put(name + "@" + port, node);
    return node;
  }

  private static Path builtJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("support-escalation-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no jar in target/: run mvn package (failsafe runs after it)"));
    }
  }

  record Node(String name, int port, Process process, Path log) {

    void awaitReady(Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError(name + " exited; its log: " + tail());
        }
        try {
          HttpResponse<String> ready = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          if (ready.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(500);
      }
      throw new AssertionError(name + " not ready within " + timeout + "; its log: " + tail());
    }

    void startEscalation(String ticketId, Instant responseDue) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("businessKey", ticketId);
      body.put("variables", variables(ticketId, responseDue));
      body.put("startInstructions", List.of(Map.of("type", "startBeforeActivity",
          "activityId", "Task_AcknowledgeEscalation#multiInstanceBody")));
      try {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/"
                + PROCESS_ID + "/start")).header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new AssertionError("starting " + ticketId + ": " + response.statusCode() + " " + response.body());
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    void kill() {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    private String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return e.toString();
      }
    }
  }
}
