package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static com.octoacme.support.testing.InvalidInput.assertInvalid;
import static com.octoacme.support.testing.InvalidInput.assertInvalidField;

import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import static com.octoacme.support.testing.EscalationDriver.checklist;
import static com.octoacme.support.testing.EscalationDriver.resolution;
import static com.octoacme.support.testing.EscalationDriver.afterResolutionForm;
import com.octoacme.support.testing.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One test per path through bpmn/support-escalation.bpmn, driven as Tasklist drives it: forms
 * submitted by authenticated users, timers fired at their element, async continuations run by hand.
 */
@ProcessTest
class SupportEscalationProcessTest {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired LevelChangeRepository levelChanges;
  @Autowired EscalationEventRepository events;

  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new EscalationDriver(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  // ---------------------------------------------------------------- the four levels

  @Test
  void level1_isHandledBySupportWithoutThePreEscalationChecklist() {
    ProcessInstance pi = start(request("HOW_TO_QUESTION", "FREE", "LOW", 1));
    assertThat(pi).isWaitingAt(EscalationModel.TASK_REVIEW_ESCALATION_LEVEL).variables().containsEntry("decidedLevel", "L1");
    reviewLevel(pi, null, null);

    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(candidateGroups(single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION))).containsExactly("support");
    acknowledge(pi, "sam.support");
    resolve(pi, "sam.support", "RESOLVED", null);
    assertThat(candidateGroups(single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST))).containsExactly("support");
    afterResolution(pi, 4);

    // L1's policy needs no checklist and mails no handlers: the model routes around both, and the customer
    // is not told of an escalation that never left Support.
    assertThat(pi).isEnded().hasNotPassed(EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST, EscalationModel.TASK_ESCALATE_LEVEL,
        EscalationModel.TASK_RECORD_RESPONSE_BREACH, EscalationModel.TASK_RECORD_RESOLUTION_BREACH, EscalationModel.TASK_NOTIFY_HANDLER_GROUP,
        EscalationModel.TASK_TELL_CUSTOMER_OF_ESCALATION).hasPassed(EscalationModel.GATEWAY_MAIL_HANDLERS, EscalationModel.GATEWAY_TELL_CUSTOMER_OF_ESCALATION);
    assertThat(pi).hasPassedInOrder(EscalationModel.TASK_VALIDATE_ESCALATION_REQUEST, EscalationModel.TASK_DECIDE_ESCALATION_LEVEL,
        EscalationModel.TASK_REVIEW_ESCALATION_LEVEL, EscalationModel.TASK_RECORD_LEVEL_DECISION, EscalationModel.TASK_START_SLA_CLOCKS, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION,
        EscalationModel.TASK_RESOLVE_ESCALATION, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST, EscalationModel.TASK_CLOSE_ESCALATION, EscalationModel.END_EVENT_ESCALATION_CLOSED);
    assertThat(eventTypes(pi)).containsExactly(EscalationEvent.Type.OPENED, EscalationEvent.Type.FIRST_RESPONSE,
        EscalationEvent.Type.RESOLVED, EscalationEvent.Type.CLOSED);
    List<LevelChange> changes = levelChanges.findByTicketIdOrderByIdAsc(pi.getBusinessKey());
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.getKind()).isEqualTo(LevelChange.Kind.DECIDED);
      assertThat(c.getToLevel()).isEqualTo("L1");
      assertThat(c.getChangedBy()).isEqualTo("sam.support");
      assertThat(c.getChangedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void level2_goesToEngineeringThroughThePreEscalationChecklist() {
    ProcessInstance pi = start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    reviewLevel(pi, null, null);

    assertThat(pi).isWaitingAt(EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST);
    assertThat(candidateGroups(single(pi, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST))).containsExactly("support");
    completeChecklist(pi, Map.of());

    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).variables().containsEntry(ESCALATION_LEVEL.name(), "L2")
        .containsEntry(ASSIGNED_TO.name(), "engineering");
    assertThat(candidateGroups(single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION))).containsExactly("engineering");
    acknowledge(pi, "erin.engineer");
    assertThat(candidateGroups(single(pi, EscalationModel.TASK_RESOLVE_ESCALATION))).containsExactly("engineering");
    resolve(pi, "erin.engineer", "RESOLVED", null);
    afterResolution(pi, 5);

    assertThat(pi).isEnded().hasPassed(EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST, EscalationModel.TASK_TELL_CUSTOMER_OF_ESCALATION,
        EscalationModel.TASK_NOTIFY_HANDLER_GROUP);
    assertThat(historicVariable(pi, CSAT_SCORE.name())).isEqualTo(5L);
  }

  @Test
  void level3_isActedOnByBothEngineeringLeadAndProductManager() {
    ProcessInstance pi = start(request("PRODUCTION_OUTAGE", "PRO", "HIGH", 200));
    reviewLevel(pi, null, null);
    completeChecklist(pi, Map.of());

    List<Task> acknowledgements = tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(acknowledgements).hasSize(2);
    assertThat(acknowledgements.stream().flatMap(t -> candidateGroups(t).stream()))
        .containsExactlyInAnyOrder("engineering-leads", "product-managers");

    Task technicalOwner = acknowledgements.stream().filter(t -> candidateGroups(t).contains("engineering-leads"))
        .findFirst().orElseThrow();
    complete(technicalOwner, "lee.lead", Map.of(INITIAL_ASSESSMENT.name(), "Rolling back the release"));
    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).isNotWaitingAt(EscalationModel.TASK_RESOLVE_ESCALATION);
    complete(tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).get(0), "pat.pm", Map.of(INITIAL_ASSESSMENT.name(), "Customers informed"));

    assertThat(candidateGroups(single(pi, EscalationModel.TASK_RESOLVE_ESCALATION)))
        .containsExactlyInAnyOrder("engineering-leads", "product-managers");
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.FIRST_RESPONSE))
        .extracting(EscalationEvent::getActor).containsExactly("lee.lead", "pat.pm");
    resolve(pi, "lee.lead", "RESOLVED", null);
    afterResolution(pi, 3);
    assertThat(pi).isEnded();
  }

  @Test
  void level4_isHandledByExecutivesAndEndsWithAnActionPlan() {
    ProcessInstance pi = start(request("LEGAL_OR_COMPLIANCE", "ENTERPRISE", "HIGH", 5));
    reviewLevel(pi, null, null);
    completeChecklist(pi, Map.of());
    assertThat(candidateGroups(single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION))).containsExactly("executives");
    acknowledge(pi, "vic.vp");

    Task resolveTask = single(pi, EscalationModel.TASK_RESOLVE_ESCALATION);
    assertInvalid(() -> complete(resolveTask, "vic.vp", resolution("RESOLVED", null))).hasMessageContaining(ACTION_PLAN.name());
    Map<String, Object> withPlan = resolution("RESOLVED", null);
    withPlan.put(ACTION_PLAN.name(), "Legal reviews the contract today; CTO calls the customer at 14:00");
    complete(resolveTask, "vic.vp", withPlan);

    afterResolution(pi, 4);
    assertThat(pi).isEnded();
  }

  // ---------------------------------------------------------------- checklist, override

  @Test
  void preEscalationChecklist_acceptsAWaiverWithAReasonButNotASilentGap() {
    ProcessInstance pi = start(request("INTEGRATION_PROBLEM", "PRO", "MEDIUM", 10));
    reviewLevel(pi, null, null);
    Task checklist = single(pi, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST);

    Map<String, Object> reproducedMissing = checklist(Map.of(PreEscalationCheck.REPRODUCED.done.name(), false));
    assertInvalid(() -> complete(checklist, "sam.support", reproducedMissing))
        .hasMessageContaining("preCheckReproducedWaiver")
        .hasMessageContaining("Reproduced the issue");
    assertThat(pi).isWaitingAt(EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST);

    Map<String, Object> waived = checklist(Map.of(PreEscalationCheck.REPRODUCED.done.name(), false,
        PreEscalationCheck.REPRODUCED.waiver.name(), "Only reproducible on the customer's tenant"));
    complete(checklist, "sam.support", waived);

    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).variables()
        .containsEntry(PRE_ESCALATION_CHECKLIST_COMPLETE.name(), true)
        .containsEntry("preCheckReproducedWaiver", "Only reproducible on the customer's tenant");
  }

  @Test
  void levelOverride_needsAReasonAndIsRecorded() {
    ProcessInstance pi = start(request("HOW_TO_QUESTION", "PRO", "LOW", 1));
    Task review = single(pi, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL);
    assertInvalid(() -> complete(review, "sam.support", Map.of(PRIORITY.name(), "HIGH", LEVEL_OVERRIDE.name(), "L3"))).hasMessageContaining(LEVEL_OVERRIDE_REASON.name());

    reviewLevel(pi, "L3", "Customer is a reference account and threatens to churn");

    assertThat(pi).isWaitingAt(EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST).variables()
        .containsEntry(ESCALATION_LEVEL.name(), "L3").containsEntry(DECIDED_LEVEL.name(), "L1");
    assertThat(levelChanges.findByTicketIdOrderByIdAsc(pi.getBusinessKey())).singleElement().satisfies(c -> {
      assertThat(c.getKind()).isEqualTo(LevelChange.Kind.OVERRIDDEN);
      assertThat(c.getFromLevel()).isNull();
      assertThat(c.getToLevel()).isEqualTo("L3");
      assertThat(c.getReason()).contains("Suggested L1").contains("reference account");
      assertThat(c.getChangedBy()).isEqualTo("sam.support");
    });
  }

  // ---------------------------------------------------------------- SLAs

  @Test
  void responseBreach_isRecordedInformsTheLeadAndEscalatesAtOnce() {
    ProcessInstance pi = start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    reviewLevel(pi, null, null);
    completeChecklist(pi, Map.of());
    Date responseDue = single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).getDueDate();

    ClockUtil.setCurrentTime(new Date(responseDue.getTime() + 1_000));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);

    // The model routes on the SLA policy's breach action and the level policy's next level; informing the
    // breached level's lead runs after an async continuation, before the next level is entered.
    assertThat(pi).hasPassedInOrder(EscalationModel.TASK_RECORD_RESPONSE_BREACH, EscalationModel.GATEWAY_BREACH_ACTION, EscalationModel.GATEWAY_TOP_LEVEL_REACHED,
        EscalationModel.TASK_ESCALATE_AFTER_BREACH).hasNotPassed(EscalationModel.GATEWAY_KEEP_LEVEL).isWaitingAt(EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);

    assertThat(pi).hasPassedInOrder(EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH, EscalationModel.TASK_INFORM_OF_LEVEL_CHANGE, EscalationModel.TASK_LOOK_UP_LEVEL_POLICY)
        .hasNotPassed(EscalationModel.TASK_ESCALATE_LEVEL).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION)
        .variables().containsEntry(ESCALATION_LEVEL.name(), "L3");
    assertThat(tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).stream().flatMap(t -> candidateGroups(t).stream()))
        .containsExactlyInAnyOrder("engineering-leads", "product-managers");

    EscalationEvent breach = events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(),
        EscalationEvent.Type.RESPONSE_SLA_BREACHED).get(0);
    assertThat(breach.getLevel()).isEqualTo("L2");
    assertThat(breach.getDueAt()).isEqualTo(responseDue.toInstant());
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.LEAD_INFORMED))
        .singleElement().satisfies(e -> assertThat(e.getDetail()).startsWith("Informed engineering-leads"));
    assertThat(levelChanges.findByTicketIdOrderByIdAsc(pi.getBusinessKey())).last().satisfies(c -> {
      assertThat(c.getKind()).isEqualTo(LevelChange.Kind.SLA_BREACH);
      assertThat(c.getFromLevel()).isEqualTo("L2");
      assertThat(c.getToLevel()).isEqualTo("L3");
      assertThat(c.getChangedBy()).isEqualTo(Actors.SLA_CLOCK);
      assertThat(c.getReason()).contains("Response time of L2 exceeded");
    });
    // The new level's clocks start at the breach.
    assertThat(single(pi, EscalationModel.TASK_RESOLVE_ESCALATION, 0)).isNull();
    assertThat(tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).get(0).getDueDate())
        .isEqualTo(new Date(responseDue.getTime() + 1_000 + Duration.ofHours(2).toMillis()));
  }

  @Test
  void responseBreachAtLevel1_leavesSupportThroughThePreEscalationChecklist() {
    ProcessInstance pi = start(request("ACCOUNT_BILLING", "FREE", "LOW", 1));
    reviewLevel(pi, null, null);
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);

    assertThat(pi).isWaitingAt(EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST).variables().containsEntry(ESCALATION_LEVEL.name(), "L2");
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.LEAD_INFORMED))
        .singleElement().satisfies(e -> assertThat(e.getDetail()).startsWith("Informed support"));
  }

  @Test
  void resolutionBreach_isRecordedAndEscalates() {
    ProcessInstance pi = start(request("SEVERE_PERFORMANCE_DEGRADATION", "PRO", "HIGH", 300));
    reviewLevel(pi, null, null);
    completeChecklist(pi, Map.of());
    driver.acknowledgeAsHandlers(pi);

    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESOLUTION_SLA_BREACHED);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);

    assertThat(pi).hasPassed(EscalationModel.TASK_RECORD_RESOLUTION_BREACH).hasNotPassed(EscalationModel.TASK_RECORD_RESPONSE_BREACH)
        .isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).variables().containsEntry(ESCALATION_LEVEL.name(), "L4");
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.RESOLUTION_SLA_BREACHED))
        .singleElement().satisfies(e -> assertThat(e.getLevel()).isEqualTo("L3"));
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.LEAD_INFORMED))
        .singleElement().satisfies(e -> assertThat(e.getDetail()).startsWith("Informed executives"));
  }

  @Test
  void breachAtLevel4_staysAtLevel4WithFreshClocks() {
    ProcessInstance pi = start(request("MAJOR_BRAND_RISK", "ENTERPRISE", "HIGH", 1));
    reviewLevel(pi, null, null);
    completeChecklist(pi, Map.of());
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    // L4's breach action informs the lead (and its policy has no next level either): the level is kept.
    assertThat(pi).hasPassed(EscalationModel.GATEWAY_BREACH_ACTION, EscalationModel.GATEWAY_KEEP_LEVEL, EscalationModel.TASK_RESTART_LEVEL_CLOCKS)
        .hasNotPassed(EscalationModel.GATEWAY_TOP_LEVEL_REACHED, EscalationModel.TASK_ESCALATE_AFTER_BREACH).isWaitingAt(EscalationModel.TASK_INFORM_LEAD_OF_KEPT_BREACH);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_INFORM_LEAD_OF_KEPT_BREACH);

    assertThat(pi).hasNotPassed(EscalationModel.TASK_INFORM_OF_LEVEL_CHANGE).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION)
        .variables().containsEntry(ESCALATION_LEVEL.name(), "L4");
    assertThat(levelChanges.findByTicketIdOrderByIdAsc(pi.getBusinessKey())).last().satisfies(c -> {
      assertThat(c.getFromLevel()).isEqualTo("L4");
      assertThat(c.getToLevel()).isEqualTo("L4");
      assertThat(c.getKind()).isEqualTo(LevelChange.Kind.SLA_BREACH);
    });
  }

  // ---------------------------------------------------------------- manual level changes

  @Test
  void manualEscalationAndHandBack_areKeptWithWhoWhenAndWhy() {
    ProcessInstance pi = start(request("DATA_INCONSISTENCY", "PRO", "MEDIUM", 12));
    reviewLevel(pi, null, null);
    completeChecklist(pi, Map.of());
    acknowledge(pi, "erin.engineer");

    Task resolveAtL2 = single(pi, EscalationModel.TASK_RESOLVE_ESCALATION);
    assertInvalid(() -> complete(resolveAtL2, "erin.engineer", resolution("ESCALATE", " "))).hasMessageContaining(LEVEL_CHANGE_REASON.name());
    Instant escalatedAt = NOW.plus(Duration.ofHours(3));
    ClockUtil.setCurrentTime(Date.from(escalatedAt));
    resolve(pi, "erin.engineer", "ESCALATE", "Data of other tenants affected too");

    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).variables().containsEntry(ESCALATION_LEVEL.name(), "L3");
    // the next level's resolve form starts empty
    assertThat(runtime.getVariable(pi.getId(), LEVEL_OUTCOME.name())).isNull();
    driver.acknowledgeAsHandlers(pi);
    resolve(pi, "lee.lead", "HAND_BACK", "Single-tenant issue after all; engineering owns it");

    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).variables().containsEntry(ESCALATION_LEVEL.name(), "L2");
    assertThat(pi).hasNotPassed(EscalationModel.TASK_RECORD_RESPONSE_BREACH);
    List<LevelChange> changes = levelChanges.findByTicketIdOrderByIdAsc(pi.getBusinessKey());
    assertThat(changes).extracting(LevelChange::getKind)
        .containsExactly(LevelChange.Kind.DECIDED, LevelChange.Kind.ESCALATED, LevelChange.Kind.HANDED_BACK);
    assertThat(changes.get(1)).satisfies(c -> {
      assertThat(c.getFromLevel()).isEqualTo("L2");
      assertThat(c.getToLevel()).isEqualTo("L3");
      assertThat(c.getChangedBy()).isEqualTo("erin.engineer");
      assertThat(c.getChangedAt()).isEqualTo(escalatedAt);
      assertThat(c.getReason()).isEqualTo("Data of other tenants affected too");
    });
    assertThat(changes.get(2)).satisfies(c -> {
      assertThat(c.getToLevel()).isEqualTo("L2");
      assertThat(c.getChangedBy()).isEqualTo("lee.lead");
    });
    // the checklist was done once; handing back and forth does not ask for it again
    assertThat(runtime.getVariable(pi.getId(), PRE_ESCALATION_CHECKLIST_COMPLETE.name())).isEqualTo(true);
  }

  @Test
  void handBackFromLevel1AndEscalationBeyondLevel4_areRefused() {
    ProcessInstance l1 = start(request("BASIC_CONFIGURATION", "FREE", "LOW", 1));
    reviewLevel(l1, null, null);
    acknowledge(l1, "sam.support");
    assertInvalid(() -> resolve(l1, "sam.support", "HAND_BACK", "nothing below")).hasMessageContaining("levelOutcome cannot be HAND_BACK at L1");

    ProcessInstance l4 = start(request("STRATEGIC_ACCOUNT_AT_RISK", "ENTERPRISE", "HIGH", 1));
    reviewLevel(l4, null, null);
    completeChecklist(l4, Map.of());
    acknowledge(l4, "vic.vp");
    assertInvalid(() -> resolve(l4, "vic.vp", "ESCALATE", "higher")).hasMessageContaining("levelOutcome cannot be ESCALATE at L4");
    assertInvalid(() -> resolve(l4, "vic.vp", "SLA_BREACHED", "not a choice")).hasMessageContaining(LEVEL_OUTCOME.name());
    assertThat(l4).isWaitingAt(EscalationModel.TASK_RESOLVE_ESCALATION);
  }

  // ---------------------------------------------------------------- after resolution

  @Test
  void afterResolution_needsEveryItemAndACsatFrom1To5() {
    ProcessInstance pi = start(request("KNOWN_ISSUE_WITH_WORKAROUND", "PRO", "LOW", 2));
    reviewLevel(pi, null, null);
    acknowledge(pi, "sam.support");
    resolve(pi, "sam.support", "RESOLVED", null);
    Task after = single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);

    Map<String, Object> csatSix = afterResolutionForm(6);
    assertInvalid(() -> complete(after, "sam.support", csatSix)).hasMessageContaining(CSAT_SCORE.name());
    Map<String, Object> learningsNotShared = afterResolutionForm(4);
    learningsNotShared.put(AfterResolutionCheck.LEARNINGS_SHARED.done.name(), false);
    assertInvalid(() -> complete(after, "sam.support", learningsNotShared)).hasMessageContaining("postCheckLearningsShared");
    Map<String, Object> noRootCause = afterResolutionForm(4);
    noRootCause.remove(ROOT_CAUSE.name());
    runtime.removeVariable(pi.getId(), ROOT_CAUSE.name());
    assertInvalid(() -> complete(after, "sam.support", noRootCause)).hasMessageContaining(ROOT_CAUSE.name());
    assertThat(pi).isWaitingAt(EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);

    complete(after, "sam.support", afterResolutionForm(1));
    assertThat(pi).isEnded();
    assertThat(historicVariable(pi, CSAT_SCORE.name())).isEqualTo(1L);
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.CLOSED))
        .singleElement().satisfies(e -> assertThat(e.getDetail()).startsWith("CSAT 1"));
  }

  // ---------------------------------------------------------------- bad input

  @Nested
  class BadInputStartsNothing {

    @Test
    void aMissingRequiredFieldIsNamed() {
      Map<String, Object> request = request("CONFIRMED_BUG", "PRO", "MEDIUM", 3);
      request.remove(CUSTOMER_NAME.name());
      assertRejected(request, CUSTOMER_NAME.name(), "customerName is required");
    }

    @Test
    void anUnknownTierIsNamed() {
      assertRejected(request("CONFIRMED_BUG", "PLATINUM", "MEDIUM", 3), ACCOUNT_TIER.name(),
          "accountTier 'PLATINUM' is not one of FREE, PRO, ENTERPRISE");
    }

    @Test
    void anUnknownUrgencyIsNamed() {
      assertRejected(request("CONFIRMED_BUG", "PRO", "CRITICAL", 3), URGENCY.name(), "urgency 'CRITICAL' is not one of");
    }

    @Test
    void anUnknownIssueTypeIsNamed() {
      assertRejected(request("COFFEE_MACHINE_BROKEN", "PRO", "LOW", 3), ISSUE_TYPE.name(), "issueType 'COFFEE_MACHINE_BROKEN'");
    }

    @Test
    void aMalformedDateOrTicketIdIsNamed() {
      Map<String, Object> badDate = request("CONFIRMED_BUG", "PRO", "LOW", 3);
      badDate.put(REPORTED_DATE.name(), "20/11/2026");
      assertRejected(badDate, REPORTED_DATE.name(), "reportedDate '20/11/2026' is not a date");
      Map<String, Object> badTicket = request("CONFIRMED_BUG", "PRO", "LOW", 3);
      badTicket.put(TICKET_ID.name(), "ticket 12");
      assertRejected(badTicket, TICKET_ID.name(), "is not a ticket ID like TICKET-12345");
    }

    @Test
    void aSecondEscalationForAnOpenTicketIsRefused() {
      Map<String, Object> request = request("CONFIRMED_BUG", "PRO", "LOW", 3);
      start(request);
      long before = runtime.createProcessInstanceQuery().count();
      assertInvalid(() -> start(request))
          .hasMessageContaining("already has an open escalation");
      assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    private void assertRejected(Map<String, Object> request, String field, String message) {
      long running = runtime.createProcessInstanceQuery().count();
      long historic = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
      assertInvalidField(() -> start(request), field).hasMessageContaining(message);
      assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(running);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(historic);
      assertThat(levelChanges.findByTicketIdOrderByIdAsc((String) request.get(TICKET_ID.name()))).isEmpty();
      assertThat(events.findByTicketIdOrderByIdAsc((String) request.get(TICKET_ID.name()))).isEmpty();
    }
  }

  @Test
  void theTicketIdIsTheBusinessKeyAndDatesAndNumbersAreTyped() {
    Map<String, Object> request = request("CONFIRMED_BUG", "PRO", "LOW", 3);
    request.put(ACCOUNT_VALUE.name(), 120000);
    request.put(NEXT_UPDATE_DUE.name(), "2026-11-24T14:00+01:00");
    ProcessInstance pi = start(request);

    assertThat(pi.getBusinessKey()).isEqualTo(request.get(TICKET_ID.name()));
    Map<String, Object> variables = runtime.getVariables(pi.getId());
    assertThat(variables.get(REPORTED_DATE.name())).isInstanceOf(Date.class);
    assertThat(variables.get(USERS_AFFECTED.name())).isEqualTo(3L);
    assertThat(variables.get(ACCOUNT_VALUE.name())).isEqualTo(120000.0);
    assertThat(variables.get(NEXT_UPDATE_DUE.name())).isEqualTo(Date.from(Instant.parse("2026-11-24T13:00:00Z")));
  }

  // ---------------------------------------------------------------- helpers

  ProcessInstance start(Map<String, Object> request) { return driver.start(request); }
  void reviewLevel(ProcessInstance pi, String override, String reason) { driver.reviewLevel(pi, override, reason); }
  void completeChecklist(ProcessInstance pi, Map<String, Object> changes) { driver.completeChecklist(pi, changes); }
  void acknowledge(ProcessInstance pi, String user) { driver.acknowledge(pi, user); }
  void resolve(ProcessInstance pi, String user, String outcome, String reason) { driver.resolve(pi, user, outcome, reason); }
  void afterResolution(ProcessInstance pi, int csat) { driver.afterResolution(pi, csat); }
  void complete(Task task, String user, Map<String, Object> form) { driver.complete(task, user, form); }
  Task single(ProcessInstance pi, String activityId) { return driver.single(pi, activityId); }
  List<Task> tasksAt(ProcessInstance pi, String activityId) { return driver.tasksAt(pi, activityId); }
  List<String> candidateGroups(Task task) { return driver.candidateGroups(task); }

  Task single(ProcessInstance pi, String activityId, int expectedNone) {
    assertThat(tasksAt(pi, activityId)).hasSize(expectedNone);
    return null;
  }

  List<EscalationEvent.Type> eventTypes(ProcessInstance pi) {
    return events.findByTicketIdOrderByIdAsc(pi.getBusinessKey()).stream().map(EscalationEvent::getType).toList();
  }

  Object historicVariable(ProcessInstance pi, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(name).singleResult().getValue();
  }
}
