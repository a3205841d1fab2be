package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.EscalationRequests.request;
import static com.octoacme.support.testing.InvalidInput.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.escalation.AfterResolutionCheck;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Every owner's input is kept: at L3 each handler group's acknowledgement is its own; resolving needs a root
 * cause and a summary, which the after-resolution checklist then shows; the checklist can be completed with
 * the CSAT score pending, and the score is recorded when it arrives; each item is done or waived with a reason.
 */
@ProcessTest
class EveryOwnersInputTest {

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate rest;
  @Autowired EscalationHistory history;
  @Autowired EscalationEventRepository events;
  EscalationDriver driver;
  IntakeApi api;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new EscalationDriver(engine);
    api = new IntakeApi(rest);
  }

  @Test
  void atLevel3_theLeadsAndTheProductManagersAcknowledgementsAreBothKept() {
    ProcessInstance pi = atLevel3();
    List<Task> acknowledgements = driver.tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    Task lead = acknowledgements.stream().filter(t -> driver.candidateGroups(t).contains("engineering-leads")).findFirst().orElseThrow();
    Task pm = acknowledgements.stream().filter(t -> driver.candidateGroups(t).contains("product-managers")).findFirst().orElseThrow();
    driver.complete(lead, "lee.lead", Map.of(INITIAL_ASSESSMENT.name(), "Rolling back release 4.2"));
    driver.complete(pm, "pat.pm", Map.of(INITIAL_ASSESSMENT.name(), "Top accounts informed, status page up"));

    assertThat(history.acknowledgementsOf(pi.getBusinessKey())).extracting(a -> a.getHandlerGroup() + "/"
            + a.getAcknowledgedBy() + "/" + a.getAssessment())
        .containsExactly("engineering-leads/lee.lead/Rolling back release 4.2",
            "product-managers/pat.pm/Top accounts informed, status page up");
    Task resolve = driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION);
    String shown = engine.getFormService().getTaskFormVariables(resolve.getId()).getValue(ACKNOWLEDGEMENTS.name(), String.class);
    assertThat(shown).contains("engineering-leads, lee.lead", "Rolling back release 4.2",
        "product-managers, pat.pm", "Top accounts informed, status page up");
    assertThat(engine.getRuntimeService().getVariable(pi.getId(), INITIAL_ASSESSMENT.name()))
        .as("no process-wide assessment that one owner could overwrite").isNull();

    JsonNode details = api.get("/api/escalations/" + pi.getBusinessKey()).body();
    assertThat(details.get("acknowledgements")).hasSize(2);
    assertThat(details.get("acknowledgements").get(0).get("assessment").asText()).isEqualTo("Rolling back release 4.2");
    assertThat(details.get("acknowledgements").get(1).get("handlerGroup").asText()).isEqualTo("product-managers");
  }

  @Test
  void resolvingNeedsARootCauseAndASummary_whichTheChecklistThenShows() {
    ProcessInstance pi = atLevel2Acknowledged();
    Task resolve = driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION);
    assertInvalidField(() -> driver.complete(resolve, "erin.engineer", Map.of(LEVEL_OUTCOME.name(), "RESOLVED",
        RESOLUTION_SUMMARY.name(), "Hotfix deployed")), ROOT_CAUSE.name());
    assertInvalidField(() -> driver.complete(resolve, "erin.engineer", Map.of(LEVEL_OUTCOME.name(), "RESOLVED",
        ROOT_CAUSE.name(), "Null check missing", RESOLUTION_SUMMARY.name(), " ")), RESOLUTION_SUMMARY.name());
    driver.resolve(pi, "erin.engineer", "RESOLVED", null);

    Task checklist = driver.single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);
    var prefilled = engine.getFormService().getTaskFormVariables(checklist.getId());
    assertThat(prefilled.getValue(ROOT_CAUSE.name(), String.class)).isEqualTo("Null check missing in the payment adapter");
    assertThat(prefilled.getValue(RESOLUTION_SUMMARY.name(), String.class)).isEqualTo("Hotfix 4.2.1 deployed");
  }

  @Test
  void theChecklistCompletesWithTheCsatPending_andTheScoreIsRecordedWhenItArrives() {
    ProcessInstance pi = resolvedAtLevel2();
    Map<String, Object> form = new HashMap<>(EscalationDriver.afterResolutionForm(5));
    form.remove(CSAT_SCORE.name());
    driver.complete(driver.single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST), "sam.support", form);

    assertThat(pi).isNotEnded().isWaitingAt(EscalationModel.GATEWAY_WAIT_FOR_CSAT);
    JsonNode pending = api.get("/api/escalations/" + pi.getBusinessKey()).body();
    assertThat(pending.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(pending.get("csatStatus").asText()).isEqualTo("PENDING");
    assertThat(pending.get("csatScore").isNull()).isTrue();

    IntakeApi.Reply reply = api.event(pi.getBusinessKey(), "csat-received", Map.of("score", 4));
    assertThat(reply.status().value()).as(reply.response().getBody()).isEqualTo(202);
    assertThat(pi).isEnded().hasPassed(EscalationModel.TASK_RECORD_LATE_CSAT, EscalationModel.TASK_CLOSE_ESCALATION);
    JsonNode closed = api.get("/api/escalations/" + pi.getBusinessKey()).body();
    assertThat(closed.get("csatStatus").asText()).isEqualTo("RECEIVED");
    assertThat(closed.get("csatScore").asLong()).isEqualTo(4);
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.CSAT_RECEIVED)).hasSize(1);
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.CLOSED))
        .singleElement().satisfies(e -> assertThat(e.getDetail()).startsWith("CSAT 4"));
  }

  @Test
  void withoutAScoreInTime_theEscalationClosesWithTheCsatNotReceived() {
    ProcessInstance pi = resolvedAtLevel2();
    Map<String, Object> form = new HashMap<>(EscalationDriver.afterResolutionForm(5));
    form.remove(CSAT_SCORE.name());
    driver.complete(driver.single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST), "sam.support", form);
    Jobs.fireTimer(engine.getManagementService(), pi, EscalationModel.TIMER_CSAT_WAIT_OVER);

    assertThat(pi).isEnded().hasNotPassed(EscalationModel.TASK_RECORD_LATE_CSAT);
    assertThat(api.get("/api/escalations/" + pi.getBusinessKey()).body().get("csatStatus").asText()).isEqualTo("NOT_RECEIVED");
    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(pi.getBusinessKey(), EscalationEvent.Type.CLOSED))
        .singleElement().satisfies(e -> assertThat(e.getDetail()).startsWith("CSAT not received"));
  }

  @Test
  void eachAfterResolutionItemIsDoneOrWaivedWithAReason() {
    ProcessInstance pi = resolvedAtLevel2();
    Task checklist = driver.single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);
    Map<String, Object> form = new HashMap<>(EscalationDriver.afterResolutionForm(5));
    form.put(AfterResolutionCheck.KNOWLEDGE_BASE_UPDATED.done.name(), false);
    assertInvalidField(() -> driver.complete(checklist, "sam.support", form),
        AfterResolutionCheck.KNOWLEDGE_BASE_UPDATED.waiver.name());
    form.put(AfterResolutionCheck.KNOWLEDGE_BASE_UPDATED.waiver.name(), "Known issue type, the article exists");
    driver.complete(checklist, "sam.support", form);
    assertThat(pi).isEnded();
  }

  ProcessInstance atLevel3() {
    ProcessInstance pi = driver.start(request("PRODUCTION_OUTAGE", "PRO", "HIGH", 200));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    return pi;
  }

  ProcessInstance atLevel2Acknowledged() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    driver.acknowledge(pi, "erin.engineer");
    return pi;
  }

  ProcessInstance resolvedAtLevel2() {
    ProcessInstance pi = atLevel2Acknowledged();
    driver.resolve(pi, "erin.engineer", "RESOLVED", null);
    return pi;
  }
}
