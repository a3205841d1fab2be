package com.octoacme.support.sla;

import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.notification.NotificationKind;
import com.octoacme.support.notification.NotificationRepository;
import com.octoacme.support.notification.OutboxNotification;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.ProcessTest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * No SLA warning is lost after a backlog. An L2 escalation entered Mon 10:30 Berlin has its response
 * warning due Mon 16:30 and its breach Tue 10:30 (see SlaClockProcessTest). The engine comes back Tue
 * 11:00 (after an outage): both timers are overdue, and the job executor takes the due jobs as it does,
 * highest priority first (breach 100, warning 50). Each clock then has exactly one of SLA_WARNING and
 * SLA_WARNING_SKIPPED, and the breach mail says why no warning came.
 */
@ProcessTest
class SlaBacklogTest {

  static final Instant ENTERED = Instant.parse("2026-11-23T09:30:00Z");
  static final Instant RESPONSE_DUE = Instant.parse("2026-11-24T09:30:00Z");
  static final Instant RESPONSE_WARNING = Instant.parse("2026-11-23T15:30:00Z");
  static final Instant BACK_AFTER_OUTAGE = Instant.parse("2026-11-24T10:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired EscalationEventRepository events;
  @Autowired NotificationRepository outbox;
  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new EscalationDriver(engine);
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T09:00:00Z")));
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
  }

  @Test
  void bothTimersOverdueAtOnce_theBreachRecordsTheWarningAsSkipped_andItsMailSaysSo() {
    ProcessInstance pi = atLevel2EnteredAt(ENTERED);
    ClockUtil.setCurrentTime(Date.from(BACK_AFTER_OUTAGE));
    List<Job> due = dueJobsByPriority(pi);
    assertThat(due).as("both timers overdue (and the customer update's)").hasSizeGreaterThanOrEqualTo(2);
    assertThat(due.get(0).getPriority()).as("the breach first").isGreaterThan(due.get(1).getPriority());

    runDueJobsAsTheJobExecutorDoes(pi);

    assertThat(ofClock(EscalationEvent.Type.RESPONSE_SLA_BREACHED, pi)).hasSize(1);
    assertThat(ofClock(EscalationEvent.Type.SLA_WARNING, pi)).as("the warning never ran").isEmpty();
    assertThat(ofClock(EscalationEvent.Type.SLA_WARNING_SKIPPED, pi)).singleElement().satisfies(skipped -> {
      assertThat(skipped.getDetail()).startsWith("RESPONSE warning skipped: it was due " + RESPONSE_WARNING)
          .contains("had not run when the breach fired at " + BACK_AFTER_OUTAGE)
          .contains("both were overdue at once after a backlog");
      assertThat(skipped.getActor()).isEqualTo("sla-clock");
    });
    OutboxNotification mail = breachMail(pi);
    assertThat(mail.getTextBody()).contains("No warning came before this breach: it was due " + RESPONSE_WARNING
        + " but had not run when the breach fired at " + BACK_AFTER_OUTAGE);
    assertThat(mail.getHtmlBody()).contains("<strong>No warning came before this breach:</strong> it was due");
  }

  @Test
  void theWarningTimerFiredButItsStepHadNotRun_whenTheBreachCame_stillExactlyOneOfWarningOrSkipped() {
    ProcessInstance pi = atLevel2EnteredAt(ENTERED);
    ClockUtil.setCurrentTime(Date.from(BACK_AFTER_OUTAGE));
    List<Job> due = dueJobsByPriority(pi);
    Job breach = due.get(0);
    Job warning = due.stream().filter(job -> job.getDuedate().toInstant().equals(RESPONSE_WARNING)).findFirst().orElseThrow();
    management.executeJob(warning.getId()); // the warning timer: its "Warn of response breach" step is queued
    management.executeJob(breach.getId()); // the breach, before that step

    runDueJobsAsTheJobExecutorDoes(pi); // now the queued warning step and the breach's follow-ups

    assertThat(ofClock(EscalationEvent.Type.RESPONSE_SLA_BREACHED, pi)).hasSize(1);
    assertThat(ofClock(EscalationEvent.Type.SLA_WARNING, pi)).as("no warning after its breach").isEmpty();
    assertThat(ofClock(EscalationEvent.Type.SLA_WARNING_SKIPPED, pi)).hasSize(1);
    assertThat(outbox.findByTicketIdOrderByIdAsc(pi.getBusinessKey())).extracting(OutboxNotification::getKind)
        .doesNotContain(NotificationKind.SLA_WARNING);
  }

  @Test
  void onTime_theWarningComesBeforeTheBreach_andNothingIsSkipped() {
    ProcessInstance pi = atLevel2EnteredAt(ENTERED);
    ClockUtil.setCurrentTime(Date.from(RESPONSE_WARNING.plusSeconds(1)));
    runDueJobsAsTheJobExecutorDoes(pi);
    ClockUtil.setCurrentTime(Date.from(RESPONSE_DUE.plusSeconds(1)));
    runDueJobsAsTheJobExecutorDoes(pi);

    assertThat(ofClock(EscalationEvent.Type.SLA_WARNING, pi)).hasSize(1);
    assertThat(ofClock(EscalationEvent.Type.RESPONSE_SLA_BREACHED, pi)).hasSize(1);
    assertThat(ofClock(EscalationEvent.Type.SLA_WARNING_SKIPPED, pi)).isEmpty();
    assertThat(breachMail(pi).getTextBody()).doesNotContain("No warning came");
  }

  /** An L2 escalation requested at the instant: its clocks start then (review and checklist count against them). */
  private ProcessInstance atLevel2EnteredAt(Instant enteredAt) {
    ClockUtil.setCurrentTime(Date.from(enteredAt));
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    return pi;
  }

  /** What the job executor would acquire now: due jobs, highest priority first, then the longest overdue. */
  private List<Job> dueJobsByPriority(ProcessInstance pi) {
    return management.createJobQuery().processInstanceId(pi.getId()).executable().orderByJobPriority().desc()
        .orderByJobDuedate().asc().list();
  }

  private void runDueJobsAsTheJobExecutorDoes(ProcessInstance pi) {
    for (int round = 0; round < 20; round++) {
      List<Job> due = dueJobsByPriority(pi);
      if (due.isEmpty()) {
        return;
      }
      management.executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs keep coming");
  }

  /** The events of the L2 response clock (due Tue 10:30). */
  private List<EscalationEvent> ofClock(EscalationEvent.Type type, ProcessInstance pi) {
    return events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), type).stream()
        .filter(e -> RESPONSE_DUE.equals(e.getDueAt())).toList();
  }

  private OutboxNotification breachMail(ProcessInstance pi) {
    return outbox.findByTicketIdOrderByIdAsc(pi.getBusinessKey()).stream()
        .filter(n -> n.getKind() == NotificationKind.SLA_BREACH).findFirst().orElseThrow();
  }
}
