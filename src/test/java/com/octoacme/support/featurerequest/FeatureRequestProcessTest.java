package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestDriver.*;
import static com.octoacme.support.featurerequest.FeatureRequestModel.*;
import static com.octoacme.support.featurerequest.FeatureRequestVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.escalation.RequestedAction;
import com.octoacme.support.notification.NotificationKind;
import com.octoacme.support.notification.NotificationRepository;
import com.octoacme.support.notification.OutboxNotification;
import com.octoacme.support.testing.AuthenticatedClients;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.EscalationRequests;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Every path of feature-request.bpmn, driven as Tasklist drives it (forms submitted by the demo users). */
@ProcessTest
class FeatureRequestProcessTest {

  /** Monday 23 November 2026, 10:00 in Berlin. */
  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  /** 10 business days later (no Berlin holiday in between): Monday 7 December, 10:00. */
  static final Instant REVIEW_DUE = Instant.parse("2026-12-07T09:00:00Z");
  /** 8 business days later: Thursday 3 December, 10:00. */
  static final Instant REVIEW_WARNING = Instant.parse("2026-12-03T09:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FeatureRequestRepository features;
  @Autowired NotificationRepository outbox;
  @Autowired EscalationEventRepository escalationEvents;
  @Autowired TestRestTemplate rest;

  FeatureRequestDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    driver = new FeatureRequestDriver(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anEnterpriseRequestIsReviewedAtOnceWithItsEvidenceAndAcceptedForARelease() {
    String key = newKey("SCIM");
    ProcessInstance pi = driver.request(request(key, false, "Globex", "ENTERPRISE", 50_000));

    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_PRODUCT_REVIEW).hasBusinessKey(key);
    Task review = driver.task(pi, TASK_PRODUCT_REVIEW);
    assertThat(candidateGroups(review)).containsExactly("product-team");
    assertThat(review.getDueDate()).isEqualTo(Date.from(REVIEW_DUE));
    assertThat(review.getFollowUpDate()).isEqualTo(Date.from(REVIEW_WARNING));
    Map<String, Object> variables = runtime.getVariables(pi.getId());
    assertThat(REVIEW_CRITERIA_MET.from(variables)).isEqualTo("IMPACT");
    assertThat(REVIEW_CRITERIA_REASONS.from(variables)).contains("1 Enterprise customer(s) asked");
    assertThat(FEATURE_EVIDENCE.from(variables)).contains("1 request from 1 distinct customer")
        .contains("Globex (ENTERPRISE, 50,000.00)").contains("Globex onboards 500 users a month by hand");
    assertThat(features.findByFeatureKey(key).orElseThrow().getStatus()).isEqualTo(FeatureRequest.Status.IN_REVIEW);
    assertThat(features.findByFeatureKey(key).orElseThrow().getReviewStatus())
        .isEqualTo("In product review, due " + REVIEW_DUE + ": IMPACT: 1 Enterprise customer(s) asked");

    assertThatThrownBy(() -> driver.complete(review, PAULA, Map.of(REVIEW_OUTCOME.name(), "ACCEPTED")))
        .hasMessageContaining("targetRelease is required");
    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_PRODUCT_REVIEW);

    driver.complete(review, PAULA, accept("2027.1"));
    driver.continueAfter(pi, TASK_PRODUCT_REVIEW);

    BpmnAwareTests.assertThat(pi).hasPassed(TASK_ANNOUNCE_DECISION, END_DECIDED).isEnded();
    FeatureRequest feature = features.findByFeatureKey(key).orElseThrow();
    assertThat(feature.getStatus()).isEqualTo(FeatureRequest.Status.ACCEPTED);
    assertThat(feature.getReviewStatus()).isEqualTo("Accepted to the roadmap for release 2027.1");
    assertThat(feature.getTargetRelease()).isEqualTo("2027.1");
    assertThat(feature.getDecidedBy()).isEqualTo(PAULA);
    List<OutboxNotification> mails = outbox.findByTicketIdOrderByIdAsc(key);
    assertThat(mails).singleElement().satisfies(mail -> {
      assertThat(mail.getKind()).isEqualTo(NotificationKind.FEATURE_DECISION);
      assertThat(mail.getRecipients()).containsExactly("it@globex.example");
      assertThat(mail.getSubject()).isEqualTo("[FEATURE REQUEST] " + key
          + " - SCIM provisioning for SSO users - Accepted to the roadmap");
      assertThat(mail.getTextBody()).contains("for release 2027.1").doesNotContain("50,000");
    });
  }

  @Test
  void aContractPromiseIsReviewedAndDeclinedWithItsReason() {
    String key = newKey("EXPORT");
    Map<String, Object> form = request(key, false, "Initech", "PRO", 20_000);
    form.put(PROMISED_IN_CONTRACT.name(), true);
    ProcessInstance pi = driver.request(form);

    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_PRODUCT_REVIEW);
    assertThat(REVIEW_CRITERIA_MET.from(runtime.getVariables(pi.getId()))).isEqualTo("CONTRACT");
    driver.complete(driver.task(pi, TASK_PRODUCT_REVIEW), PAULA, decline("Not on our strategy for 2027"));
    driver.continueAfter(pi, TASK_PRODUCT_REVIEW);

    BpmnAwareTests.assertThat(pi).hasPassed(TASK_ANNOUNCE_DECISION).isEnded();
    assertThat(features.findByFeatureKey(key).orElseThrow().getStatus()).isEqualTo(FeatureRequest.Status.DECLINED);
    assertThat(outbox.findByTicketIdOrderByIdAsc(key)).singleElement()
        .satisfies(mail -> assertThat(mail.getTextBody()).contains("Reason: Not on our strategy for 2027"));
    // a decided feature takes no new requests under its key
    assertThatThrownBy(() -> driver.start(request(key, true, "Umbrella", "PRO", 1_000)))
        .hasMessageContaining("featureKey " + key).hasMessageContaining("was decided already: DECLINED");
  }

  @Test
  void moreInformationGoesBackToTheRequestingAgentAndThenBackToReview() {
    String key = newKey("PARITY");
    Map<String, Object> form = request(key, false, "Hooli", "FREE", 0);
    form.put(COMPETITIVE_PARITY.name(), true);
    ProcessInstance pi = driver.request(form);
    driver.complete(driver.task(pi, TASK_PRODUCT_REVIEW), PAULA, askForMore("Which identity provider do they use?"));
    driver.continueAfter(pi, TASK_PRODUCT_REVIEW);

    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_PROVIDE_MORE_INFORMATION);
    Task question = driver.task(pi, TASK_PROVIDE_MORE_INFORMATION);
    assertThat(tasks.getIdentityLinksForTask(question.getId())).extracting(IdentityLink::getUserId).containsExactly(SAM);
    assertThat(INFORMATION_REQUESTED.from(runtime.getVariables(pi.getId()))).isEqualTo("Which identity provider do they use?");
    assertThat(features.findByFeatureKey(key).orElseThrow().getReviewStatus())
        .isEqualTo("More information needed (asked by paula.product): Which identity provider do they use?");
    driver.complete(question, SAM, Map.of(ADDITIONAL_INFORMATION.name(), "Okta"));
    driver.continueAfter(pi, TASK_PROVIDE_MORE_INFORMATION);

    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_PRODUCT_REVIEW);
    assertThat(ADDITIONAL_INFORMATION.from(runtime.getVariables(pi.getId()))).isEqualTo("Okta");
    driver.complete(driver.task(pi, TASK_PRODUCT_REVIEW), PAULA, accept("2027.2"));
    driver.continueAfter(pi, TASK_PRODUCT_REVIEW);
    BpmnAwareTests.assertThat(pi).isEnded();
  }

  @Test
  void anOverdueReviewWarnsTheProductManagersThenIsTheirsToDecide() {
    String key = newKey("ROADMAP");
    Map<String, Object> form = request(key, false, "Stark", "PRO", 5_000);
    form.put(ROADMAP_ALIGNED.name(), true);
    ProcessInstance pi = driver.request(form);
    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_PRODUCT_REVIEW);

    Jobs.fireTimer(engine.getManagementService(), pi, TIMER_REVIEW_WARNING);
    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_PRODUCT_REVIEW).hasPassed(FeatureRequestModel.TASK_WARN_PRODUCT_MANAGERS);
    assertThat(outbox.findByTicketIdOrderByIdAsc(key)).singleElement().satisfies(mail -> {
      assertThat(mail.getKind()).isEqualTo(NotificationKind.FEATURE_REVIEW_OVERDUE);
      assertThat(mail.getKey()).isEqualTo(key + ":feature-review-overdue:warning:" + REVIEW_DUE);
      assertThat(mail.getRecipients()).containsExactly("product-managers@octoacme.example");
      assertThat(mail.getSubject()).startsWith("[FEATURE REVIEW DUE SOON] " + key);
    });

    Jobs.fireTimer(engine.getManagementService(), pi, TIMER_REVIEW_OVERDUE);
    BpmnAwareTests.assertThat(pi).isWaitingAt(TASK_DECIDE_OVERDUE_REVIEW);
    BpmnAwareTests.assertThat(pi).hasPassed(FeatureRequestModel.TASK_ESCALATE_OVERDUE_REVIEW);
    Task overdue = driver.task(pi, TASK_DECIDE_OVERDUE_REVIEW);
    assertThat(candidateGroups(overdue)).containsExactly("product-managers");
    assertThat(outbox.findByTicketIdOrderByIdAsc(key)).extracting(OutboxNotification::getKey)
        .containsExactly(key + ":feature-review-overdue:warning:" + REVIEW_DUE, key + ":feature-review-overdue:overdue:" + REVIEW_DUE);
    assertThat(outbox.findByTicketIdOrderByIdAsc(key).get(1).getSubject()).startsWith("[FEATURE REVIEW OVERDUE] " + key);

    driver.complete(overdue, PAT, decline("Superseded by the 2027 platform plan"));
    driver.continueAfter(pi, TASK_DECIDE_OVERDUE_REVIEW);
    BpmnAwareTests.assertThat(pi).hasPassed(TASK_ANNOUNCE_DECISION).isEnded();
    assertThat(features.findByFeatureKey(key).orElseThrow().getDecidedBy()).isEqualTo(PAT);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndStartsNothing() {
    String key = newKey("BAD");
    Map<String, Object> noTier = request(key, false, "Globex", "PRO", 1);
    noTier.remove(CUSTOMER_TIER.name());
    assertThatThrownBy(() -> driver.start(noTier)).hasMessageContaining("customerTier is required");
    Map<String, Object> platinum = request(key, false, "Globex", "PLATINUM", 1);
    assertThatThrownBy(() -> driver.start(platinum)).hasMessageContaining("customerTier 'PLATINUM' is not one of");
    Map<String, Object> badKey = request("feat sso!", false, "Globex", "PRO", 1);
    assertThatThrownBy(() -> driver.start(badKey)).hasMessageContaining("featureKey 'FEAT SSO!' must be");
    Map<String, Object> noReason = request(key, false, "Globex", "PRO", 1);
    noReason.put(WORKAROUND_DESCRIPTION.name(), " ");
    assertThatThrownBy(() -> driver.start(noReason)).hasMessageContaining("featureWorkaroundDescription is required");
    assertThat(features.findByFeatureKey(key)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID).variableValueEquals(FEATURE_KEY.name(), key)
        .count()).isZero();
  }

  @Test
  void theKeyIsCheckedAgainstTheRunningFeatureRequests() {
    String key = newKey("AUDIT-LOG");
    driver.request(request(key, false, "Globex", "PRO", 1_000));

    assertThatThrownBy(() -> driver.start(request("AUDIT", true, "Initech", "PRO", 1_000)))
        .hasMessageContaining("featureKey AUDIT is no running feature request; matching running ones: [" + key + "]");
    assertThatThrownBy(() -> driver.start(request(key, false, "Initech", "PRO", 1_000)))
        .hasMessageContaining("featureKey " + key + " is a running feature request")
        .hasMessageContaining("tick 'joins a running feature'");
    // in lower case it is the same key
    ProcessInstance joined = driver.request(request(key.toLowerCase(), true, "Initech", "PRO", 1_000));
    BpmnAwareTests.assertThat(joined).hasPassed(END_JOINED).isEnded();
    assertThat(DISTINCT_CUSTOMERS.from(runtime.getVariables(driver.feature(key).getId()))).isEqualTo(2L);
  }

  @Test
  void anEscalationRaisesAFeatureRequestTheAgentCompletesAndBothShowEachOthersKey() throws Exception {
    // a real escalation, waiting for its level review
    EscalationDriver escalations = new EscalationDriver(engine);
    Map<String, Object> ticket = EscalationRequests.request("CONFIRMED_BUG", "ENTERPRISE", "MEDIUM", 30);
    ticket.put(RequestedAction.FEATURE_ENHANCEMENT.requested.name(), true);
    ProcessInstance escalation = escalations.start(ticket);
    String ticketId = escalation.getBusinessKey();
    // the piece support-escalation is to get, run with the escalation's variables (as its next step would)
    Map<String, Object> known = new HashMap<>(runtime.getVariables(escalation.getId()));
    runtime.startProcessInstanceByKey("escalation-raises-feature-request", ticketId, known);

    ProcessInstance request = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .variableValueEquals(TICKET_ID.name(), ticketId).singleResult();
    BpmnAwareTests.assertThat(request).isWaitingAt(TASK_COMPLETE_FEATURE_REQUEST);
    Task complete = driver.task(request, TASK_COMPLETE_FEATURE_REQUEST);
    assertThat(complete.getAssignee()).isEqualTo(SAM);
    Map<String, Object> passed = runtime.getVariables(request.getId());
    assertThat(REQUESTING_CUSTOMER.from(passed)).isEqualTo("Globex Corporation");
    assertThat(CUSTOMER_TIER.from(passed)).isEqualTo("ENTERPRISE");
    assertThat(CUSTOMER_CONTACT.from(passed)).isEqualTo("jane.doe@globex.example");
    assertThat(FEATURE_SUMMARY.from(passed)).isEqualTo("Checkout fails with HTTP 500");
    assertThat(REQUESTED_BY.from(passed)).isEqualTo(SAM);

    String key = newKey("CHECKOUT");
    Map<String, Object> rest = new HashMap<>(passed);
    rest.put(FEATURE_KEY.name(), key);
    rest.put(FEATURE_SUMMARY.name(), "Retry payments in checkout");
    rest.put(CUSTOMER_USE_CASE.name(), "Orders are lost when the payment provider times out");
    rest.put(CONTRACT_VALUE.name(), 250_000);
    Map<String, Object> incomplete = new HashMap<>(rest);
    incomplete.remove(CUSTOMER_USE_CASE.name());
    incomplete.put(CUSTOMER_USE_CASE.name(), "");
    assertThatThrownBy(() -> driver.complete(complete, SAM, incomplete)).hasMessageContaining("customerUseCase is required");
    driver.complete(complete, SAM, rest);
    driver.continueAfter(request, TASK_COMPLETE_FEATURE_REQUEST);
    driver.register(request);

    BpmnAwareTests.assertThat(request).hasBusinessKey(key).isWaitingAt(TASK_PRODUCT_REVIEW);
    assertThat(runtime.getVariable(escalation.getId(), EscalationVariables.FEATURE_REQUEST_KEY.name())).isEqualTo(key);
    assertThat(escalationEvents.findByTicketIdAndTypeOrderByIdAsc(ticketId, EscalationEvent.Type.FEATURE_REQUESTED))
        .singleElement().satisfies(e -> assertThat(e.getDetail()).isEqualTo("Feature request " + key));
    assertThat(LINKED_TICKETS.from(runtime.getVariables(request.getId()))).isEqualTo(ticketId);

    driver.complete(driver.task(request, TASK_PRODUCT_REVIEW), PAULA, accept("2027.2"));
    driver.continueAfter(request, TASK_PRODUCT_REVIEW);
    BpmnAwareTests.assertThat(request).isEnded();
    assertThat(runtime.getVariable(escalation.getId(), EscalationVariables.FEATURE_REQUEST_DECISION.name()))
        .isEqualTo("Accepted to the roadmap for release 2027.2");
    assertThat(escalationEvents.findByTicketIdAndTypeOrderByIdAsc(ticketId, EscalationEvent.Type.FEATURE_DECIDED))
        .singleElement().satisfies(e -> assertThat(e.getActor()).isEqualTo(PAULA));

    ResponseEntity<String> api = this.rest.withBasicAuth(SAM, AuthenticatedClients.DEMO_PASSWORD)
        .getForEntity("/api/feature-requests/" + key, String.class);
    assertThat(api.getStatusCode().value()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(api.getBody());
    assertThat(body.get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(body.get("linkedEscalations").get(0).asText()).isEqualTo(ticketId);
    assertThat(body.get("targetRelease").asText()).isEqualTo("2027.2");
    assertThat(body.get("customers").get(0).get("contractValue").decimalValue()).isEqualByComparingTo("250000");
  }

  @Test
  void anEscalationWithoutFeatureEnhancementRaisesNothing() {
    Map<String, Object> known = new HashMap<>(EscalationRequests.request("CONFIRMED_BUG", "PRO", "LOW", 1));
    known.put(RequestedAction.FEATURE_ENHANCEMENT.requested.name(), false);
    String ticketId = EscalationVariables.TICKET_ID.from(known);
    ProcessInstance stub = runtime.startProcessInstanceByKey("escalation-raises-feature-request", ticketId, known);
    BpmnAwareTests.assertThat(stub).hasNotPassed(com.octoacme.support.escalation.EscalationModel.TASK_RAISE_FEATURE_REQUEST).isEnded();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .variableValueEquals(TICKET_ID.name(), ticketId).count()).isZero();
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId).filter(g -> g != null).toList();
  }
}
