package com.octoacme.support.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.sla.benchmark.BenchmarkEscalations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outside failures with the job executor and the mail workers running as in production:
 *
 * <ul>
 *   <li>a mail server that accepts connections and never answers: while every mail worker hangs on it, SLA
 *       breach timers still fire on time (the sends are not on the job executor), and each stalled send
 *       becomes an incident on its escalation at its first failed attempt (here R2/PT1S with a 3 s read
 *       timeout: two attempts, one second apart);
 *   <li>a node that dies holding a due SLA timer: this node runs it once the dead node's lock runs out, after
 *       the configured job lock time (application.yaml, 30 s), not Camunda's default 5 minutes.
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:stalled-mail-server;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.job-execution.enabled=true",
    "notification.worker.enabled=true",
    "notification.worker.pool-size=" + OutsideFailuresTest.WORKERS,
    "notification.worker.poll-interval=PT0.2S",
    "notification.worker.lock-duration=PT30S",
    "notification.retry-cycle=R2/PT1S",
    "spring.mail.properties.mail.smtp.connectiontimeout=1000",
    "spring.mail.properties.mail.smtp.timeout=" + OutsideFailuresTest.READ_TIMEOUT_MS,
    "spring.mail.properties.mail.smtp.writetimeout=1000"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutsideFailuresTest {

  static final int WORKERS = 4;
  static final int READ_TIMEOUT_MS = 3000;
  static final int ESCALATIONS = 3;

  static final SilentSmtpServer SILENT = SilentSmtpServer.start();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", SILENT::port);
  }

  @AfterAll
  static void stopServer() throws IOException {
    SILENT.close();
  }

  @Autowired RuntimeService runtime;
  @Autowired com.octoacme.support.escalation.LevelPolicies levelPolicies;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Notifications notifications;
  @Autowired NotificationRepository outbox;
  @Autowired JdbcTemplate database;

  @Test
  @Timeout(120)
  void hangingSendsDelayNoBreach_andBecomeIncidentsOnTheirEscalations() throws Exception {
    BenchmarkEscalations escalations = new BenchmarkEscalations(runtime, transactions, levelPolicies.of("L2"), "STALL");
    Instant start = Instant.now();
    // Due in 2 s: by then every mail worker hangs on the silent server (busy for 3 s per attempt).
    Instant firstDue = start.plusSeconds(2);
    escalations.create(0, ESCALATIONS, i -> firstDue.plusMillis(200L * i), 1, ESCALATIONS, Duration.ofSeconds(30));
    TransactionTemplate tx = new TransactionTemplate(transactions);
    for (int i = 0; i < WORKERS; i++) {
      String ticketId = escalations.ticketId(0, i % ESCALATIONS);
      tx.executeWithoutResult(status -> notifications.enqueue(new Notification(NotificationKind.ENGINEERING_ESCALATION,
          ticketId + ":engineering-escalation:stall:" + sequence.incrementAndGet(), ticketId,
          List.of(Recipient.group("engineering")), Map.of("ticketId", ticketId))));
    }
    String tickets = escalations.ticketPattern(0);

    // Every breach is recorded (by the timer job, real clock) within a second of its due instant.
    List<Map<String, Object>> breaches = waitFor(Duration.ofSeconds(20), () -> database.queryForList(
        "select ticket_id, occurred_at, due_at from escalation_event where ticket_id like ? and event_type = ?",
        tickets, EscalationEvent.Type.RESPONSE_SLA_BREACHED.name()), rows -> rows.size() == ESCALATIONS);
    assertThat(SILENT.connections()).as("the workers were hanging on the silent server").isGreaterThanOrEqualTo(WORKERS);
    List<Long> lateness = new ArrayList<>();
    for (Map<String, Object> breach : breaches) {
      lateness.add(Duration.between(instant(breach.get("due_at")), instant(breach.get("occurred_at"))).toMillis());
    }
    System.out.printf("Breach lateness with all %d mail workers hanging (read timeout %d ms): %s ms%n", WORKERS,
        READ_TIMEOUT_MS, lateness);
    assertThat(lateness).allSatisfy(ms -> assertThat(ms).isLessThan(1500L));

    // Each stalled send (the ones queued above and those the breaches queued) ends as an incident on its
    // escalation after its two attempts: no mail was lost, none is silent.
    // (the breaches' mails are queued by the async steps after each breach: wait for their commits)
    List<OutboxNotification> mails = waitFor(Duration.ofSeconds(10), () -> outbox.findAll().stream()
        .filter(n -> n.getTicketId().startsWith(tickets.replace("%", ""))).toList(), list -> list.size() > WORKERS);
    assertThat(mails).hasSizeGreaterThan(WORKERS);
    List<Incident> incidents = waitFor(Duration.ofSeconds(90),
        () -> runtime.createIncidentQuery().incidentType(DeliveryIncidents.TYPE).list().stream()
            .filter(incident -> incident.getConfiguration().startsWith(tickets.replace("%", ""))).toList(),
        list -> list.size() >= mails.size() && list.stream().allMatch(incident -> incident.getAnnotation() != null
            && incident.getAnnotation().startsWith("Attempt 2 of 2 failed")));
    for (OutboxNotification mail : mails) {
      Incident incident = incidents.stream().filter(i -> i.getConfiguration().equals(mail.getKey())).findFirst()
          .orElseThrow(() -> new AssertionError("no incident for " + mail.getKey()));
      String escalationId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(mail.getTicketId())
          .processDefinitionKey(com.octoacme.support.escalation.EscalationVariables.PROCESS_ID).singleResult().getId();
      assertThat(incident.getProcessInstanceId()).as("on the escalation of %s", mail.getTicketId()).isEqualTo(escalationId);
      assertThat(incident.getIncidentMessage()).contains(mail.getKey()).contains(mail.getTicketId())
          .contains("Read timed out");
      assertThat(incident.getAnnotation()).contains("no attempts left");
      OutboxNotification row = outbox.findByKey(mail.getKey()).orElseThrow();
      assertThat(row.getAttempts()).isEqualTo(2);
      assertThat(row.getStatus()).isEqualTo(OutboxNotification.Status.FAILED);
    }
    System.out.printf("%d stalled sends became incidents on their escalations %d s after the start%n", mails.size(),
        Duration.between(start, Instant.now()).toSeconds());
  }

  @Test
  @Timeout(90)
  void aTimerLockedByANodeThatDied_runsHereAfterTheLockTime() throws Exception {
    BenchmarkEscalations escalations = new BenchmarkEscalations(runtime, transactions, levelPolicies.of("L2"), "DEAD");
    Instant due = Instant.now().plusSeconds(2);
    escalations.create(0, 1, i -> due, 1, 1, Duration.ofSeconds(30));
    String ticketId = escalations.ticketId(0, 0);
    String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).singleResult().getId();
    Instant acquiredByDeadNode = due;
    // What the other node's acquisition wrote when it took the timer at its due instant, before it died.
    int locked = database.update("update act_ru_job set lock_owner_ = 'dead-node', lock_exp_time_ = ?"
        + " where process_instance_id_ = ? and type_ = 'timer' and duedate_ <= ?",
        java.sql.Timestamp.from(acquiredByDeadNode.plus(JOB_LOCK_TIME)), instanceId, java.sql.Timestamp.from(due));
    assertThat(locked).as("the response timer").isEqualTo(1);

    Map<String, Object> breach = waitFor(Duration.ofSeconds(60), () -> database.queryForList(
        "select occurred_at from escalation_event where ticket_id = ? and event_type = ?", ticketId,
        EscalationEvent.Type.RESPONSE_SLA_BREACHED.name()), rows -> !rows.isEmpty()).get(0);
    long lateMs = Duration.between(due, instant(breach.get("occurred_at"))).toMillis();
    System.out.printf("A breach whose timer a dead node held came %d ms late (job lock time %s)%n", lateMs, JOB_LOCK_TIME);
    assertThat(lateMs).as("not before the dead node's lock ran out").isGreaterThanOrEqualTo(JOB_LOCK_TIME.toMillis() - 100);
    assertThat(lateMs).as("within the lock time and one acquisition").isLessThan(JOB_LOCK_TIME.toMillis() + 2000);
    assertThat(database.queryForObject("select count(*) from act_ru_job where lock_owner_ = 'dead-node'", Long.class))
        .as("nothing left locked by the dead node").isZero();
  }

  /** camunda.bpm.job-execution.lock-time-in-millis of application.yaml. */
  @org.springframework.beans.factory.annotation.Value("${camunda.bpm.job-execution.lock-time-in-millis}")
  void jobLockTime(long millis) {
    JOB_LOCK_TIME = Duration.ofMillis(millis);
  }

  static Duration JOB_LOCK_TIME;

  private final AtomicInteger sequence = new AtomicInteger();

  private static Instant instant(Object timestamp) {
    return ((java.sql.Timestamp) timestamp).toInstant();
  }

  private static <T> T waitFor(Duration timeout, java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = probe.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + value);
      }
      Thread.sleep(100);
      value = probe.get();
    }
    return value;
  }

  /** Accepts SMTP connections and never writes a byte: the greeting never comes. */
  static final class SilentSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentSmtpServer(ServerSocket server) {
      this.server = server;
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            held.add(server.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "silent-smtp");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    static SilentSmtpServer start() {
      try {
        return new SilentSmtpServer(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return held.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
