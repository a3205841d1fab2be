package com.octoacme.support.operations;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationVariables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stuck-escalation watch: an escalation that does not move where nobody looks becomes an incident on
 * its instance in Cockpit, of type {@value #TYPE}, its message starting with the ticket ID and saying why:
 *
 * <ul>
 *   <li>{@code INCIDENT}: an open incident anywhere in it (its instance or the deliveries of its mails,
 *       i.e. every instance with its business key);
 *   <li>{@code RESOLUTION_STALLED}: a resolution target passed (its breach is recorded) and nothing moved
 *       for {@code no-progress-after} since (no task of it completed, no change to another level);
 *   <li>{@code CUSTOMER_WAIT_OVERDUE}: it waits for the customer's reply past the wait task's due date (or
 *       {@code customer-wait} after the wait began, for a task without one).
 * </ul>
 *
 * One incident per escalation and reason (configuration {@code TICKET-1:REASON}), resolved at the next check
 * after the reason went away, i.e. when the escalation moves again. Every node runs the check every
 * {@code check-interval}, one node at a time (a row lock on {@code operations_lock}): the second finds the
 * first one's incidents and raises none.
 */
@Component
public class StuckEscalations implements SmartLifecycle {

  /** The incident type on the escalation instance. */
  public static final String TYPE = "escalationStuck";

  static final String LOCK = "stuck-escalations";
  static final int MAX_MESSAGE = 3900;

  private static final Logger log = LoggerFactory.getLogger(StuckEscalations.class);

  /** Why an escalation is stuck; part of the incident's configuration. */
  public enum Reason { INCIDENT, RESOLUTION_STALLED, CUSTOMER_WAIT_OVERDUE }

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final EscalationIncidents incidents;
  private final JdbcTemplate database;
  private final StuckEscalationsProperties properties;
  private final TransactionTemplate round;
  private final TransactionTemplate ownTransaction;
  private volatile ScheduledExecutorService scheduler;

  public StuckEscalations(RuntimeService runtime, TaskService tasks, HistoryService history,
      EscalationIncidents incidents, JdbcTemplate database, StuckEscalationsProperties properties,
      PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
    this.incidents = incidents;
    this.database = database;
    this.properties = properties;
    this.round = new TransactionTemplate(transactions);
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The configuration of an escalation's stuck incident for this reason. */
  public static String configuration(String ticketId, Reason reason) {
    return ticketId + ":" + reason;
  }

  /**
   * One round: raises the incidents of escalations that are stuck now and resolves those of escalations
   * that moved, holding the watch's lock so that nodes take turns.
   *
   * @return the stuck incidents open after the round, by configuration
   */
  public Map<String, String> check() {
    return round.execute(status -> {
      database.queryForObject("select name from operations_lock where name = ? for update", String.class, LOCK);
      Instant now = EscalationHistory.now();
      Map<String, Stuck> stuck = new LinkedHashMap<>();
      incidentsAnywhere(stuck);
      stalledResolutions(stuck, now);
      overdueCustomerWaits(stuck, now);

      Map<String, String> open = new LinkedHashMap<>();
      Set<String> already = incidents.open(TYPE).stream().map(Incident::getConfiguration).collect(Collectors.toSet());
      for (Incident incident : incidents.open(TYPE)) {
        if (!stuck.containsKey(incident.getConfiguration())) {
          inOwnTransaction(() -> incidents.resolve(TYPE, incident.getConfiguration()), incident.getConfiguration());
          log.info("{} moved again: its incident {} is resolved", incident.getConfiguration(), TYPE);
        } else {
          open.put(incident.getConfiguration(), incident.getIncidentMessage());
        }
      }
      stuck.forEach((configuration, escalation) -> {
        if (!already.contains(configuration)) {
          inOwnTransaction(() -> incidents.raise(escalation.processInstanceId(), TYPE, configuration, escalation.message())
              .ifPresent(incident -> {
                open.put(configuration, incident.getIncidentMessage());
                log.info("{} is stuck: incident {} raised on its escalation", configuration, TYPE);
              }), configuration);
        }
      });
      return open;
    });
  }

  private record Stuck(String processInstanceId, String message) {}

  private void put(Map<String, Stuck> stuck, ProcessInstance escalation, Reason reason, String why) {
    String message = escalation.getBusinessKey() + ": stuck: " + why;
    stuck.put(configuration(escalation.getBusinessKey(), reason), new Stuck(escalation.getId(),
        message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message));
  }

  /** Every instance with the escalation's business key counts: its own and its mails' deliveries. */
  private void incidentsAnywhere(Map<String, Stuck> stuck) {
    Map<String, List<Incident>> byInstance = runtime.createIncidentQuery().list().stream()
        .filter(incident -> !TYPE.equals(incident.getIncidentType()) && incident.getProcessInstanceId() != null)
        .collect(Collectors.groupingBy(Incident::getProcessInstanceId, LinkedHashMap::new, Collectors.toList()));
    if (byInstance.isEmpty()) {
      return;
    }
    Map<String, List<Incident>> byTicket = new LinkedHashMap<>();
    for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceIds(byInstance.keySet()).list()) {
      if (instance.getBusinessKey() != null) {
        byTicket.computeIfAbsent(instance.getBusinessKey(), k -> new java.util.ArrayList<>())
            .addAll(byInstance.get(instance.getId()));
      }
    }
    byTicket.forEach((ticketId, open) -> incidents.escalationOf(ticketId).ifPresent(escalation -> {
      Incident first = open.get(0);
      String which = open.stream().map(i -> i.getIncidentType() + " (" + i.getConfiguration() + ")")
          .collect(Collectors.joining(", "));
      put(stuck, escalation, Reason.INCIDENT, open.size() + " open incident(s) in it: " + which + "; the first, at "
          + first.getActivityId() + (first.getProcessInstanceId().equals(escalation.getId()) ? ""
              : " of another instance of the ticket (" + first.getProcessInstanceId() + ")")
          + ": " + first.getIncidentMessage());
    }));
  }

  /** Running escalations with a recorded resolution breach whose due instant is more than no-progress-after ago. */
  private void stalledResolutions(Map<String, Stuck> stuck, Instant now) {
    Instant latest = now.minus(properties.noProgressAfter());
    List<Map<String, Object>> breaches = database.queryForList("select e.process_instance_id, e.level, e.due_at"
        + " from escalation_event e where e.event_type = ? and e.due_at <= ?"
        + " and exists (select 1 from act_ru_execution x where x.id_ = e.process_instance_id)"
        + " order by e.due_at", EscalationEvent.Type.RESOLUTION_SLA_BREACHED.name(), Timestamp.from(latest));
    Map<String, Instant> lastProgress = new HashMap<>();
    Set<String> reported = new java.util.HashSet<>();
    for (Map<String, Object> breach : breaches) {
      String instanceId = (String) breach.get("process_instance_id");
      Instant due = ((Timestamp) breach.get("due_at")).toInstant();
      if (reported.contains(instanceId)) {
        continue; // its earliest unanswered breach is reported already
      }
      Instant progress = lastProgress.computeIfAbsent(instanceId, this::lastProgressOf);
      if (progress != null && !progress.isBefore(due)) {
        continue;
      }
      ProcessInstance escalation = runtime.createProcessInstanceQuery().processInstanceId(instanceId)
          .processDefinitionKey(EscalationVariables.PROCESS_ID).singleResult();
      if (escalation != null) {
        reported.add(instanceId);
        put(stuck, escalation, Reason.RESOLUTION_STALLED, "the resolution target of " + breach.get("level") + " passed at "
            + due + " and nothing moved since for more than " + properties.noProgressAfter()
            + " (no task completed, no change of level)" + (progress == null ? "" : "; the last progress was at " + progress));
      }
    }
  }

  /** The latest completed task of the escalation or change to another level; null if none. */
  private Instant lastProgressOf(String processInstanceId) {
    List<HistoricTaskInstance> completed = history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .finished().taskDeleteReason("completed").orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1);
    Instant task = completed.isEmpty() ? null : completed.get(0).getEndTime().toInstant();
    Timestamp changed = database.queryForObject("select max(changed_at) from escalation_level_change"
        + " where process_instance_id = ? and (from_level is null or from_level <> to_level)", Timestamp.class,
        processInstanceId);
    Instant level = changed == null ? null : changed.toInstant();
    return task == null ? level : level == null || task.isAfter(level) ? task : level;
  }

  private void overdueCustomerWaits(Map<String, Stuck> stuck, Instant now) {
    for (Task wait : tasks.createTaskQuery().processDefinitionKey(EscalationVariables.PROCESS_ID)
        .taskDefinitionKey(EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY).list()) {
      Instant began = wait.getCreateTime().toInstant();
      Instant due = wait.getDueDate() != null ? wait.getDueDate().toInstant() : began.plus(properties.customerWait());
      if (due.isAfter(now)) {
        continue;
      }
      ProcessInstance escalation = runtime.createProcessInstanceQuery().processInstanceId(wait.getProcessInstanceId())
          .singleResult();
      if (escalation != null) {
        put(stuck, escalation, Reason.CUSTOMER_WAIT_OVERDUE, "waiting for the customer's reply since " + began
            + ", due at " + due + (wait.getDueDate() != null ? "" : " (operations.stuck-escalations.customer-wait "
                + properties.customerWait() + ")"));
      }
    }
  }

  /** An optimistic-locking conflict with a job on the same escalation fails this one only, until the next round. */
  private void inOwnTransaction(Runnable work, String configuration) {
    try {
      ownTransaction.executeWithoutResult(status -> work.run());
    } catch (RuntimeException e) {
      log.warn("Stuck-escalation incident {} not updated now (next check in {}): {}", configuration,
          properties.checkInterval(), e.getMessage());
    }
  }

  // --- the schedule: every node, every check-interval -------------------------------------------------

  @Override
  public synchronized void start() {
    if (scheduler != null || !properties.enabled()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stuck-escalations");
      thread.setDaemon(true);
      return thread;
    });
    long interval = properties.checkInterval().toMillis();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        check();
      } catch (RuntimeException e) {
        log.warn("Checking for stuck escalations failed (again in {}): {}", properties.checkInterval(), e.getMessage());
      }
    }, interval, interval, TimeUnit.MILLISECONDS);
    log.info("Stuck-escalation watch started: every {}, a missed resolution target stalls after {}, a customer wait"
        + " without a due date after {}", properties.checkInterval(), properties.noProgressAfter(), properties.customerWait());
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
