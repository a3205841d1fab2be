package com.octoacme.support.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.sla.SlaPolicy;
import com.octoacme.support.testing.ModelFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of the decisions in bpmn/ that every admin's edit must keep, whatever the rows say: every
 * issue type the start form offers is decided to a level, the levels form one chain, every level has
 * every output and an SLA policy, and the forms offer exactly the table's levels. Nothing here repeats a
 * row of the tables.
 */
class EscalationLevelDecisionTest {

  static final ModelFiles MODELS = ModelFiles.ofProject();
  static DmnDecision escalationLevel;
  static DmnDecision levelPolicy;
  static DmnDecision slaPolicy;
  static List<String> levels;
  static Map<String, Map<String, Object>> policies = new HashMap<>();

  @BeforeAll
  static void read() {
    escalationLevel = MODELS.decision("escalation-level.dmn", EscalationModel.DECISION_ESCALATION_LEVEL);
    levelPolicy = MODELS.decision("level-policy.dmn", LevelPolicies.DECISION_KEY);
    slaPolicy = MODELS.decision("sla-policy.dmn", EscalationModel.DECISION_SLA_POLICY);
    levels = MODELS.firstInputValues("level-policy.dmn");
    for (String level : levels) {
      policies.put(level, MODELS.evaluate(levelPolicy, Variables.createVariables()
          .putValue(EscalationVariables.ESCALATION_LEVEL.name(), level)).orElseThrow());
    }
  }

  @Test
  void everyIssueTypeOfTheFormIsDecidedToALevelOfThePolicyForEveryTierUrgencyAndSize() {
    List<String> issueTypes = MODELS.options("escalation-start", EscalationVariables.ISSUE_TYPE.name());
    List<String> tiers = MODELS.options("escalation-start", EscalationVariables.ACCOUNT_TIER.name());
    List<String> urgencies = MODELS.options("escalation-start", EscalationVariables.URGENCY.name());
    assertThat(issueTypes).isNotEmpty();
    int decided = 0;
    for (String issueType : issueTypes) {
      for (String tier : tiers) {
        for (String urgency : urgencies) {
          for (long users : new long[] {0, 1, 99, 100, 499, 500, 999, 1000, 1_000_000}) {
            Optional<Map<String, Object>> result = MODELS.evaluate(escalationLevel, Variables.createVariables()
                .putValue(EscalationVariables.ISSUE_TYPE.name(), issueType).putValue(EscalationVariables.ACCOUNT_TIER.name(), tier)
                .putValue(EscalationVariables.USERS_AFFECTED.name(), users).putValue(EscalationVariables.URGENCY.name(), urgency));
            assertThat(result).as("%s / %s / %s / %d users", issueType, tier, urgency, users).isPresent();
            assertThat(levels).as("the level of %s / %s / %s / %d users", issueType, tier, urgency, users)
                .contains((String) result.get().values().iterator().next());
            decided++;
          }
        }
      }
    }
    assertThat(decided).isEqualTo(issueTypes.size() * tiers.size() * urgencies.size() * 9);
  }

  @Test
  void theLevelsFormOneChainFromTheBottomToTheTop() {
    List<String> bottoms = levels.stream().filter(l -> policies.get(l).get(LevelPolicy.LEVEL_BELOW) == null).toList();
    assertThat(bottoms).as("levels without a level below").hasSize(1);
    List<String> chain = new ArrayList<>();
    String level = bottoms.get(0);
    while (level != null) {
      assertThat(chain).as("the chain visits %s once", level).doesNotContain(level);
      chain.add(level);
      String next = (String) policies.get(level).get(LevelPolicy.NEXT_LEVEL_ON_ESCALATION);
      if (next != null) {
        assertThat(levels).as("next level of %s", level).contains(next);
        assertThat(policies.get(next).get(LevelPolicy.LEVEL_BELOW)).as("level below %s", next).isEqualTo(level);
      }
      level = next;
    }
    assertThat(chain).as("every level is on the chain").containsExactlyInAnyOrderElementsOf(levels);
    for (String l : levels) {
      Object onBreach = policies.get(l).get(LevelPolicy.NEXT_LEVEL_ON_BREACH);
      if (onBreach != null) {
        assertThat(levels).as("next level on a breach of %s", l).contains((String) onBreach);
      }
    }
  }

  @Test
  void everyLevelHasEveryOutputAndAnSlaPolicy() {
    assertThat(MODELS.outputNames("level-policy.dmn")).containsExactlyInAnyOrderElementsOf(LevelPolicy.OUTPUTS);
    Set<String> frequencies = new HashSet<>(Arrays.stream(UpdateFrequency.values()).map(Enum::name).toList());
    for (String level : levels) {
      LevelPolicy policy = LevelPolicies.policy(level, policies.get(level));
      assertThat(policy.title()).as("title of %s", level).isNotBlank().isNotEqualTo(level);
      assertThat(policy.handlerGroups()).as("handler groups of %s", level).isNotEmpty();
      assertThat(policy.leadGroup()).as("lead group of %s", level).isNotBlank();
      assertThat(frequencies).as("default update frequency of %s", level).contains(policy.defaultUpdateFrequency());
      Map<String, Object> sla = MODELS.evaluate(slaPolicy, Variables.createVariables()
          .putValue(EscalationVariables.ESCALATION_LEVEL.name(), level)).orElse(null);
      assertThat(sla).as("sla-policy.dmn has a row for %s", level).isNotNull();
      SlaPolicy.Target.parse((String) sla.get("responseTarget"));
      SlaPolicy.Target.parse((String) sla.get("resolutionTarget"));
      assertThat(List.of("ESCALATE", "INFORM_LEAD")).as("breach action of %s", level).contains((String) sla.get("breachAction"));
    }
    assertThat(MODELS.firstInputValues("sla-policy.dmn")).as("sla-policy.dmn has no level the level policy lacks")
        .containsExactlyInAnyOrderElementsOf(levels);
  }

  @Test
  void theReviewFormOffersExactlyTheTablesLevels() {
    assertThat(MODELS.options("review-escalation-level", EscalationVariables.LEVEL_OVERRIDE.name()))
        .containsExactlyInAnyOrderElementsOf(levels);
  }

  @Test
  void tierUsersAndUrgencyNeverLowerTheIssueTypesLevel() {
    List<String> chain = new ArrayList<>(levels);
    chain.sort((a, b) -> Integer.compare(depth(a), depth(b)));
    for (String issueType : MODELS.options("escalation-start", EscalationVariables.ISSUE_TYPE.name())) {
      String base = level(issueType, "FREE", 0, "LOW");
      for (String tier : MODELS.options("escalation-start", EscalationVariables.ACCOUNT_TIER.name())) {
        for (String urgency : MODELS.options("escalation-start", EscalationVariables.URGENCY.name())) {
          String level = level(issueType, tier, 100_000, urgency);
          assertThat(chain.indexOf(level)).as("%s / %s / %s", issueType, tier, urgency)
              .isGreaterThanOrEqualTo(chain.indexOf(base));
        }
      }
    }
  }

  @Test
  void anUnknownIssueTypeDecidesNothing() {
    assertThat(MODELS.evaluate(escalationLevel, Variables.createVariables()
        .putValue(EscalationVariables.ISSUE_TYPE.name(), "COFFEE_MACHINE_BROKEN").putValue(EscalationVariables.ACCOUNT_TIER.name(), "PRO")
        .putValue(EscalationVariables.USERS_AFFECTED.name(), 1L).putValue(EscalationVariables.URGENCY.name(), "LOW"))).isEmpty();
  }

  private static String level(String issueType, String tier, long users, String urgency) {
    return (String) MODELS.evaluate(escalationLevel, Variables.createVariables().putValue(EscalationVariables.ISSUE_TYPE.name(), issueType)
        .putValue(EscalationVariables.ACCOUNT_TIER.name(), tier).putValue(EscalationVariables.USERS_AFFECTED.name(), users).putValue(EscalationVariables.URGENCY.name(), urgency))
        .orElseThrow().values().iterator().next();
  }

  private static int depth(String level) {
    int depth = 0;
    for (Object below = policies.get(level).get(LevelPolicy.LEVEL_BELOW); below != null;
        below = policies.get((String) below).get(LevelPolicy.LEVEL_BELOW)) {
      depth++;
    }
    return depth;
  }
}
