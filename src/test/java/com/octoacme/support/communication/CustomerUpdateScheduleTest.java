package com.octoacme.support.communication;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.octoacme.support.notification.NotificationKind;
import com.octoacme.support.notification.NotificationRepository;
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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The communication plan kept by the process, under a controlled clock: updates fall due at the
 * plan's instants, each completed update e-mails the customer and re-arms the timer, an overdue one
 * is flagged, and nothing is due after the resolution. The process ticks the During Escalation items
 * it does itself.
 */
@ProcessTest
class CustomerUpdateScheduleTest {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired NotificationRepository outbox;
  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new EscalationDriver(engine);
    clock(NOW);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
  }

  @Test
  void threeUpdatesFallDueAtThePlansInstantsAnOverdueOneIsFlaggedAndNoneAfterResolution() {
    Map<String, Object> request = request("CONFIRMED_BUG", "PRO", "MEDIUM", 40);
    request.put(UPDATE_FREQUENCY.name(), "EVERY_4_HOURS");
    request.put(NEXT_UPDATE_DUE.name(), "2026-11-23T12:00:00Z");
    request.put(POINT_OF_CONTACT.name(), "sam.support");
    ProcessInstance pi = driver.start(request);
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());

    // Leaving Support: the customer hears that the issue was escalated; the update timer is armed.
    assertThat(kinds(pi)).contains(NotificationKind.ENGINEERING_ESCALATION);
    assertThat(updatesTo(pi, "jane.doe@globex.example")).hasSize(1);
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_CUSTOMER_UPDATE_DUE).getDuedate()).isEqualTo(utc("2026-11-23T12:00:00Z"));

    // 1st update: due at 12:00, sent at 12:10 -> next due 16:10
    Task first = updateDueAt(pi, "2026-11-23T12:00:00Z");
    assertThat(first.getAssignee()).isEqualTo("sam.support");
    sendUpdate(pi, first, "2026-11-23T12:10:00Z", "UNDER_INVESTIGATION");
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_CUSTOMER_UPDATE_DUE).getDuedate()).isEqualTo(utc("2026-11-23T16:10:00Z"));
    assertThat(runtime.getVariable(pi.getId(), NEXT_UPDATE_DUE.name())).isEqualTo(utc("2026-11-23T16:10:00Z"));

    // 2nd update: due at 16:10, sent at 16:20 -> next due 20:20
    sendUpdate(pi, updateDueAt(pi, "2026-11-23T16:10:00Z"), "2026-11-23T16:20:00Z", "FIX_IN_PROGRESS");

    // 3rd update: due at 20:20, not sent; an hour later it is flagged to the point of contact,
    // and the next tick of the timer adds no second task while it is open
    Task third = updateDueAt(pi, "2026-11-23T20:20:00Z");
    clock(Instant.parse("2026-11-23T21:20:00Z"));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_CUSTOMER_UPDATE_OVERDUE);
    assertThat(pi).hasPassed(EscalationModel.TASK_FLAG_OVERDUE_CUSTOMER_UPDATE);
    assertThat(kinds(pi)).contains(NotificationKind.CUSTOMER_UPDATE_OVERDUE);
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_CUSTOMER_UPDATE_DUE);
    assertThat(pi).hasPassed(EscalationModel.END_EVENT_UPDATE_ALREADY_OPEN);
    assertThat(driver.tasksAt(pi, EscalationModel.TASK_SEND_CUSTOMER_UPDATE)).hasSize(1);
    sendUpdate(pi, third, "2026-11-23T21:30:00Z", "FIX_DEPLOYED");

    assertThat(runtime.getVariable(pi.getId(), CUSTOMER_UPDATES_SENT.name())).isEqualTo(3L);
    assertThat(updatesTo(pi, "jane.doe@globex.example")).hasSize(4); // the escalation notice and three updates
    assertThat(updatesTo(pi, "jane.doe@globex.example")).extracting(OutboxNotification::getSubject)
        .allSatisfy(subject -> assertThat(subject).isEqualTo("Update on Checkout fails with HTTP 500 - Ticket #"
            + pi.getBusinessKey()));

    // Resolved: the level's work ends and with it the update timer.
    driver.acknowledge(pi, "erin.engineer");
    driver.resolve(pi, "erin.engineer", "RESOLVED", null);
    assertThat(pi).isWaitingAt(EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);
    assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId(EscalationModel.TIMER_CUSTOMER_UPDATE_DUE).count()).isZero();
    assertThat(driver.tasksAt(pi, EscalationModel.TASK_SEND_CUSTOMER_UPDATE)).isEmpty();
  }

  @Test
  void theProcessTicksTheDuringEscalationItemsItDoesItself() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    assertThat(runtime.getVariable(pi.getId(), TRACKED_AT.name())).isEqualTo(Date.from(NOW));
    clock(Instant.parse("2026-11-23T09:05:00Z"));
    driver.reviewLevel(pi, null, null);
    assertThat(runtime.getVariable(pi.getId(), ASSIGNED_AT.name())).isEqualTo(utc("2026-11-23T09:05:00Z"));
    assertThat(runtime.getVariable(pi.getId(), CUSTOMER_NOTIFIED_AT.name())).as("not before it leaves Support").isNull();
    clock(Instant.parse("2026-11-23T09:10:00Z"));
    driver.completeChecklist(pi, Map.of());

    assertThat(runtime.getVariable(pi.getId(), CUSTOMER_NOTIFIED_AT.name())).isEqualTo(utc("2026-11-23T09:10:00Z"));
    assertThat(runtime.getVariable(pi.getId(), REMINDERS_SCHEDULED_AT.name())).isEqualTo(utc("2026-11-23T09:10:00Z"));
    // without a plan of its own, L2 updates daily from now, and the opener is the point of contact
    assertThat(runtime.getVariable(pi.getId(), UPDATE_FREQUENCY.name())).isEqualTo("DAILY");
    assertThat(runtime.getVariable(pi.getId(), NEXT_UPDATE_DUE.name())).isEqualTo(utc("2026-11-24T09:10:00Z"));
    assertThat(runtime.getVariable(pi.getId(), POINT_OF_CONTACT.name())).isEqualTo("sam.support");
  }

  Task updateDueAt(ProcessInstance pi, String dueAt) {
    clock(Instant.parse(dueAt));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_CUSTOMER_UPDATE_DUE);
    Task task = driver.single(pi, EscalationModel.TASK_SEND_CUSTOMER_UPDATE);
    assertThat(task.getDueDate()).isEqualTo(utc(dueAt));
    return task;
  }

  void sendUpdate(ProcessInstance pi, Task task, String at, String status) {
    clock(Instant.parse(at));
    driver.complete(task, "sam.support", Map.of(CURRENT_STATUS.name(), status,
        WHAT_WE_FOUND.name(), "A race in the payment adapter", NEXT_STEPS.name(), "Deploy the fix",
        EXPECTED_TIMELINE.name(), "Today"));
  }

  List<NotificationKind> kinds(ProcessInstance pi) {
    return outbox.findByTicketIdOrderByIdAsc(pi.getBusinessKey()).stream().map(OutboxNotification::getKind).toList();
  }

  List<OutboxNotification> updatesTo(ProcessInstance pi, String address) {
    return outbox.findByTicketIdOrderByIdAsc(pi.getBusinessKey()).stream()
        .filter(n -> n.getKind() == NotificationKind.CUSTOMER_UPDATE && n.getRecipients().contains(address)).toList();
  }

  static void clock(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  static Date utc(String instant) {
    return Date.from(Instant.parse(instant));
  }
}
