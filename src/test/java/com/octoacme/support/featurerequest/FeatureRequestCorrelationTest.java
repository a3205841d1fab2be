package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestDriver.*;
import static com.octoacme.support.featurerequest.FeatureRequestModel.*;
import static com.octoacme.support.featurerequest.FeatureRequestVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.octoacme.support.testing.ProcessTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One instance per feature: requests for a running feature join it by message (business key = feature key),
 * their customers accumulate, and the review appears exactly when a criterion of the DMN first holds.
 */
@ProcessTest
class FeatureRequestCorrelationTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FeatureRequestService service;

  FeatureRequestDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new FeatureRequestDriver(engine);
  }

  @Test
  void fiveDistinctCustomersMakeOneInstanceAndTheReviewAppearsExactlyAtTheFifth() {
    String key = newKey("VOLUME");
    ProcessInstance feature = driver.request(request(key, false, "Customer 1", "PRO", 10_000));
    BpmnAwareTests.assertThat(feature).isWaitingAt(EVENT_REVIEW_CRITERION_MET).hasBusinessKey(key);

    for (int i = 2; i <= 4; i++) {
      ProcessInstance joined = driver.request(request(key, true, "Customer " + i, "PRO", 10_000));
      BpmnAwareTests.assertThat(joined).hasPassed(END_JOINED).isEnded();
      BpmnAwareTests.assertThat(feature).isWaitingAt(EVENT_REVIEW_CRITERION_MET);
      assertThat(reviewTasks(feature)).as("review after %d customers", i).isZero();
      Map<String, Object> variables = runtime.getVariables(feature.getId());
      assertThat(DISTINCT_CUSTOMERS.from(variables)).isEqualTo((long) i);
      assertThat(REVIEW_STATUS.from(variables)).startsWith("Waiting for a review criterion")
          .contains(i + " distinct customer(s)");
    }

    driver.request(request(key, true, "Customer 5", "PRO", 10_000));

    BpmnAwareTests.assertThat(feature).isWaitingAt(TASK_PRODUCT_REVIEW);
    assertThat(reviewTasks(feature)).isOne();
    assertThat(driver.feature(key).getId()).isEqualTo(feature.getId());
    Map<String, Object> variables = runtime.getVariables(feature.getId());
    assertThat(REVIEW_CRITERIA_MET.from(variables)).isEqualTo("VOLUME");
    assertThat(REVIEW_CRITERIA_REASONS.from(variables)).isEqualTo("VOLUME: 5 distinct customers asked (5 or more needed)");
    assertThat(SUMMED_CONTRACT_VALUE.from(variables)).isEqualTo(50_000.0);
    assertThat(REQUESTING_AGENTS.from(variables)).isEqualTo(SAM);
    FeatureRequestDetails details = service.details(key).orElseThrow();
    assertThat(details.status()).isEqualTo("IN_REVIEW");
    assertThat(details.requests()).hasSize(5);
    assertThat(details.customers()).extracting(FeatureRequestDetails.Customer::name)
        .containsExactly("Customer 1", "Customer 2", "Customer 3", "Customer 4", "Customer 5");
  }

  @Test
  void aRepeatedRequestOfTheSameCustomerIsKeptButCountsOnce() {
    String key = newKey("REPEAT");
    ProcessInstance feature = driver.request(request(key, false, "Customer 1", "PRO", 10_000));
    for (int i = 2; i <= 4; i++) {
      driver.request(request(key, true, "Customer " + i, "PRO", 10_000));
    }
    // the first customer again, typed differently, with a newer contract value
    driver.request(request(key, true, "  customer   1 ", "PRO", 12_000));

    BpmnAwareTests.assertThat(feature).isWaitingAt(EVENT_REVIEW_CRITERION_MET);
    Map<String, Object> variables = runtime.getVariables(feature.getId());
    assertThat(REQUESTS_RECEIVED.from(variables)).isEqualTo(5L);
    assertThat(DISTINCT_CUSTOMERS.from(variables)).isEqualTo(4L);
    assertThat(SUMMED_CONTRACT_VALUE.from(variables)).as("each customer once, latest value").isEqualTo(42_000.0);
    assertThat(FEATURE_EVIDENCE.from(variables)).contains("5 requests from 4 distinct customers")
        .contains("customer 1 (PRO, 12,000.00), 2 requests");

    driver.request(request(key, true, "Customer 5", "PRO", 10_000));
    BpmnAwareTests.assertThat(feature).isWaitingAt(TASK_PRODUCT_REVIEW);
  }

  @Test
  void anEnterpriseRequestJoiningAWaitingFeatureOpensTheReviewAtOnce() {
    String key = newKey("ENTERPRISE");
    ProcessInstance feature = driver.request(request(key, false, "Small Co", "FREE", 0));
    BpmnAwareTests.assertThat(feature).isWaitingAt(EVENT_REVIEW_CRITERION_MET);

    driver.request(request(key, true, "Big Co", "ENTERPRISE", 80_000));

    BpmnAwareTests.assertThat(feature).isWaitingAt(TASK_PRODUCT_REVIEW);
    assertThat(REVIEW_CRITERIA_MET.from(runtime.getVariables(feature.getId()))).isEqualTo("IMPACT");
  }

  @Test
  void aHighContractValueIsImpactToo_andRequestsJoiningDuringTheReviewAddToItsEvidence() {
    String key = newKey("VALUE");
    ProcessInstance feature = driver.request(request(key, false, "Rich Co", "PRO", 150_000));
    BpmnAwareTests.assertThat(feature).isWaitingAt(TASK_PRODUCT_REVIEW);
    assertThat(REVIEW_CRITERIA_REASONS.from(runtime.getVariables(feature.getId())))
        .isEqualTo("IMPACT: a customer with a contract value of 150000 asked (above 100000)");

    driver.request(request(key, true, "Other Co", "PRO", 1_000));

    assertThat(reviewTasks(feature)).isOne();
    assertThat(DISTINCT_CUSTOMERS.from(runtime.getVariables(feature.getId()))).isEqualTo(2L);
  }

  private long reviewTasks(ProcessInstance feature) {
    return tasks.createTaskQuery().processInstanceId(feature.getId()).taskDefinitionKey(TASK_PRODUCT_REVIEW).count();
  }
}
