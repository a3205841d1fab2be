package com.octoacme.support.featurerequest;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationVariables;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The escalation side of a feature request: the escalation (found by business key = ticket ID) gets the
 * feature's key and, later, Product's decision as variables while it runs, and both as events in its audit
 * trail (escalation_event) whether it still runs or not.
 */
@Component
class EscalationLinks {

  private static final Logger log = LoggerFactory.getLogger(EscalationLinks.class);

  private final RuntimeService runtime;
  private final HistoryService history;
  private final EscalationHistory escalationHistory;

  EscalationLinks(RuntimeService runtime, HistoryService history, EscalationHistory escalationHistory) {
    this.runtime = runtime;
    this.history = history;
    this.escalationHistory = escalationHistory;
  }

  void linkFeature(String ticketId, String featureKey, String actor) {
    record(ticketId, EscalationEvent.Type.FEATURE_REQUESTED, "Feature request " + featureKey,
        EscalationVariables.FEATURE_REQUEST_KEY.name(), featureKey, actor);
  }

  void recordDecision(String ticketId, String featureKey, String decision, String actor) {
    record(ticketId, EscalationEvent.Type.FEATURE_DECIDED, "Feature request " + featureKey + ": " + decision,
        EscalationVariables.FEATURE_REQUEST_DECISION.name(), decision, actor);
  }

  private void record(String ticketId, EscalationEvent.Type type, String detail, String variable, String value,
      String actor) {
    Optional<HistoricProcessInstance> escalation = escalationOf(ticketId);
    if (escalation.isEmpty()) {
      log.warn("Feature request names ticket {}, which has no escalation: nothing recorded there", ticketId);
      return;
    }
    String processInstanceId = escalation.get().getId();
    escalationHistory.recordEvent(ticketId, processInstanceId, null, type, detail, actor);
    ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (running != null) {
      runtime.setVariable(processInstanceId, variable, value);
    }
  }

  /** The ticket's escalation, running or ended (the latest, should a ticket have had more than one). */
  private Optional<HistoricProcessInstance> escalationOf(String ticketId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(EscalationVariables.PROCESS_ID)
        .processInstanceBusinessKey(ticketId).orderByProcessInstanceStartTime().desc().listPage(0, 1).stream()
        .findFirst();
  }
}
