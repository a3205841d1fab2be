package com.octoacme.support.escalation;

import java.util.List;
import java.util.Optional;

/**
 * One row of the decision {@code level-policy} (bpmn/level-policy.dmn), as the process reads it. The
 * table is the only place that says what a level is; this record only names its outputs.
 *
 * @param nextLevelOnBreach empty at the top level
 * @param nextLevelOnEscalation empty at the top level
 * @param levelBelow empty at the bottom level
 */
public record LevelPolicy(String level, String title, List<String> handlerGroups, String leadGroup,
    boolean checklistRequired, boolean mailHandlers, Optional<String> nextLevelOnBreach,
    Optional<String> nextLevelOnEscalation, Optional<String> levelBelow, String defaultUpdateFrequency,
    boolean actionPlanRequired) {

  /** The output names of the decision; the process variables that carry them have the same names. */
  public static final String TITLE = "levelTitle";
  public static final String HANDLER_GROUPS = "handlerGroups";
  public static final String LEAD_GROUP = "leadGroup";
  public static final String CHECKLIST_REQUIRED = "checklistRequired";
  public static final String MAIL_HANDLERS = "mailHandlers";
  public static final String NEXT_LEVEL_ON_BREACH = "nextLevelOnBreach";
  public static final String NEXT_LEVEL_ON_ESCALATION = "nextLevelOnEscalation";
  public static final String LEVEL_BELOW = "levelBelow";
  public static final String DEFAULT_UPDATE_FREQUENCY = "defaultUpdateFrequency";
  public static final String ACTION_PLAN_REQUIRED = "actionPlanRequired";

  /** Every output the table must have. */
  public static final List<String> OUTPUTS = List.of(TITLE, HANDLER_GROUPS, LEAD_GROUP, CHECKLIST_REQUIRED,
      MAIL_HANDLERS, NEXT_LEVEL_ON_BREACH, NEXT_LEVEL_ON_ESCALATION, LEVEL_BELOW, DEFAULT_UPDATE_FREQUENCY,
      ACTION_PLAN_REQUIRED);

  /** The process variables that carry this policy (the decision's output names), as "Look up level policy" writes them. */
  public java.util.Map<String, Object> variables() {
    java.util.Map<String, Object> v = new java.util.HashMap<>();
    v.put(TITLE, title);
    v.put(HANDLER_GROUPS, String.join(",", handlerGroups));
    v.put(LEAD_GROUP, leadGroup);
    v.put(CHECKLIST_REQUIRED, checklistRequired);
    v.put(MAIL_HANDLERS, mailHandlers);
    v.put(NEXT_LEVEL_ON_BREACH, nextLevelOnBreach.orElse(null));
    v.put(NEXT_LEVEL_ON_ESCALATION, nextLevelOnEscalation.orElse(null));
    v.put(LEVEL_BELOW, levelBelow.orElse(null));
    v.put(DEFAULT_UPDATE_FREQUENCY, defaultUpdateFrequency);
    v.put(ACTION_PLAN_REQUIRED, actionPlanRequired);
    return v;
  }

  /** "a, b" as the groups a and b: the table writes a level's handler groups comma-separated. */
  public static List<String> groups(String commaSeparated) {
    if (commaSeparated == null) {
      return List.of();
    }
    return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
