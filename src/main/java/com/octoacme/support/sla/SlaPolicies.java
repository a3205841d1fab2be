package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.escalation.PolicyTables;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads the SLA policy of a level from the decision {@code sla-policy} (bpmn/sla-policy.dmn), which admins edit in Modeler. */
@Service
public class SlaPolicies {

  static final String DECISION_KEY = EscalationModel.DECISION_SLA_POLICY;

  private final PolicyTables tables;

  public SlaPolicies(PolicyTables tables) {
    this.tables = tables;
  }

  public SlaPolicy of(String level) {
    List<Map<String, Object>> rows = tables.rows(DECISION_KEY, Map.of(EscalationVariables.ESCALATION_LEVEL.name(), level));
    if (rows.size() != 1) {
      throw new IllegalStateException("bpmn/sla-policy.dmn must have one row for escalation level '" + level + "', has "
          + rows.size());
    }
    Map<String, Object> row = rows.get(0);
    return new SlaPolicy(
        SlaPolicy.Target.parse((String) row.get("responseTarget")),
        SlaPolicy.Target.parse((String) row.get("resolutionTarget")),
        CalendarKind.valueOf((String) row.get("calendar")),
        ((Number) row.get("warningThreshold")).doubleValue(),
        SlaPolicy.BreachAction.valueOf((String) row.get("breachAction")));
  }
}
