package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestModel.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Evaluates bpmn/feature-review-criteria.dmn on a feature's evidence: the criteria that hold, and why. */
@Component
class ReviewCriteria {

  /** One criterion that holds, with the reasons of its rules (IMPACT has two). */
  record Met(ReviewCriterion criterion, List<String> reasons) {}

  private final DecisionService decisions;

  ReviewCriteria(DecisionService decisions) {
    this.decisions = decisions;
  }

  List<Met> evaluate(FeatureEvidence evidence) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(DECISION_REVIEW_CRITERIA)
        .variables(Variables.createVariables()
            .putValue(IN_DISTINCT_CUSTOMERS, evidence.distinctCustomers())
            .putValue(IN_ENTERPRISE_CUSTOMERS, evidence.enterpriseCustomers())
            .putValue(IN_HIGHEST_CONTRACT_VALUE, evidence.highestContractValue().longValue())
            .putValue(IN_ROADMAP_ALIGNED, evidence.roadmapAligned())
            .putValue(IN_COMPETITIVE_PARITY, evidence.competitiveParity())
            .putValue(IN_PROMISED_IN_CONTRACT, evidence.promisedInContract()))
        .evaluate();
    Map<ReviewCriterion, List<String>> met = new LinkedHashMap<>();
    result.forEach(rule -> met.computeIfAbsent(ReviewCriterion.valueOf(rule.getEntry(OUT_CRITERION)), c -> new ArrayList<>())
        .add(rule.getEntry(OUT_REASON)));
    return met.entrySet().stream().map(e -> new Met(e.getKey(), List.copyOf(e.getValue()))).toList();
  }
}
