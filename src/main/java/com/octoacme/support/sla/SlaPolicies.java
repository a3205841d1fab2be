package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationVariables;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** Reads the SLA policy of a level from the decision {@code sla-policy} (bpmn/sla-policy.dmn), which admins edit in Modeler. */
@Service
public class SlaPolicies {

  static final String DECISION_KEY = EscalationModel.DECISION_SLA_POLICY;

  private final DecisionService decisions;

  public SlaPolicies(DecisionService decisions) {
    this.decisions = decisions;
  }

  public SlaPolicy of(String level) {
    Map<String, Object> row = decisions.evaluateDecisionTableByKey(DECISION_KEY,
            Variables.createVariables().putValue(EscalationVariables.ESCALATION_LEVEL.name(), level))
        .getSingleResult().getEntryMap();
    return new SlaPolicy(
        SlaPolicy.Target.parse((String) row.get("responseTarget")),
        SlaPolicy.Target.parse((String) row.get("resolutionTarget")),
        CalendarKind.valueOf((String) row.get("calendar")),
        ((Number) row.get("warningThreshold")).doubleValue(),
        SlaPolicy.BreachAction.valueOf((String) row.get("breachAction")));
  }
}
