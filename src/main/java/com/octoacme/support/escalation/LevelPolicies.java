package com.octoacme.support.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Service;

/** Reads the level policy from the decision {@code level-policy} (bpmn/level-policy.dmn), which admins edit in Modeler. */
@Service
public class LevelPolicies {

  public static final String DECISION_KEY = EscalationModel.DECISION_LEVEL_POLICY;

  private final PolicyTables tables;
  private final RepositoryService repository;

  public LevelPolicies(PolicyTables tables, RepositoryService repository) {
    this.tables = tables;
    this.repository = repository;
  }

  /** The policy of the level, or empty if the table has no row for it. */
  public Optional<LevelPolicy> find(String level) {
    if (level == null || level.isBlank()) {
      return Optional.empty();
    }
    List<Map<String, Object>> rows = tables.rows(DECISION_KEY, Map.of(EscalationVariables.ESCALATION_LEVEL.name(), level));
    return rows.stream().findFirst().map(row -> policy(level, row));
  }

  /** @throws IllegalStateException naming the level when the table has no row for it */
  public LevelPolicy of(String level) {
    return find(level).orElseThrow(() -> new IllegalStateException(
        "bpmn/level-policy.dmn has no row for escalation level '" + level + "'"));
  }

  /** The levels the deployed table has rows for, in table order (each rule's input entry, a quoted level). */
  public List<String> levels() {
    DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .latestVersion().singleResult();
    if (definition == null) {
      return List.of();
    }
    DmnModelInstance model = repository.getDmnModelInstance(definition.getId());
    List<String> levels = new ArrayList<>();
    for (Rule rule : model.getModelElementsByType(Rule.class)) {
      for (InputEntry entry : rule.getInputEntries()) {
        String text = entry.getTextContent().strip();
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
          levels.add(text.substring(1, text.length() - 1));
        }
      }
    }
    return levels;
  }

  public static LevelPolicy policy(String level, Map<String, Object> row) {
    return new LevelPolicy(level,
        text(row, LevelPolicy.TITLE).orElse(level),
        LevelPolicy.groups(text(row, LevelPolicy.HANDLER_GROUPS).orElse(null)),
        text(row, LevelPolicy.LEAD_GROUP).orElse(null),
        Boolean.TRUE.equals(row.get(LevelPolicy.CHECKLIST_REQUIRED)),
        Boolean.TRUE.equals(row.get(LevelPolicy.MAIL_HANDLERS)),
        text(row, LevelPolicy.NEXT_LEVEL_ON_BREACH),
        text(row, LevelPolicy.NEXT_LEVEL_ON_ESCALATION),
        text(row, LevelPolicy.LEVEL_BELOW),
        text(row, LevelPolicy.DEFAULT_UPDATE_FREQUENCY).orElse(null),
        Boolean.TRUE.equals(row.get(LevelPolicy.ACTION_PLAN_REQUIRED)));
  }

  private static Optional<String> text(Map<String, Object> row, String output) {
    Object value = row.get(output);
    return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
  }
}
