package com.octoacme.support.board;

import com.octoacme.support.sla.SlaState;
import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.board.BoardViews.Entry;
import com.octoacme.support.board.BoardViews.Found;
import com.octoacme.support.board.BoardViews.LevelGroup;
import com.octoacme.support.board.BoardViews.OpenTask;
import com.octoacme.support.board.BoardViews.Sla;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.LevelPolicies;
import com.octoacme.support.escalation.LevelPolicy;
import com.octoacme.support.escalation.ProcessVariable;
import com.octoacme.support.intake.EscalationStatus;
import com.octoacme.support.security.EscalationReadAccess;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Reads the board from the engine (running instances, their tasks and variables; the history for closed
 * escalations) and the audit trail, for the caller: only escalations {@link EscalationReadAccess} lets them
 * read. A constant number of queries per board, whatever the number of escalations (in chunks), except one
 * per escalation that has no open task (its active elements decide whether it is resolved).
 */
@Service
class BoardQueries {

  /** The instance variables the board shows. */
  static final List<ProcessVariable<?>> SHOWN = List.of(TICKET_ID, CUSTOMER_NAME, ACCOUNT_TIER, ESCALATION_LEVEL,
      DECIDED_LEVEL, ISSUE_SUMMARY, HANDLER_GROUPS, NEXT_UPDATE_DUE, LEVEL_TITLE);
  /** Open tasks that run no SLA clock: the customer update (communication plan), the wait for the customer (paused). */
  static final Set<String> NO_SLA_TASKS = Set.of(EscalationModel.TASK_SEND_CUSTOMER_UPDATE,
      EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY);
  static final int CHUNK = 500;
  /** At most this many search hits (the newest). */
  static final int SEARCH_LIMIT = 50;

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final EscalationReadAccess readAccess;
  private final LevelPolicies levelPolicies;
  private final EntityManager entities;
  private final Duration refresh;

  BoardQueries(RuntimeService runtime, TaskService tasks, HistoryService history, EscalationReadAccess readAccess,
      LevelPolicies levelPolicies, EntityManager entities, @Value("${board.refresh:PT10S}") Duration refresh) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
    this.readAccess = readAccess;
    this.levelPolicies = levelPolicies;
    this.entities = entities;
    this.refresh = refresh;
  }

  /** Every open escalation the caller may read, grouped by level in the level policy's order. */
  BoardViews.Board board(Authentication caller) {
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID).list();
    Set<String> readable = readAccess.readableBy(caller, running.stream().map(ProcessInstance::getId).toList());
    List<ProcessInstance> shown = running.stream().filter(pi -> readable.contains(pi.getId())).toList();
    List<Entry> entries = entries(shown);
    List<String> order = new ArrayList<>();
    order.add(null); // not reviewed yet: Support's to do first
    order.addAll(levelPolicies.levels());
    Map<String, List<Entry>> byLevel = entries.stream()
        .collect(Collectors.groupingBy(e -> Optional.ofNullable(e.level()).orElse(""), LinkedHashMap::new, Collectors.toList()));
    entries.stream().map(Entry::level).filter(Objects::nonNull).filter(l -> !order.contains(l)).distinct().sorted()
        .forEach(order::add);
    List<LevelGroup> groups = new ArrayList<>();
    for (String level : order) {
      List<Entry> atLevel = byLevel.getOrDefault(level == null ? "" : level, List.of());
      if (level == null && atLevel.isEmpty()) {
        continue;
      }
      String title = level == null ? "Level not reviewed yet"
          : levelPolicies.find(level).map(LevelPolicy::title).orElse(level);
      groups.add(new LevelGroup(level, title, atLevel.stream().sorted(Comparator.comparing(Entry::openedAt,
          Comparator.nullsLast(Comparator.naturalOrder()))).toList()));
    }
    return new BoardViews.Board(EscalationHistory.now(), refresh.toSeconds(), entries.size(), groups);
  }

  /** The board's entries of these running instances (no access check: the caller has done it). */
  List<Entry> entries(List<ProcessInstance> instances) {
    if (instances.isEmpty()) {
      return List.of();
    }
    Instant now = EscalationHistory.now();
    List<String> ids = instances.stream().map(ProcessInstance::getId).toList();
    Map<String, List<Task>> openTasks = new HashMap<>();
    Map<String, Map<String, Object>> variables = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      tasks.createTaskQuery().processInstanceIdIn(chunk.toArray(String[]::new)).list()
          .forEach(t -> openTasks.computeIfAbsent(t.getProcessInstanceId(), k -> new ArrayList<>()).add(t));
      for (VariableInstance v : runtime.createVariableInstanceQuery().processInstanceIdIn(chunk.toArray(String[]::new))
          .variableNameIn(names(SHOWN)).disableBinaryFetching().disableCustomObjectDeserialization().list()) {
        Map<String, Object> own = variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
        // the instance's own value wins over a local one of the same name
        if (v.getProcessInstanceId().equals(v.getExecutionId()) || !own.containsKey(v.getName())) {
          own.put(v.getName(), v.getValue());
        }
      }
    }
    List<String> tickets = instances.stream().map(ProcessInstance::getBusinessKey).filter(Objects::nonNull).distinct().toList();
    Map<String, List<EscalationEvent>> slaEvents = slaEvents(tickets);
    Map<String, Instant> levelEntered = latestLevelChanges(tickets);
    Map<String, Instant> openedAt = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk)).list()
          .forEach(h -> openedAt.put(h.getId(), instant(h.getStartTime())));
    }
    List<Entry> entries = new ArrayList<>();
    for (ProcessInstance pi : instances) {
      List<Task> own = openTasks.getOrDefault(pi.getId(), List.of()).stream()
          .sorted(Comparator.comparing(Task::getDueDate, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
      Collection<String> active = own.isEmpty() ? runtime.getActiveActivityIds(pi.getId())
          : own.stream().map(Task::getTaskDefinitionKey).collect(Collectors.toSet());
      EscalationStatus status = EscalationStatus.ofRunning(active);
      Map<String, Object> v = variables.getOrDefault(pi.getId(), Map.of());
      Instant since = levelEntered.get(pi.getId());
      String level = ESCALATION_LEVEL.from(v);
      // this level's: recorded at it, since it was entered (a breach that moved the escalation up was the level below's)
      List<EscalationEvent> events = slaEvents.getOrDefault(pi.getId(), List.of()).stream()
          .filter(e -> Objects.equals(e.getLevel(), level) && (since == null || !e.getOccurredAt().isBefore(since)))
          .toList();
      Sla sla = sla(now, own, status == EscalationStatus.WAITING_FOR_CUSTOMER, events);
      String ticketId = pi.getBusinessKey();
      List<OpenTask> taskViews = own.stream().map(t -> new OpenTask(t.getId(), t.getName(), t.getTaskDefinitionKey(),
          t.getAssignee(), instant(t.getDueDate()), tasklistLink(t.getId()))).toList();
      Map<String, String> links = new LinkedHashMap<>();
      links.put("page", pageLink(ticketId));
      own.stream().filter(t -> !NO_SLA_TASKS.contains(t.getTaskDefinitionKey())).findFirst()
          .or(() -> own.stream().findFirst()).ifPresent(t -> links.put("tasklist", tasklistLink(t.getId())));
      links.put("cockpit", cockpitLink(pi.getId()));
      entries.add(new Entry(ticketId, pi.getId(), CUSTOMER_NAME.from(v), ACCOUNT_TIER.from(v), level,
          DECIDED_LEVEL.from(v), ISSUE_SUMMARY.from(v), status, sla, LevelPolicy.groups(HANDLER_GROUPS.from(v)),
          own.stream().map(Task::getAssignee).filter(Objects::nonNull).distinct().toList(),
          instant(NEXT_UPDATE_DUE.from(v)), openedAt.get(pi.getId()), taskViews, links));
    }
    return entries;
  }

  static Sla sla(Instant now, List<Task> openTasks, boolean waiting, List<EscalationEvent> eventsAtLevel) {
    Task clock = openTasks.stream().filter(t -> !NO_SLA_TASKS.contains(t.getTaskDefinitionKey()))
        .filter(t -> t.getDueDate() != null).min(Comparator.comparing(Task::getDueDate)).orElse(null);
    Instant due = clock == null ? null : instant(clock.getDueDate());
    Instant warning = clock == null ? null : instant(clock.getFollowUpDate());
    List<EscalationEvent> breaches = eventsAtLevel.stream().filter(e -> isBreach(e.getType())).toList();
    Set<Instant> warned = eventsAtLevel.stream().filter(e -> e.getType() == EscalationEvent.Type.SLA_WARNING)
        .map(EscalationEvent::getDueAt).filter(Objects::nonNull).map(SlaState::seconds).collect(Collectors.toSet());
    SlaState state = SlaState.of(new SlaState.Clock(now, due, warning, waiting, breaches.size(), warned));
    String task = clock == null ? null : "'" + clock.getName() + "'";
    String reason = switch (state) {
      case BREACHED -> breaches.isEmpty() ? task + " was due at " + due + " and is not done"
          : breaches.stream().map(b -> (b.getType() == EscalationEvent.Type.RESPONSE_SLA_BREACHED ? "response" : "resolution")
              + " SLA breached at " + b.getLevel() + " (due " + b.getDueAt() + ")").collect(Collectors.joining("; "));
      case PAUSED -> "the resolution clock stands still while the escalation waits for the customer";
      case AT_RISK -> "past the warning instant of " + task + " (due " + due + ")";
      case ON_TRACK -> due == null ? "no SLA clock is running" : task + " is due at " + due;
    };
    return new Sla(state, state.label, reason, due, warning, breaches.size());
  }

  /** Escalations (open and closed) whose ticket ID or customer contains the text, newest first. */
  BoardViews.Search search(Authentication caller, String query) {
    String like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    Map<String, HistoricProcessInstance> found = new LinkedHashMap<>();
    for (String key : new LinkedHashSet<String>(List.of(like, like.toUpperCase(java.util.Locale.ROOT)))) {
      history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID).processInstanceBusinessKeyLike(key)
          .orderByProcessInstanceStartTime().desc().listPage(0, SEARCH_LIMIT * 4)
          .forEach(h -> found.putIfAbsent(h.getId(), h));
    }
    history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .variableValueLike(CUSTOMER_NAME.name(), like).matchVariableValuesIgnoreCase()
        .orderByProcessInstanceStartTime().desc().listPage(0, SEARCH_LIMIT * 4)
        .forEach(h -> found.putIfAbsent(h.getId(), h));
    Set<String> readable = readAccess.readableBy(caller, found.keySet());
    List<HistoricProcessInstance> hits = found.values().stream().filter(h -> readable.contains(h.getId()))
        .sorted(Comparator.comparing(HistoricProcessInstance::getStartTime).reversed()).toList();
    List<HistoricProcessInstance> page = hits.subList(0, Math.min(hits.size(), SEARCH_LIMIT));
    Map<String, Map<String, Object>> variables = historicVariables(page.stream().map(HistoricProcessInstance::getId).toList());
    List<Found> rows = new ArrayList<>();
    for (HistoricProcessInstance h : page) {
      Map<String, Object> v = variables.getOrDefault(h.getId(), Map.of());
      rows.add(new Found(h.getBusinessKey(), h.getId(), CUSTOMER_NAME.from(v), ACCOUNT_TIER.from(v),
          ESCALATION_LEVEL.from(v), status(h), instant(h.getStartTime()), instant(h.getEndTime()),
          Map.of("page", pageLink(h.getBusinessKey()), "cockpit", cockpitLink(h.getId()))));
    }
    return new BoardViews.Search(query, rows, hits.size() > SEARCH_LIMIT);
  }

  /** The ticket's escalation: its latest process instance (one ticket, one escalation through the API). */
  Optional<HistoricProcessInstance> instanceOf(String ticketId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .processInstanceBusinessKey(ticketId).orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst();
  }

  EscalationStatus status(HistoricProcessInstance h) {
    if (h.getEndTime() != null) {
      return EscalationStatus.CLOSED;
    }
    return EscalationStatus.ofRunning(runtime.getActiveActivityIds(h.getId()));
  }

  /** The running instance, if it still runs. */
  Optional<ProcessInstance> running(String processInstanceId) {
    return Optional.ofNullable(runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult());
  }

  /** The instances' own variables as the history keeps them (the latest values, also of running ones). */
  Map<String, Map<String, Object>> historicVariables(List<String> processInstanceIds) {
    Map<String, Map<String, Object>> variables = new HashMap<>();
    for (List<String> chunk : chunks(processInstanceIds)) {
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(chunk.toArray(String[]::new)).variableNameIn(names(SHOWN))
          .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
        Map<String, Object> own = variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
        if (v.getProcessInstanceId().equals(v.getExecutionId()) || !own.containsKey(v.getName())) {
          own.put(v.getName(), v.getValue());
        }
      }
    }
    return variables;
  }

  /** Warnings and breaches of these tickets, per process instance. */
  private Map<String, List<EscalationEvent>> slaEvents(List<String> tickets) {
    Map<String, List<EscalationEvent>> events = new HashMap<>();
    for (List<String> chunk : chunks(tickets)) {
      entities.createQuery("select e from EscalationEvent e where e.ticketId in :tickets and e.type in :types",
              EscalationEvent.class)
          .setParameter("tickets", chunk)
          .setParameter("types", List.of(EscalationEvent.Type.SLA_WARNING, EscalationEvent.Type.RESPONSE_SLA_BREACHED,
              EscalationEvent.Type.RESOLUTION_SLA_BREACHED))
          .getResultList()
          .forEach(e -> events.computeIfAbsent(e.getProcessInstanceId(), k -> new ArrayList<>()).add(e));
    }
    return events;
  }

  /**
   * When each instance entered its current level: its latest level change to another level, or its reopening. A
   * breach that keeps the level (at the top: the lead is informed, the clocks restart) records a change from the
   * level to itself; it does not start the level afresh, so the level stays breached.
   */
  private Map<String, Instant> latestLevelChanges(List<String> tickets) {
    Map<String, Instant> latest = new HashMap<>();
    for (List<String> chunk : chunks(tickets)) {
      for (LevelChange c : entities.createQuery("select c from LevelChange c where c.ticketId in :tickets",
          LevelChange.class).setParameter("tickets", chunk).getResultList()) {
        boolean entered = c.getFromLevel() == null || !c.getFromLevel().equals(c.getToLevel())
            || c.getKind() == LevelChange.Kind.REOPENED;
        if (entered) {
          latest.merge(c.getProcessInstanceId(), c.getChangedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    }
    return latest;
  }

  static boolean isBreach(EscalationEvent.Type type) {
    return type == EscalationEvent.Type.RESPONSE_SLA_BREACHED || type == EscalationEvent.Type.RESOLUTION_SLA_BREACHED;
  }

  static String tasklistLink(String taskId) {
    return "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  static String cockpitLink(String processInstanceId) {
    return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
  }

  static String pageLink(String ticketId) {
    return "/board/escalation.html?ticket=" + java.net.URLEncoder.encode(ticketId, java.nio.charset.StandardCharsets.UTF_8);
  }

  static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String[] names(List<ProcessVariable<?>> variables) {
    return variables.stream().map(ProcessVariable::name).toArray(String[]::new);
  }

  static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return chunks;
  }
}
