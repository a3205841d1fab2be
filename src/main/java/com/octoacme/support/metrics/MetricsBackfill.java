package com.octoacme.support.metrics;

import static com.octoacme.support.escalation.EscalationVariables.ACCOUNT_TIER;
import static com.octoacme.support.escalation.EscalationVariables.ACCOUNT_TIME_ZONE;
import static com.octoacme.support.escalation.EscalationVariables.ISSUE_TYPE;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.ProcessVariable;
import com.octoacme.support.escalation.RequestedAction;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-off backfill of facts for escalations recorded before the facts existed: replays each
 * escalation's audit trail ({@code escalation_level_change}, {@code escalation_event}) in time order
 * through the {@link FactRecorder}, one transaction per escalation. Safe to run twice, or while the
 * process runs: a fact is keyed by its audit record, so one already there is skipped. Dimensions come
 * from the escalation's historic variables; a first response's level start is the level change before it
 * (the live facts use the SLA clock's own start, after the pre-escalation checklist).
 */
@Service
public class MetricsBackfill {

  private static final Logger log = LoggerFactory.getLogger(MetricsBackfill.class);

  /** The variables the backfill reads from history: the dimensions, which do not change during an escalation. */
  private static final Set<String> DIMENSION_VARIABLES = dimensionVariables();

  public record Result(int escalations, int factsAdded) {}

  private final FactRecorder recorder;
  private final EntityManager entityManager;
  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final TransactionTemplate transaction;

  public MetricsBackfill(FactRecorder recorder, EntityManager entityManager, JdbcTemplate jdbc, HistoryService history,
      TransactionTemplate transaction) {
    this.recorder = recorder;
    this.entityManager = entityManager;
    this.jdbc = jdbc;
    this.history = history;
    this.transaction = transaction;
  }

  public Result backfill() {
    return backfill(jdbc.queryForList("select process_instance_id from escalation_level_change"
        + " union select process_instance_id from escalation_event", String.class));
  }

  /** The escalations of these process instances only. */
  public Result backfill(List<String> instances) {
    int added = 0;
    for (String instance : instances) {
      added += transaction.execute(status -> backfill(instance));
    }
    log.info("Metrics backfill: {} escalations, {} facts added", instances.size(), added);
    return new Result(instances.size(), added);
  }

  private int backfill(String processInstanceId) {
    FactRecorder.Variables variables = historicDimensions(processInstanceId);
    record Entry(Instant at, int order, Object record) {}
    List<Entry> trail = new ArrayList<>();
    entityManager.createQuery("select c from LevelChange c where c.processInstanceId = :id", LevelChange.class)
        .setParameter("id", processInstanceId).getResultList()
        .forEach(c -> trail.add(new Entry(c.getChangedAt(), 1, c)));
    entityManager.createQuery("select e from EscalationEvent e where e.processInstanceId = :id", EscalationEvent.class)
        .setParameter("id", processInstanceId).getResultList()
        .forEach(e -> trail.add(new Entry(e.getOccurredAt(), 0, e)));
    trail.sort(Comparator.comparing(Entry::at).thenComparing(Entry::order));
    int added = 0;
    for (Entry entry : trail) {
      boolean fact = entry.record() instanceof LevelChange change ? recorder.record(change, variables)
          : recorder.record((EscalationEvent) entry.record(), variables);
      added += fact ? 1 : 0;
    }
    recorder.rebuildOpenProjection(processInstanceId);
    return added;
  }

  private FactRecorder.Variables historicDimensions(String processInstanceId) {
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceId).disableBinaryFetching().list()) {
      if (DIMENSION_VARIABLES.contains(variable.getName()) && variable.getValue() != null) {
        values.put(variable.getName(), variable.getValue());
      }
    }
    return new FactRecorder.Variables() {
      @Override
      public <T> Optional<T> get(ProcessVariable<T> v) {
        return Optional.ofNullable(v.from(values));
      }
    };
  }

  private static Set<String> dimensionVariables() {
    Set<String> names = new HashSet<>(Set.of(ACCOUNT_TIER.name(), ISSUE_TYPE.name(), ACCOUNT_TIME_ZONE.name()));
    for (RequestedAction action : RequestedAction.values()) {
      names.add(action.requested.name());
    }
    return names;
  }
}
