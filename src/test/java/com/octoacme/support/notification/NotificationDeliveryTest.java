package com.octoacme.support.notification;

import static com.octoacme.support.notification.NotificationVariables.NOTIFICATION_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.octoacme.support.notification.GreenMailSmtp.Mail;
import com.octoacme.support.testing.EscalationRequests;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The outbox and bpmn/notification-delivery.bpmn against a real SMTP server (GreenMail): queued in
 * the caller's transaction, sent once by a job, retried while SMTP is down, an incident naming the
 * notification when retries run out, and never a second mail, not even after a crash after sending.
 */
@ProcessTest
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

    Jobs.executeJobAt(management, delivery, SEND);

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
    Jobs.executeAsyncContinuations(management, delivery(notification.key()));
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
  void smtpDown_isRetriedThenAnIncidentNamingTheNotification_andOneMailOnceItIsBack() {
    Notification notification = escalationMail("L3");
    enqueue(notification);
    ProcessInstance delivery = delivery(notification.key());
    Job job = Jobs.jobAt(management, delivery, SEND);
    String jobId = job.getId();
    smtp.stop();

    String expected = "Sending ENGINEERING_ESCALATION " + notification.key() + " for " + ticketId + " failed: ";
    Throwable failure = catchThrowable(() -> management.executeJob(jobId));
    assertThat(failure).hasMessageContaining(expected);
    // notification.retry-cycle R3/PT5M, read by the model as ${notificationRetryCycle}
    job = management.createJobQuery().jobId(jobId).singleResult();
    assertThat(job.getRetries()).isEqualTo(2);
    assertThat(job.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
    assertThat(job.getExceptionMessage()).startsWith(expected);
    assertThat(outbox.findByKey(notification.key()).orElseThrow()).satisfies(row -> {
      assertThat(row.getStatus()).isEqualTo(OutboxNotification.Status.PENDING);
      assertThat(row.getAttempts()).isEqualTo(1);
      assertThat(row.getLastError()).startsWith(expected);
    });

    for (int retry = 2; retry > 0; retry--) {
      assertThat(catchThrowable(() -> management.executeJob(jobId))).hasMessageContaining(expected);
    }
    assertThat(management.createJobQuery().jobId(jobId).singleResult().getRetries()).isZero();
    Incident incident = runtime.createIncidentQuery().processInstanceId(delivery.getId()).singleResult();
    assertThat(incident).as("an incident in Cockpit").isNotNull();
    assertThat(incident.getIncidentMessage()).startsWith(expected);
    assertThat(incident.getActivityId()).isEqualTo(SEND);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).singleResult().getId())
        .as("found in Cockpit by the ticket ID").isEqualTo(delivery.getId());
    assertThat(smtp.getReceivedMessages()).isEmpty();

    smtp.start();
    management.setJobRetries(jobId, 1); // the operator's "Retry" in Cockpit
    management.executeJob(jobId);

    assertThat(GreenMailSmtp.mails(smtp)).hasSize(1);
    assertThat(delivery).isEnded();
    assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(outbox.findByKey(notification.key()).orElseThrow()).satisfies(row -> {
      assertThat(row.getStatus()).isEqualTo(OutboxNotification.Status.SENT);
      assertThat(row.getAttempts()).isEqualTo(4);
      assertThat(row.getLastError()).isNull();
    });
  }

  @Test
  void theJobsTransactionFailingAfterTheMailLeft_theRetrySendsNoSecondMail() {
    Notification notification = escalationMail("L2");
    enqueue(notification);
    ProcessInstance delivery = delivery(notification.key());
    String jobId = Jobs.jobAt(management, delivery, SEND).getId();

    // A crash after sending: everything the job did in its transaction is rolled back.
    tx.executeWithoutResult(status -> {
      management.executeJob(jobId);
      status.setRollbackOnly();
    });

    assertThat(GreenMailSmtp.mails(smtp)).hasSize(1);
    assertThat(management.createJobQuery().jobId(jobId).count()).as("the job is still there").isEqualTo(1);
    assertThat(outbox.findByKey(notification.key()).orElseThrow().getStatus())
        .as("but 'sent' survived in its own transaction").isEqualTo(OutboxNotification.Status.SENT);

    management.executeJob(jobId);

    assertThat(GreenMailSmtp.mails(smtp)).as("no second mail").hasSize(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(delivery).isEnded();
    assertThat(outbox.findByKey(notification.key()).orElseThrow().getAttempts()).isEqualTo(1);
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
