package com.octoacme.support.escalation;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * The policy tables that Java reads (bpmn/level-policy.dmn, sla-policy.dmn, task-priority.dmn) as lookups. A table's
 * matching rows are a function of its deployed version and the inputs, and an escalation looks its level's policy up
 * dozens of times: each version's rows per inputs are evaluated once (FEEL, and one entry in the decision history)
 * and kept. A new deployment is a new version, whose rows are evaluated afresh at the next lookup, on every node.
 * (The load benchmark: FEEL evaluations were an eighth of the application's CPU; BENCHMARKS.md.)
 */
@Service
public class PolicyTables {

  /** Far above the inputs real tables see (levels × tiers); a flood of odd inputs only costs re-evaluation. */
  private static final int MAX_KEPT = 10_000;

  private final DecisionService decisions;
  private final CommandExecutor commands;
  private final Map<Lookup, List<Map<String, Object>>> kept = new ConcurrentHashMap<>();

  private record Lookup(String decisionDefinitionId, Map<String, Object> inputs) {}

  public PolicyTables(DecisionService decisions, ProcessEngineConfigurationImpl engineConfiguration) {
    this.decisions = decisions;
    this.commands = engineConfiguration.getCommandExecutorTxRequired();
  }

  /** The output entries of each matching rule of the table's latest version, in rule order (unmodifiable). */
  public List<Map<String, Object>> rows(String decisionKey, Map<String, Object> inputs) {
    // the engine's own lookup of the latest version (one indexed select), not the query API, whose statement is
    // built anew for each call with its authorization checks (a fifteenth of a step's CPU under load)
    DecisionDefinition latest = commands.execute(context -> context.getDecisionDefinitionManager()
        .findLatestDecisionDefinitionByKey(decisionKey));
    if (latest == null) {
      throw new IllegalStateException("no decision '" + decisionKey + "' is deployed (bpmn/" + decisionKey + ".dmn)");
    }
    Lookup lookup = new Lookup(latest.getId(), Collections.unmodifiableMap(new HashMap<>(inputs)));
    List<Map<String, Object>> rows = kept.get(lookup);
    if (rows == null) {
      rows = decisions.evaluateDecisionTableById(latest.getId(), Variables.fromMap(inputs)).getResultList().stream()
          .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
      if (kept.size() >= MAX_KEPT) {
        kept.clear();
      }
      kept.put(lookup, rows);
    }
    return rows;
  }
}
