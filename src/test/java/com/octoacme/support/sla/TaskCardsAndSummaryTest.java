package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationVariables;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.TaskPriorities;
import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.notification.NotificationRepository;
import com.octoacme.support.notification.NotificationStateChanged;
import com.octoacme.support.notification.NotificationWorker;
import com.octoacme.support.notification.OutboxNotification;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What Tasklist shows of an escalation (issue #10, points 1, 3 and 7): task names, descriptions, priorities and
 * due dates; the summary every form opens with; the first level's clock starting at the request. Under a
 * controlled clock on the application's calendar (Europe/Berlin, Mon-Fri 09:00-17:00); instants are UTC.
 */
@ProcessTest
class TaskCardsAndSummaryTest {

  /** Monday 2026-11-23, 10:00 in Berlin. */
  static final Instant MONDAY_10_00 = Instant.parse("2026-11-23T09:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired ManagementService management;
  @Autowired TaskPriorities priorities;
  @Autowired NotificationWorker worker;
  @Autowired NotificationRepository outbox;
  @Autowired ApplicationEventPublisher events;
  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new EscalationDriver(engine);
    clock(MONDAY_10_00);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
  }

  @Test
  void everyTaskNameCarriesTicketCustomerAndLevel_andALevelChangeShowsInTheTasksCreatedAfterIt() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    String ticket = pi.getBusinessKey();
    Task review = driver.single(pi, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL);
    assertThat(review.getName()).isEqualTo(ticket + " · Globex Corporation · L2 · Review level");
    assertThat(review.getDescription()).contains(ticket).contains("suggests L2").contains("accept it, or choose another level");

    driver.reviewLevel(pi, null, null);
    assertThat(driver.single(pi, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST).getName())
        .isEqualTo(ticket + " · Globex Corporation · L2 · Pre-escalation checklist");
    driver.completeChecklist(pi, Map.of());
    Task acknowledge = driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(acknowledge.getName()).isEqualTo(ticket + " · Globex Corporation · L2 · Acknowledge (engineering)");
    assertThat(acknowledge.getDescription()).contains("First response for engineering").contains(ticket);

    driver.acknowledge(pi, "erin.engineer");
    assertThat(driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION).getName()).endsWith(" · L2 · Resolve");
    driver.resolve(pi, "erin.engineer", "ESCALATE", "Needs the payment team's lead");
    assertThat(driver.tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION)).extracting(Task::getName)
        .containsExactlyInAnyOrder(ticket + " · Globex Corporation · L3 · Acknowledge (engineering-leads)",
            ticket + " · Globex Corporation · L3 · Acknowledge (product-managers)");

    // Tasklist's search ("Task name like") finds the tasks by ticket ID and by customer
    assertThat(taskService.createTaskQuery().taskNameLike("%" + ticket + "%").count()).isEqualTo(2);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskNameLike("%Globex%").count()).isEqualTo(2);
  }

  @Test
  void priorityFollowsLevelThenTier_L4Highest() {
    List<String> levels = List.of("L1", "L2", "L3", "L4");
    for (int i = 1; i < levels.size(); i++) {
      for (AccountTier lower : AccountTier.values()) {
        for (AccountTier higher : AccountTier.values()) {
          assertThat(priorities.of(levels.get(i), higher.name())).as("%s %s over %s %s", levels.get(i), higher, levels.get(i - 1), lower)
              .isGreaterThan(priorities.of(levels.get(i - 1), lower.name()));
        }
      }
    }
    for (String level : levels) {
      assertThat(priorities.of(level, "ENTERPRISE")).isGreaterThan(priorities.of(level, "PRO"));
      assertThat(priorities.of(level, "PRO")).isGreaterThan(priorities.of(level, "FREE"));
    }

    // the tasks carry it, and it moves with the level
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "ENTERPRISE", "MEDIUM", 40));
    String decided = (String) runtime.getVariable(pi.getId(), DECIDED_LEVEL.name());
    assertThat(driver.single(pi, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL).getPriority())
        .isEqualTo(priorities.of(decided, "ENTERPRISE"));
    driver.reviewLevel(pi, "L3", "Their launch is tomorrow");
    driver.completeChecklist(pi, Map.of());
    assertThat(driver.tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION)).extracting(Task::getPriority)
        .containsOnly(priorities.of("L3", "ENTERPRISE"));
  }

  @Test
  void theFirstLevelsResponseClockStartsAtTheRequest_reviewAndChecklistCountAgainstIt() {
    // L2 (1 business day), requested Mon 10:00 Berlin: response due Tue 10:00, warning at 6 of 8 business hours: Mon 16:00
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    Task review = driver.single(pi, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL);
    assertThat(review.getDueDate()).isEqualTo(utc("2026-11-24T09:00:00Z"));
    assertThat(review.getFollowUpDate()).isEqualTo(utc("2026-11-23T15:00:00Z"));

    clock(Instant.parse("2026-11-23T11:00:00Z")); // the review at Mon 12:00
    driver.reviewLevel(pi, null, null);
    Task checklist = driver.single(pi, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST);
    assertThat(checklist.getDueDate()).isEqualTo(utc("2026-11-24T09:00:00Z"));

    clock(Instant.parse("2026-11-23T14:00:00Z")); // the checklist at Mon 15:00
    driver.completeChecklist(pi, Map.of());
    Task acknowledge = driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(acknowledge.getDueDate()).as("still from the request, not from the checklist").isEqualTo(utc("2026-11-24T09:00:00Z"));
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED).getDuedate()).isEqualTo(utc("2026-11-24T09:00:00Z"));
    assertThat(runtime.getVariable(pi.getId(), LEVEL_ENTERED_AT.name())).isEqualTo(Date.from(MONDAY_10_00));
    assertThat(runtime.getVariable(pi.getId(), LEVEL_CLOCK_STARTS_AT.name())).as("used once").isNull();
  }

  @Test
  void anOverriddenFirstLevelCountsFromTheRequestToo_andALaterLevelFromItsChange() {
    // suggested L1 (4 business hours), overridden to L3 (2 hours, 24x7): due at request + 2 h
    ProcessInstance pi = driver.start(request("HOW_TO_QUESTION", "FREE", "LOW", 1));
    assertThat(driver.single(pi, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL).getDueDate()).isEqualTo(utc("2026-11-23T13:00:00Z"));
    clock(Instant.parse("2026-11-23T09:30:00Z"));
    driver.reviewLevel(pi, "L3", "The CEO called");
    assertThat(driver.single(pi, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST).getDueDate()).isEqualTo(utc("2026-11-23T11:00:00Z"));
    driver.completeChecklist(pi, Map.of());
    assertThat(driver.tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION)).extracting(Task::getDueDate)
        .containsOnly(utc("2026-11-23T11:00:00Z"));

    // escalated by hand to L4 at 10:00 UTC: L4's 15 minutes count from that change
    driver.acknowledgeAsHandlers(pi);
    clock(Instant.parse("2026-11-23T10:00:00Z"));
    driver.resolve(pi, "lee.lead", "ESCALATE", "Data loss suspected");
    assertThat(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getDueDate()).isEqualTo(utc("2026-11-23T10:15:00Z"));
  }

  @Test
  void everyTaskHasADueDate() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    driver.acknowledge(pi, "erin.engineer");
    clock(Instant.parse("2026-11-23T10:00:00Z"));
    driver.resolve(pi, "erin.engineer", "WAITING_FOR_CUSTOMER", "Asked for the HAR file");
    // waiting for the customer: the level's response time from now (Mon 11:00 Berlin + 1 business day)
    assertThat(driver.single(pi, EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY).getDueDate()).isEqualTo(utc("2026-11-24T10:00:00Z"));
    driver.complete(driver.single(pi, EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY), "erin.engineer",
        Map.of(CUSTOMER_REPLY_SUMMARY.name(), "Sent it"));
    clock(Instant.parse("2026-11-23T12:00:00Z"));
    driver.resolve(pi, "erin.engineer", "RESOLVED", "Null check in the payment adapter");
    // after the resolution: the level's response time from the resolution (Mon 13:00 Berlin + 1 business day)
    assertThat(driver.single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST).getDueDate()).isEqualTo(utc("2026-11-24T12:00:00Z"));
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).list()).allSatisfy(t ->
        assertThat(t.getDueDate()).as(t.getTaskDefinitionKey()).isNotNull());
  }

  @Test
  void theSummaryFollowsWarningBreachLevelChangeAndMails() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    String ticket = pi.getBusinessKey();
    assertThat(summary(pi)).contains("**" + ticket + "** · Globex Corporation · PRO tier · level L2 (suggested, to be reviewed)")
        .contains("SLA: **On track** · Response due Tue 2026-11-24 10:00 CET");
    assertThat(runtime.getVariable(pi.getId(), SLA_STATE.name())).isEqualTo("On track");

    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    publishStates(ticket, NotificationStateChanged.State.PENDING); // the outbox stored the customer's and engineering's mails
    assertThat(summary(pi)).contains("level L2 Engineering Support")
        .contains("Last level change: L2 (decided) by sam.support, Mon 2026-11-23 10:00 CET: Decision table for issue type CONFIRMED_BUG")
        .contains("Mails at this level: 0 of 2 sent, 2 pending");

    // a mail fails (no SMTP server listens): the failures engineer's worker publishes FAILED
    worker.deliverPending(ticket);
    publishStates(ticket, NotificationStateChanged.State.FAILED);
    assertThat(summary(pi)).contains("Mails at this level: 0 of 2 sent, **2 failed**: ");
    GreenMail smtp = new GreenMail(new ServerSetup(39025, "localhost", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      // the retries are due five minutes later
      clock(Instant.parse("2026-11-23T09:06:00Z"));
      worker.deliverPending(ticket);
      publishStates(ticket, NotificationStateChanged.State.SENT);
    } finally {
      smtp.stop();
    }
    assertThat(summary(pi)).contains("Mails at this level: all 2 sent");

    // the warning (Mon 16:00 Berlin) puts it at risk
    clock(Instant.parse("2026-11-23T15:00:00Z"));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESPONSE_SLA_WARNING);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_WARN_OF_RESPONSE_BREACH);
    assertThat(summary(pi)).contains("SLA: **At risk** · Response due Tue 2026-11-24 10:00 CET");
    assertThat(runtime.getVariable(pi.getId(), SLA_STATE.name())).isEqualTo("At risk");
    assertThat(runtime.getVariable(pi.getId(), SLA_DUE.name())).isEqualTo("Response due Tue 2026-11-24 10:00 CET");
    // and so does the open task's card
    assertThat(taskService.getVariablesLocal(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getId()))
        .containsEntry(CARD_TICKET_ID.name(), ticket).containsEntry(CARD_LEVEL.name(), "L2")
        .containsEntry(CARD_SLA_STATE.name(), "At risk").containsEntry(CARD_SLA_DUE.name(), "Response due Tue 2026-11-24 10:00 CET");

    // the breach: breached at once, then L3 with fresh clocks, the breach as the last level change
    clock(Instant.parse("2026-11-24T09:00:01Z"));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    assertThat(summary(pi)).contains("SLA: **Breached**").contains("Breaches so far: 1");
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);
    assertThat(summary(pi)).contains("level L3 Critical Escalation")
        .contains("SLA: **On track** · Response due Tue 2026-11-24 12:00 CET")
        .contains("Breaches so far: 1")
        .contains("Last level change: L2 → L3 (SLA breach) by sla-clock")
        .contains("Mails at this level: ");

    // a hand escalation with its reason
    driver.acknowledgeAsHandlers(pi);
    assertThat(summary(pi)).contains("SLA: **On track** · Resolution due");
    clock(Instant.parse("2026-11-24T09:30:00Z"));
    driver.resolve(pi, "lee.lead", "ESCALATE", "Data loss suspected");
    assertThat(summary(pi)).contains("Last level change: L3 → L4 (escalated) by lee.lead, Tue 2026-11-24 10:30 CET: Data loss suspected");
  }

  /** What the failures engineer's worker publishes for each mail of the ticket (notification.NotificationStateChanged). */
  private void publishStates(String ticket, NotificationStateChanged.State expected) {
    for (OutboxNotification mail : outbox.findByTicketIdOrderByIdAsc(ticket)) {
      NotificationStateChanged.State state = mail.getStatus() == OutboxNotification.Status.SENT
          ? NotificationStateChanged.State.SENT : mail.getLastError() != null ? NotificationStateChanged.State.FAILED
          : NotificationStateChanged.State.PENDING;
      assertThat(state).as("state of %s", mail.getKey()).isEqualTo(expected);
      events.publishEvent(new NotificationStateChanged(ticket, mail.getKey(), mail.getKind(), state));
    }
  }

  private String summary(ProcessInstance pi) {
    // what the forms show: the summary, then the mails line
    return runtime.getVariable(pi.getId(), ESCALATION_SUMMARY.name()) + "\n\n"
        + runtime.getVariable(pi.getId(), EscalationVariables.ESCALATION_MAILS.name());
  }

  static void clock(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  static Date utc(String instant) {
    return Date.from(Instant.parse(instant));
  }
}
