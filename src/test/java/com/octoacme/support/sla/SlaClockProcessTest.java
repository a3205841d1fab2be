package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SLA clocks end to end under a controlled engine clock, on the application's calendar
 * (Europe/Berlin, Mon-Fri 09:00-17:00, Berlin holidays, closures 24 and 31 December) and
 * bpmn/sla-policy.dmn. Instants are UTC; Berlin is UTC+1 in winter. Expected values are worked
 * out by hand in the comments.
 */
@ProcessTest
class SlaClockProcessTest {

  /** Monday 2026-11-23, 10:00 in Berlin. */
  static final Instant MONDAY_10_00 = Instant.parse("2026-11-23T09:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired EscalationEventRepository events;
  @Autowired SlaCalendarProperties calendarProperties;
  @Autowired SlaPolicies policies;
  @Autowired EscalationHistory history;
  @Autowired TransactionTemplate transaction;
  @Autowired TestRestTemplate rest;
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
  void theSlaPolicyOfEachLevelIsTheTemplates() {
    assertThat(policies.of("L1")).isEqualTo(new SlaPolicy(SlaPolicy.Target.parse("PT4H"),
        SlaPolicy.Target.parse("P2D"), CalendarKind.BUSINESS_HOURS, 0.75, SlaPolicy.BreachAction.ESCALATE));
    assertThat(policies.of("L2")).isEqualTo(new SlaPolicy(SlaPolicy.Target.parse("P1D"),
        SlaPolicy.Target.parse("P5D"), CalendarKind.BUSINESS_HOURS, 0.75, SlaPolicy.BreachAction.ESCALATE));
    assertThat(policies.of("L3")).isEqualTo(new SlaPolicy(SlaPolicy.Target.parse("PT2H"),
        SlaPolicy.Target.parse("END_OF_DAY"), CalendarKind.ALWAYS, 0.75, SlaPolicy.BreachAction.ESCALATE));
    assertThat(policies.of("L4")).isEqualTo(new SlaPolicy(SlaPolicy.Target.parse("PT15M"),
        SlaPolicy.Target.parse("PT1H"), CalendarKind.ALWAYS, 0.75, SlaPolicy.BreachAction.INFORM_LEAD));
  }

  @Test
  void level2_dueAndFollowUpDatesRunOnBusinessHours() {
    ProcessInstance pi = atLevel2RequestedAt(Instant.parse("2026-11-23T09:30:00Z")); // Mon 10:30 Berlin

    // response 1 business day: Tue 10:30; warning at 75% of its 8 business hours = 6 h: Mon 16:30
    Task acknowledge = driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(acknowledge.getDueDate()).isEqualTo(utc("2026-11-24T09:30:00Z"));
    assertThat(acknowledge.getFollowUpDate()).isEqualTo(utc("2026-11-23T15:30:00Z"));
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED).getDuedate()).isEqualTo(utc("2026-11-24T09:30:00Z"));
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_RESPONSE_SLA_WARNING).getDuedate()).isEqualTo(utc("2026-11-23T15:30:00Z"));

    // resolution 5 business days: next Monday 10:30; warning after 30 of 40 business hours:
    // Mon 6.5 h + Tue 8 + Wed 8 + Thu 7.5 -> Thu 16:30
    driver.acknowledge(pi, "erin.engineer");
    Task resolve = driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION);
    assertThat(resolve.getDueDate()).isEqualTo(utc("2026-11-30T09:30:00Z"));
    assertThat(resolve.getFollowUpDate()).isEqualTo(utc("2026-11-26T15:30:00Z"));
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_RESOLUTION_SLA_BREACHED).getDuedate()).isEqualTo(utc("2026-11-30T09:30:00Z"));
  }

  @Test
  void level1_skipsAClosureAHolidayAndAWeekend() {
    clock(Instant.parse("2026-12-23T15:00:00Z")); // Wed 16:00 Berlin
    ProcessInstance pi = driver.start(request("HOW_TO_QUESTION", "FREE", "LOW", 1));
    driver.reviewLevel(pi, null, null);

    // 4 business hours: 1 h on Wed; Thu 24 closed (company), Fri 25 holiday, weekend; 3 h on Mon 28 -> 12:00
    assertThat(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getDueDate()).isEqualTo(utc("2026-12-28T11:00:00Z"));
    // 2 business days: the same time on the next two working days, Mon 28 and Tue 29 -> Tue 16:00
    assertThat(runtime.getVariable(pi.getId(), RESOLUTION_DUE_AT.name())).isEqualTo(utc("2026-12-29T15:00:00Z"));
  }

  @Test
  void anAccountsOwnTimeZoneCountsItsOwnBusinessHours() {
    var tokyo = request("HOW_TO_QUESTION", "FREE", "LOW", 1);
    tokyo.put(ACCOUNT_TIME_ZONE.name(), "Asia/Tokyo");
    ProcessInstance pi = driver.start(tokyo); // Mon 18:00 in Tokyo: after hours there
    driver.reviewLevel(pi, null, null);

    // Tokyo opens Tue 09:00 (00:00 UTC); + 4 business hours -> Tue 13:00 Tokyo
    assertThat(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getDueDate()).isEqualTo(utc("2026-11-24T04:00:00Z"));
  }

  @Test
  void level3_isResolvedByTheEndOfTheSameDayAroundTheClock() {
    ProcessInstance pi = driver.start(request("PRODUCTION_OUTAGE", "PRO", "HIGH", 50));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());

    // 2 hours, 24x7 -> 11:00 UTC; end of the day in Berlin -> midnight, 23:00 UTC
    assertThat(runtime.getVariable(pi.getId(), RESPONSE_DUE_AT.name())).isEqualTo(utc("2026-11-23T11:00:00Z"));
    assertThat(runtime.getVariable(pi.getId(), RESOLUTION_DUE_AT.name())).isEqualTo(utc("2026-11-23T23:00:00Z"));
  }

  @Test
  void aWarningGoesToTheGroupOrTheAssigneeAndInterruptsNothing() {
    ProcessInstance pi = atLevel2RequestedAt(Instant.parse("2026-11-23T09:30:00Z"));
    clock(Instant.parse("2026-11-23T15:30:00Z"));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESPONSE_SLA_WARNING);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_WARN_OF_RESPONSE_BREACH);

    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).hasPassed(EscalationModel.END_EVENT_RESPONSE_WARNED);
    assertThat(warnings(pi)).singleElement().satisfies(e -> {
      assertThat(e.getDetail()).contains("RESPONSE").contains("group:engineering");
      assertThat(e.getDueAt()).isEqualTo(Instant.parse("2026-11-24T09:30:00Z"));
    });

    driver.acknowledge(pi, "erin.engineer");
    engine.getTaskService().claim(driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION).getId(), "erin.engineer");
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESOLUTION_SLA_WARNING);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_WARN_OF_RESOLUTION_BREACH);
    assertThat(pi).isWaitingAt(EscalationModel.TASK_RESOLVE_ESCALATION);
    assertThat(warnings(pi)).hasSize(2).last().satisfies(e ->
        assertThat(e.getDetail()).contains("RESOLUTION").contains("user:erin.engineer"));
  }

  @Test
  void waitingForTheCustomerStopsTheResolutionClockAndAReplyResumesItWithTheTimeLeft() {
    ProcessInstance pi = atLevel2RequestedAt(Instant.parse("2026-11-23T09:30:00Z")); // resolution due Mon 30 10:30
    driver.acknowledge(pi, "erin.engineer");
    clock(Instant.parse("2026-11-24T10:30:00Z")); // Tue 11:30 Berlin
    driver.resolve(pi, "erin.engineer", "WAITING_FOR_CUSTOMER", "Asked for the HAR file of a failing checkout");

    // left: Tue 5.5 h + Wed 8 + Thu 8 + Fri 8 + Mon 1.5 = 31 business hours
    assertThat(pi).isWaitingAt(EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY).isNotWaitingAt(EscalationModel.TASK_RESOLVE_ESCALATION);
    assertThat(runtime.getVariable(pi.getId(), RESOLUTION_REMAINING_SECONDS.name())).isEqualTo(Duration.ofHours(31).toSeconds());
    assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().activityId(EscalationModel.TIMER_RESOLUTION_SLA_BREACHED)
        .count()).as("no resolution timer while paused").isZero();
    assertThat(driver.candidateGroups(driver.single(pi, EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY))).containsExactly("engineering");

    clock(Instant.parse("2026-11-26T13:00:00Z")); // Thu 14:00 Berlin: the customer replies through the ticketing system
    runtime.createMessageCorrelation(EscalationModel.MESSAGE_CUSTOMER_REPLIED).processInstanceBusinessKey(pi.getBusinessKey()).correlate();

    // 31 h from Thu 14:00: Thu 3 + Fri 8 + Mon 8 + Tue 8 + Wed 4 -> Wed 2 Dec 13:00;
    // warning when 25% of 40 h (10 h) are left: 21 h from Thu 14:00 -> Tue 1 Dec 11:00
    assertThat(pi).hasPassed(EscalationModel.EVENT_CUSTOMER_REPLIED, EscalationModel.TASK_RESUME_RESOLUTION_CLOCK).isWaitingAt(EscalationModel.TASK_RESOLVE_ESCALATION);
    Task resolve = driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION);
    assertThat(resolve.getDueDate()).isEqualTo(utc("2026-12-02T12:00:00Z"));
    assertThat(resolve.getFollowUpDate()).isEqualTo(utc("2026-12-01T10:00:00Z"));
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_RESOLUTION_SLA_BREACHED).getDuedate()).isEqualTo(utc("2026-12-02T12:00:00Z"));
    assertThat(runtime.getVariable(pi.getId(), LEVEL_OUTCOME.name())).as("the resolve form opens empty").isNull();
    assertThat(eventTypes(pi)).containsSubsequence(EscalationEvent.Type.RESOLUTION_CLOCK_PAUSED,
        EscalationEvent.Type.RESOLUTION_CLOCK_RESUMED);

    // and the breach, when it comes, is measured against the moved due instant
    clock(Instant.parse("2026-12-02T12:00:01Z"));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESOLUTION_SLA_BREACHED);
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.RESOLUTION_SLA_BREACHED))
        .singleElement().satisfies(e -> assertThat(e.getDueAt()).isEqualTo(Instant.parse("2026-12-02T12:00:00Z")));
  }

  @Test
  void anAgentCanRecordTheCustomersReplyInTasklist() {
    ProcessInstance pi = atLevel2RequestedAt(Instant.parse("2026-11-23T09:30:00Z"));
    driver.acknowledge(pi, "erin.engineer");
    clock(Instant.parse("2026-11-23T15:00:00Z")); // Mon 16:00: Mon 1 + Tue-Fri 32 + Mon 1.5 = 34.5 business hours left
    driver.resolve(pi, "erin.engineer", "WAITING_FOR_CUSTOMER", "Asked which browser they use");
    clock(Instant.parse("2026-11-24T08:00:00Z")); // Tue 09:00
    driver.complete(driver.single(pi, EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY), "erin.engineer",
        Map.of(CUSTOMER_REPLY_SUMMARY.name(), "Chrome 120 on Windows"));

    // 34.5 h from Tue 09:00: Tue 8 + Wed 8 + Thu 8 + Fri 8 + Mon 2.5 -> Mon 30 11:30 Berlin
    assertThat(pi).hasNotPassed(EscalationModel.EVENT_CUSTOMER_REPLIED).isWaitingAt(EscalationModel.TASK_RESOLVE_ESCALATION);
    assertThat(driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION).getDueDate()).isEqualTo(utc("2026-11-30T10:30:00Z"));
  }

  @Test
  void aCalendarChangeMovesTheTimersAndDueDatesOfRunningEscalations() {
    clock(Instant.parse("2026-12-22T14:00:00Z")); // Tue 15:00 Berlin
    ProcessInstance pi = driver.start(request("BASIC_CONFIGURATION", "FREE", "LOW", 1));
    driver.reviewLevel(pi, null, null);
    // today's calendar: 4 h -> Wed 23 11:00; 2 business days -> Mon 28 15:00 (24 closed, 25 holiday)
    assertThat(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getDueDate()).isEqualTo(utc("2026-12-23T10:00:00Z"));

    // The company closes on 23 December too: recalculate with that calendar.
    List<LocalDate> closures = new ArrayList<>(calendarProperties.closures());
    closures.add(LocalDate.parse("2026-12-23"));
    BusinessCalendar changed = new BusinessCalendar(new SlaCalendarProperties(calendarProperties.timeZone(),
        calendarProperties.workingHours(), calendarProperties.holidays(), closures));
    SlaRecalculation recalculation = new SlaRecalculation(new SlaClock(policies, changed), runtime, management,
        engine.getTaskService(), history, transaction);
    recalculation.recalculateRunningEscalations();

    // now: 2 h on Tue, then Mon 28 09:00 + 2 h -> 11:00; warning at 3 h -> Mon 10:00;
    // 2 business days from Tue 15:00 -> Mon 28 15:00, Tue 29 15:00
    Task acknowledge = driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(acknowledge.getDueDate()).isEqualTo(utc("2026-12-28T10:00:00Z"));
    assertThat(acknowledge.getFollowUpDate()).isEqualTo(utc("2026-12-28T09:00:00Z"));
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED).getDuedate()).isEqualTo(utc("2026-12-28T10:00:00Z"));
    assertThat(Jobs.jobAt(management, pi, EscalationModel.TIMER_RESPONSE_SLA_WARNING).getDuedate()).isEqualTo(utc("2026-12-28T09:00:00Z"));
    assertThat(runtime.getVariable(pi.getId(), RESOLUTION_DUE_AT.name())).isEqualTo(utc("2026-12-29T14:00:00Z"));
    assertThat(eventTypes(pi)).contains(EscalationEvent.Type.SLA_RECALCULATED);

    // the documented operation answers with what it did
    ResponseEntity<Map> response = rest.postForEntity("/api/operations/sla/recalculate", null, Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(((Number) response.getBody().get("escalations")).intValue()).isPositive();
    // back on the application's calendar, the escalation's instants return to what they were
    assertThat(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getDueDate()).isEqualTo(utc("2026-12-23T10:00:00Z"));
  }

  /** An L2 escalation requested at the instant (its clocks start then), reviewed and its checklist done a little later. */
  ProcessInstance atLevel2RequestedAt(Instant requestedAt) {
    clock(requestedAt);
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    clock(requestedAt.plus(Duration.ofMinutes(10)));
    driver.reviewLevel(pi, null, null);
    clock(requestedAt.plus(Duration.ofMinutes(20)));
    driver.completeChecklist(pi, Map.of());
    return pi;
  }

  List<EscalationEvent> warnings(ProcessInstance pi) {
    return events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.SLA_WARNING);
  }

  List<EscalationEvent.Type> eventTypes(ProcessInstance pi) {
    return events.findByTicketIdOrderByIdAsc(pi.getBusinessKey()).stream().map(EscalationEvent::getType).toList();
  }

  static void clock(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  static Date utc(String instant) {
    return Date.from(Instant.parse(instant));
  }
}
