package com.octoacme.support.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.testing.ModelCopy;
import com.octoacme.support.testing.ProcessTest;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The policy tables as lookups: the same inputs on the same deployed version are evaluated once (one entry in the
 * decision history, not one per lookup), and an admin's new version answers from the next lookup on.
 */
@ProcessTest
class PolicyTablesTest {

  private static final String SLA_POLICY = EscalationModel.DECISION_SLA_POLICY;

  @Autowired PolicyTables tables;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @TempDir Path copy;
  ModelCopy models;

  @AfterEach
  void removeTheCopy() {
    if (models != null) {
      models.undeploy();
    }
  }

  @Test
  void theSameLookupIsEvaluatedOncePerVersion() {
    long before = evaluations();
    Map<String, Object> l1 = Map.of(EscalationVariables.ESCALATION_LEVEL.name(), "L1");
    var first = tables.rows(SLA_POLICY, l1);
    var again = tables.rows(SLA_POLICY, Map.of(EscalationVariables.ESCALATION_LEVEL.name(), "L1"));
    assertThat(again).isEqualTo(first);
    assertThat(first).singleElement().satisfies(row -> assertThat(row).containsEntry("responseTarget", "PT4H"));
    assertThat(evaluations() - before).as("evaluations of the same lookup").isLessThanOrEqualTo(1);

    tables.rows(SLA_POLICY, Map.of(EscalationVariables.ESCALATION_LEVEL.name(), "L2"));
    tables.rows(SLA_POLICY, Map.of(EscalationVariables.ESCALATION_LEVEL.name(), "L2"));
    assertThat(evaluations() - before).as("one more for other inputs").isLessThanOrEqualTo(2);
  }

  @Test
  void anAdminsNewVersionAnswersFromTheNextLookupOn() {
    Map<String, Object> l1 = Map.of(EscalationVariables.ESCALATION_LEVEL.name(), "L1");
    assertThat(tables.rows(SLA_POLICY, l1).get(0)).containsEntry("responseTarget", "PT4H");

    models = new ModelCopy(copy, repository).edit("bpmn/sla-policy.dmn",
        "<outputEntry id=\"OutputEntry_L1_Response\"><text>\"PT4H\"</text>",
        "<outputEntry id=\"OutputEntry_L1_Response\"><text>\"PT3H\"</text>");
    models.deploy();
    assertThat(tables.rows(SLA_POLICY, l1).get(0)).containsEntry("responseTarget", "PT3H");

    models.undeploy();
    models = null;
    assertThat(tables.rows(SLA_POLICY, l1).get(0)).containsEntry("responseTarget", "PT4H");
  }

  private long evaluations() {
    return history.createHistoricDecisionInstanceQuery().decisionDefinitionKey(SLA_POLICY).count();
  }
}
