package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestModel.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bpmn/feature-review-criteria.dmn: each criterion at its edge, and nothing below it. */
class FeatureReviewCriteriaDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void load() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("bpmn/" + DECISION_REVIEW_CRITERIA + ".dmn")) {
      decision = dmn.parseDecision(DECISION_REVIEW_CRITERIA, in);
    }
  }

  @Test
  void belowEveryThresholdNoCriterionHolds() {
    assertThat(criteria(4, 0, 100_000, false, false, false)).isEmpty();
  }

  @Test
  void eachCriterionHoldsAtItsEdge() {
    assertThat(criteria(5, 0, 0, false, false, false)).containsExactly("VOLUME");
    assertThat(criteria(1, 1, 0, false, false, false)).containsExactly("IMPACT");
    assertThat(criteria(1, 0, 100_001, false, false, false)).containsExactly("IMPACT");
    assertThat(criteria(1, 0, 0, true, false, false)).containsExactly("STRATEGIC");
    assertThat(criteria(1, 0, 0, false, true, false)).containsExactly("COMPETITIVE");
    assertThat(criteria(1, 0, 0, false, false, true)).containsExactly("CONTRACT");
  }

  @Test
  void everyCriterionThatHoldsIsCollectedWithItsReason() {
    List<Map<String, Object>> all = dmn.evaluateDecisionTable(decision, inputs(7, 2, 300_000, true, true, true)).getResultList();
    assertThat(all).extracting(r -> r.get(OUT_CRITERION))
        .containsExactly("VOLUME", "IMPACT", "IMPACT", "STRATEGIC", "COMPETITIVE", "CONTRACT");
    assertThat(all.get(0).get(OUT_REASON)).isEqualTo("7 distinct customers asked (5 or more needed)");
    assertThat(all.get(1).get(OUT_REASON)).isEqualTo("2 Enterprise customer(s) asked");
  }

  private static List<Object> criteria(int distinct, int enterprise, long highestValue, boolean roadmap, boolean parity,
      boolean contract) {
    return dmn.evaluateDecisionTable(decision, inputs(distinct, enterprise, highestValue, roadmap, parity, contract))
        .collectEntries(OUT_CRITERION);
  }

  private static org.camunda.bpm.engine.variable.VariableMap inputs(int distinct, int enterprise, long highestValue,
      boolean roadmap, boolean parity, boolean contract) {
    return Variables.createVariables().putValue(IN_DISTINCT_CUSTOMERS, distinct).putValue(IN_ENTERPRISE_CUSTOMERS, enterprise)
        .putValue(IN_HIGHEST_CONTRACT_VALUE, highestValue).putValue(IN_ROADMAP_ALIGNED, roadmap)
        .putValue(IN_COMPETITIVE_PARITY, parity).putValue(IN_PROMISED_IN_CONTRACT, contract);
  }
}
