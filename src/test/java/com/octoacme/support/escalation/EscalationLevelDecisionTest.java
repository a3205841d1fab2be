package com.octoacme.support.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** bpmn/escalation-level.dmn: the template's issue types and the rules that raise a level. Every rule is hit. */
class EscalationLevelDecisionTest {

  static DmnModelInstance model;
  static DmnDecision decision;
  static DmnEngine engine;
  static final Set<String> matchedRules = new HashSet<>();

  @BeforeAll
  static void parse() throws Exception {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(new DmnDecisionTableEvaluationListener() {
      @Override
      public void notify(DmnDecisionTableEvaluationEvent event) {
        event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matchedRules::add);
      }
    }));
    engine = configuration.buildEngine();
    try (InputStream dmn = EscalationLevelDecisionTest.class.getResourceAsStream("/escalation-level.dmn")) {
      model = Dmn.readModelFromStream(dmn);
    }
    decision = engine.parseDecision("escalation-level", model);
  }

  @AfterAll
  static void everyRuleIsCovered() {
    Set<String> allRules = new HashSet<>();
    model.getModelElementsByType(Rule.class).forEach(rule -> allRules.add(rule.getId()));
    assertThat(matchedRules).as("rules hit by these tests").containsExactlyInAnyOrderElementsOf(allRules);
  }

  static String level(String issueType, String tier, long usersAffected, String urgency) {
    return engine.evaluateDecisionTable(decision, Variables.createVariables()
        .putValue("issueType", issueType)
        .putValue("accountTier", tier)
        .putValue("usersAffected", usersAffected)
        .putValue("urgency", urgency)).getSingleEntry();
  }

  @ParameterizedTest
  @EnumSource(IssueType.class)
  void eachIssueTypeStartsAtTheTemplatesLevel(IssueType issueType) {
    assertThat(level(issueType.name(), "PRO", 1, "LOW")).isEqualTo(issueType.templateLevel().name());
  }

  @ParameterizedTest(name = "{0} / {1} / {2} users / {3} -> {4}")
  @CsvSource({
      // an urgent Enterprise question or a widespread urgent one goes to Engineering
      "HOW_TO_QUESTION,     ENTERPRISE, 1,    HIGH,   L2",
      "HOW_TO_QUESTION,     ENTERPRISE, 1,    MEDIUM, L1",
      "ACCOUNT_BILLING,     FREE,       100,  HIGH,   L2",
      "ACCOUNT_BILLING,     FREE,       99,   HIGH,   L1",
      // an urgent Enterprise bug or a widespread urgent one is critical
      "CONFIRMED_BUG,       ENTERPRISE, 1,    HIGH,   L3",
      "CONFIRMED_BUG,       PRO,        500,  HIGH,   L3",
      "CONFIRMED_BUG,       PRO,        499,  HIGH,   L2",
      "INTEGRATION_PROBLEM, ENTERPRISE, 5000, LOW,    L2",
      // a critical issue hitting 1,000+ users of an Enterprise account is an executive matter
      "PRODUCTION_OUTAGE,   ENTERPRISE, 1000, HIGH,   L4",
      "PRODUCTION_OUTAGE,   ENTERPRISE, 999,  HIGH,   L3",
      "PRODUCTION_OUTAGE,   PRO,        9000, HIGH,   L3",
      // nothing lowers a level
      "LEGAL_OR_COMPLIANCE, FREE,       0,    LOW,    L4",
  })
  void tierUsersAndUrgencyRaiseALevelWhereTheyShould(String issueType, String tier, long users, String urgency,
      String expected) {
    assertThat(level(issueType, tier, users, urgency)).isEqualTo(expected);
  }

  @Test
  void anUnknownIssueTypeDecidesNothing() {
    assertThat(engine.evaluateDecisionTable(decision, Variables.createVariables()
        .putValue("issueType", "COFFEE_MACHINE_BROKEN").putValue("accountTier", "PRO")
        .putValue("usersAffected", 1L).putValue("urgency", "LOW")).getResultList()).isEmpty();
  }

  @Test
  void theDecisionsAreTheOnesTheProcessCalls() {
    assertThat(decision.getKey()).isEqualTo("escalation-level");
    assertThat(engine.parseDecisions(model)).extracting(DmnDecision::getKey)
        .containsExactlyInAnyOrder("escalation-level", "escalation-issue-type-level");
  }
}
