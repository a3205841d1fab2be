package com.octoacme.support.notification;

import static com.octoacme.support.notification.NotificationVariables.NOTIFICATION_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.octoacme.support.notification.GreenMailSmtp.Mail;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.EscalationRequests;
import com.octoacme.support.testing.LogCapture;
import com.octoacme.support.testing.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The outbox, bpmn/notification-delivery.bpmn and the mail workers against a real SMTP server (GreenMail):
 * queued in the caller's transaction, sent once by a worker, retried while SMTP is down (one WARN line per
 * attempt), incidents naming the notification on the delivery and on the escalation when the attempts run
 * out, and never a second mail, not even after a crash after sending or a node's lock running out.
 */
@ProcessTest
@RecordApplicationEvents
class NotificationDeliveryTest {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  static final String SEND = NotificationModel.TASK_SEND_NOTIFICATION;

  @RegisterExtension
  static GreenMailExtension smtp = GreenMailSmtp.server();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired Notifications notifications;
  @Autowired NotificationRepository outbox;
  @Autowired PlatformTransactionManager transactions;
  @Autowired NotificationWorker worker;
  @Autowired NotificationDelivery deliveryService;
  @Autowired ExternalTaskService externalTasks;
  @Autowired ApplicationEvents events;

  TransactionTemplate tx;
  String ticketId;

  @BeforeEach
  void setUp() {
    init(engine);
    tx = new TransactionTemplate(transactions);
    ClockUtil.setCurrentTime(Date.from(NOW));
    ticketId = EscalationRequests.nextTicketId();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
  }

  @Test
  void aQueuedNotificationIsSentOnceByItsOwnDeliveryProcess() throws Exception {
    Notification notification = escalationMail("L2");
    assertThat(enqueue(notification)).isTrue();

    OutboxNotification row = outbox.findByKey(notification.key()).orElseThrow();
    assertThat(row.getStatus()).isEqualTo(OutboxNotification.Status.PENDING);
    assertThat(row.getKind()).isEqualTo(NotificationKind.ENGINEERING_ESCALATION);
    assertThat(row.getTicketId()).isEqualTo(ticketId);
    assertThat(row.getRecipients()).containsExactly("engineering@octoacme.example");
    assertThat(row.getSubject()).isEqualTo("[ESCALATION] [L2] - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(row.getCreatedAt()).isEqualTo(NOW);
    assertThat(row.getAttempts()).isZero();

    ProcessInstance delivery = delivery(notification.key());
    assertThat(delivery.getBusinessKey()).isEqualTo(ticketId);
    assertThat(delivery).isWaitingAt(SEND);
    assertThat(smtp.getReceivedMessages()).as("the caller does not wait for SMTP").isEmpty();

    assertThat(worker.deliverPending(ticketId)).isEqualTo(1);

    assertThat(delivery).isEnded().hasPassedInOrder(NotificationModel.START_EVENT_NOTIFICATION_REQUESTED, SEND, NotificationModel.END_EVENT_NOTIFICATION_SENT);
    List<Mail> mails = GreenMailSmtp.mails(smtp);
    assertThat(mails).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).isEqualTo("[ESCALATION] [L2] - Checkout fails with HTTP 500 - Globex Corporation");
      assertThat(mail.from()).isEqualTo("OctoAcme Support <support@octoacme.example>");
      assertThat(mail.to()).containsExactly("engineering@octoacme.example");
      assertThat(mail.messageId()).matches("<notification\\.[0-9a-f]{40}@octoacme\\.example>");
      assertThat(mail.header("Auto-Submitted")).isEqualTo("auto-generated");
      assertThat(mail.text()).contains("- Ticket: " + ticketId + "\n");
      assertThat(mail.html()).contains("<li><strong>Ticket:</strong> " + ticketId + "</li>");
    });
    row = outbox.findByKey(notification.key()).orElseThrow();
    assertThat(row.getStatus()).isEqualTo(OutboxNotification.Status.SENT);
    assertThat(row.getSentAt()).isEqualTo(NOW);
    assertThat(row.getAttempts()).isEqualTo(1);
  }

  @Test
  void theSameKeyTwice_isOneRowOneDeliveryAndOneMail() {
    Notification notification = escalationMail("L2");
    List<Boolean> queued = tx.execute(status -> List.of(notifications.enqueue(notification), notifications.enqueue(notification)));
    boolean again = enqueue(notification);

    assertThat(queued).containsExactly(true, false);
    assertThat(again).isFalse();
    assertThat(outbox.findByTicketIdOrderByIdAsc(ticketId)).hasSize(1);
    assertThat(deliveries()).hasSize(1);
    assertThat(worker.deliverPending(ticketId)).isEqualTo(1);
    assertThat(worker.deliverPending(ticketId)).isZero();
    assertThat(GreenMailSmtp.mails(smtp)).hasSize(1);
  }

  @Test
  void aRolledBackStep_queuesNothing() {
    Notification notification = escalationMail("L2");
    tx.executeWithoutResult(status -> {
      notifications.enqueue(notification);
      status.setRollbackOnly(); // the escalation's step failed after queueing
    });

    assertThat(outbox.findByKey(notification.key())).isEmpty();
    assertThat(deliveries()).isEmpty();
  }

  @Test
  void smtpDown_theFirstFailedAttemptIsAnIncidentOnTheEscalationAndTheMailFailed_threeAttempts_thenOneMailOnceItIsBack() {
    ProcessInstance escalation = new EscalationDriver(engine).start(requestFor(ticketId));
    Notification notification = escalationMail("L3");
    enqueue(notification);
    ProcessInstance delivery = delivery(notification.key());
    assertThat(states(notification.key())).containsExactly(NotificationStateChanged.State.PENDING);
    smtp.stop();

    // notification.retry-cycle R3/PT5M: three attempts in all, five minutes apart.
    String cause = "Sending ENGINEERING_ESCALATION " + notification.key() + " for " + ticketId + " failed: ";
    String expected = ticketId + ": mail '[ESCALATION] [L3] - Checkout fails with HTTP 500 - Globex Corporation' to"
        + " engineering@octoacme.example not sent. " + cause;
    assertThat(worker.deliverPending(ticketId)).isEqualTo(1);
    ExternalTask send = externalTasks.createExternalTaskQuery().processInstanceId(delivery.getId()).singleResult();
    assertThat(send.getRetries()).isEqualTo(2);
    assertThat(send.getErrorMessage()).startsWith(cause);
    assertThat(externalTasks.getExternalTaskErrorDetails(send.getId())).as("the stack trace is kept for the incident")
        .contains("at org.springframework.mail");
    assertThat(send.getLockExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
    assertThat(outbox.findByKey(notification.key()).orElseThrow()).satisfies(row -> {
      assertThat(row.getStatus()).isEqualTo(OutboxNotification.Status.FAILED);
      assertThat(row.getAttempts()).isEqualTo(1);
      assertThat(row.getLastError()).startsWith(cause).contains("Connection refused");
    });
    assertThat(states(notification.key())).containsExactly(NotificationStateChanged.State.PENDING,
        NotificationStateChanged.State.FAILED);
    // At once after the FIRST failed attempt, not after the last: the escalation shows the failure.
    Incident onEscalation = runtime.createIncidentQuery().processInstanceId(escalation.getId()).singleResult();
    assertThat(onEscalation).as("an incident on the escalation after the first attempt").isNotNull();
    assertThat(onEscalation.getIncidentType()).isEqualTo(DeliveryIncidents.TYPE);
    assertThat(onEscalation.getConfiguration()).isEqualTo(notification.key());
    assertThat(onEscalation.getIncidentMessage()).startsWith(expected).contains("Connection refused");
    assertThat(onEscalation.getAnnotation()).isEqualTo("Attempt 1 of 3 failed at " + NOW + "; the next one is at "
        + NOW.plus(Duration.ofMinutes(5)) + ". Resolved by itself when the mail goes out.");
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).count())
        .as("the delivery's own incident comes with the last attempt").isZero();
    assertThat(worker.deliverPending(ticketId)).as("not before the retry interval").isZero();

    for (int attempt = 2; attempt <= 3; attempt++) {
      ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofMinutes(5L * (attempt - 1)))));
      assertThat(worker.deliverPending(ticketId)).as("attempt %d", attempt).isEqualTo(1);
      assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).list()).as("still one")
          .singleElement().extracting(Incident::getId).isEqualTo(onEscalation.getId());
    }
    assertThat(externalTasks.createExternalTaskQuery().processInstanceId(delivery.getId()).singleResult().getRetries()).isZero();
    Incident onDelivery = runtime.createIncidentQuery().processInstanceId(delivery.getId()).singleResult();
    assertThat(onDelivery).as("an incident on the delivery instance (retry it in Cockpit)").isNotNull();
    assertThat(onDelivery.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
    assertThat(onDelivery.getIncidentMessage()).startsWith(cause);
    assertThat(onDelivery.getActivityId()).isEqualTo(SEND);
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).singleResult().getAnnotation())
        .startsWith("Attempt 3 of 3 failed at " + NOW.plus(Duration.ofMinutes(10)) + ": no attempts left.")
        .contains("Retry the incident of this ticket's Notification delivery instance");
    assertThat(outbox.findByKey(notification.key()).orElseThrow().getStatus()).isEqualTo(OutboxNotification.Status.FAILED);
    assertThat(smtp.getReceivedMessages()).isEmpty();

    // The engine closes an incident with the execution it sits on (the escalation moved on to another
    // level); as if so, while the mail still fails, the workers' check raises it again where it is now.
    new EscalationDriver(engine).reviewLevel(escalation, null, null);
    runtime.resolveIncident(onEscalation.getId());
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).count()).isZero();
    worker.checkIncidents();
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).singleResult()).satisfies(again -> {
      assertThat(again.getIncidentType()).isEqualTo(DeliveryIncidents.TYPE);
      assertThat(again.getConfiguration()).isEqualTo(notification.key());
      assertThat(again.getIncidentMessage()).startsWith(expected);
      assertThat(again.getAnnotation()).contains("3 attempt(s) failed so far");
    });
    worker.checkIncidents();
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).count()).as("once").isEqualTo(1);
    ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofHours(1))));
    assertThat(worker.deliverPending(ticketId)).as("no attempts left").isZero();

    smtp.start();
    externalTasks.setRetries(send.getId(), 1); // the operator's "Retry" in Cockpit
    assertThat(worker.deliverPending(ticketId)).isEqualTo(1);

    assertThat(GreenMailSmtp.mails(smtp)).hasSize(1);
    assertThat(delivery).isEnded();
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).count())
        .as("the escalation's incident is resolved by the mail going out").isZero();
    assertThat(outbox.findByKey(notification.key()).orElseThrow()).satisfies(row -> {
      assertThat(row.getStatus()).isEqualTo(OutboxNotification.Status.SENT);
      assertThat(row.getAttempts()).isEqualTo(4);
      assertThat(row.getLastError()).isNull();
    });
    assertThat(states(notification.key())).containsExactly(NotificationStateChanged.State.PENDING,
        NotificationStateChanged.State.FAILED, NotificationStateChanged.State.FAILED,
        NotificationStateChanged.State.FAILED, NotificationStateChanged.State.SENT);
  }

  @Test
  void aMailThatFailsOnceAndGoesOutOnTheRetry_resolvesItsIncident_andAStaleIncidentIsResolvedByTheCheck() {
    ProcessInstance escalation = new EscalationDriver(engine).start(requestFor(ticketId));
    Notification notification = escalationMail("L2");
    enqueue(notification);
    smtp.stop();
    worker.deliverPending(ticketId);
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).incidentType(DeliveryIncidents.TYPE)
        .count()).isEqualTo(1);

    smtp.start();
    ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
    assertThat(worker.deliverPending(ticketId)).as("the retry").isEqualTo(1);

    assertThat(GreenMailSmtp.mails(smtp)).hasSize(1);
    assertThat(outbox.findByKey(notification.key()).orElseThrow().getStatus()).isEqualTo(OutboxNotification.Status.SENT);
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).count()).isZero();

    // An incident whose mail went out otherwise (e.g. its node died before resolving it) goes at the next check.
    Notification other = escalationMail("L3");
    enqueue(other);
    runtime.createIncident(DeliveryIncidents.TYPE, escalation.getId(), other.key(), "left over");
    assertThat(deliveryService.deliver(other.key())).isTrue();
    worker.checkIncidents();
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).count()).isZero();
  }

  @Test
  void nodesCheckingAtOnceRaiseAFailedMailsIncidentOnce() throws Exception {
    ProcessInstance escalation = new EscalationDriver(engine).start(requestFor(ticketId));
    Notification notification = escalationMail("L2");
    enqueue(notification);
    smtp.stop();
    worker.deliverPending(ticketId);
    Incident first = runtime.createIncidentQuery().processInstanceId(escalation.getId()).singleResult();
    runtime.resolveIncident(first.getId()); // as the engine does when the escalation moves on

    int nodes = 3;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(nodes);
    List<java.util.concurrent.CompletableFuture<Void>> checks = new java.util.ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      checks.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          together.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        worker.checkIncidents();
      }));
    }
    for (var check : checks) {
      check.get();
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(escalation.getId()).incidentType(DeliveryIncidents.TYPE)
        .list()).as("one incident, not one per node").hasSize(1);
  }

  @Test
  void aFailedAttemptIsOneWarnLineNamingKindKeyTicketAndCause_withoutAStackTrace() {
    Notification notification = escalationMail("L2");
    enqueue(notification);
    smtp.stop();

    List<ILoggingEvent> logged = LogCapture.during(() -> worker.deliverPending(ticketId));

    assertThat(logged).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).singleElement()
        .satisfies(event -> {
          assertThat(event.getLevel()).isEqualTo(Level.WARN);
          assertThat(event.getFormattedMessage())
              .startsWith("Sending ENGINEERING_ESCALATION " + notification.key() + " for " + ticketId + " failed: ")
              .contains("Connection refused")
              .endsWith("(attempt 1 of 3, next in PT5M)")
              .doesNotContain("\n");
          assertThat(event.getThrowableProxy()).as("no stack trace in the log").isNull();
        });
  }

  @Test
  void aSendThatOtherNodesLockedIsNotSentHere() {
    Notification notification = escalationMail("L2");
    enqueue(notification);
    List<LockedExternalTask> elsewhere = externalTasks.fetchAndLock(10, "other-node")
        .topic(NotificationVariables.SEND_TOPIC, Duration.ofMinutes(1).toMillis()).businessKey(ticketId).execute();
    assertThat(elsewhere).hasSize(1);

    assertThat(worker.deliverPending(ticketId)).as("locked by the other node").isZero();
    ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofMinutes(1)).plusSeconds(1)));
    assertThat(worker.deliverPending(ticketId)).as("the other node died: its lock ran out").isEqualTo(1);
    assertThat(GreenMailSmtp.mails(smtp)).hasSize(1);
  }

  @Test
  void aCrashAfterTheMailLeftBeforeTheTaskWasCompleted_theRetrySendsNoSecondMail() {
    Notification notification = escalationMail("L2");
    enqueue(notification);
    ProcessInstance delivery = delivery(notification.key());

    // A node sends, marks it sent (its own transaction) and dies before completing the external task.
    assertThat(delivery(notification.key())).isNotNull();
    assertThat(deliveryService.deliver(notification.key())).isTrue();
    assertThat(GreenMailSmtp.mails(smtp)).hasSize(1);
    assertThat(externalTasks.createExternalTaskQuery().processInstanceId(delivery.getId()).count())
        .as("the send is still open").isEqualTo(1);

    assertThat(worker.deliverPending(ticketId)).isEqualTo(1);

    assertThat(GreenMailSmtp.mails(smtp)).as("no second mail").hasSize(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(delivery).isEnded();
    assertThat(outbox.findByKey(notification.key()).orElseThrow().getAttempts()).isEqualTo(1);
  }

  /** The states published for this mail, in order. */
  private List<NotificationStateChanged.State> states(String key) {
    return events.stream(NotificationStateChanged.class).filter(event -> event.key().equals(key))
        .peek(event -> assertThat(event.ticketId()).isEqualTo(ticketId))
        .peek(event -> assertThat(event.kind()).isEqualTo(NotificationKind.ENGINEERING_ESCALATION))
        .map(NotificationStateChanged::state).toList();
  }

  private Map<String, Object> requestFor(String ticket) {
    Map<String, Object> request = EscalationRequests.request("CONFIRMED_BUG", "PRO", "MEDIUM", 40);
    request.put(EscalationVariables.TICKET_ID.name(), ticket);
    return request;
  }

  private boolean enqueue(Notification notification) {
    return Boolean.TRUE.equals(tx.execute(status -> notifications.enqueue(notification)));
  }

  private Notification escalationMail(String level) {
    Map<String, Object> model = new java.util.HashMap<>(MailTemplatesTest.escalation());
    model.put("ticketId", ticketId);
    model.put("level", level);
    return new Notification(NotificationKind.ENGINEERING_ESCALATION,
        ticketId + ":engineering-escalation:" + level + ":" + NOW, ticketId,
        List.of(Recipient.group("engineering")), model);
  }

  private List<ProcessInstance> deliveries() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(NotificationVariables.PROCESS_ID)
        .processInstanceBusinessKey(ticketId).list();
  }

  private ProcessInstance delivery(String key) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(NotificationVariables.PROCESS_ID)
        .variableValueEquals(NOTIFICATION_KEY.name(), key).singleResult();
    assertThat(instance).as("delivery of %s", key).isNotNull();
    return instance;
  }
}
