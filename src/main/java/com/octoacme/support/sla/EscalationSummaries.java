package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationRecorded;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.LevelChangeRepository;
import com.octoacme.support.escalation.LevelPolicy;
import com.octoacme.support.notification.NotificationRepository;
import com.octoacme.support.notification.NotificationStateChanged;
import com.octoacme.support.notification.OutboxNotification;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The escalation's summary that every task form opens with, and the SLA state and due instant on the Tasklist
 * cards: process variables ({@code escalationSummary}, {@code slaState}, {@code slaDue}) recomputed from the
 * variables, the audit trail and the outbox each time something changes: an audit record (level change,
 * warning, breach, first response, pause, resolution: {@link EscalationRecorded}, in the recording
 * transaction), a level's clocks starting, and a mail changing state ({@link NotificationStateChanged}).
 */
@Service
public class EscalationSummaries {

  private static final Logger log = LoggerFactory.getLogger(EscalationSummaries.class);
  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", Locale.ENGLISH);

  /** Shown instead of a {@link SlaState} once the escalation is resolved. */
  public static final String RESOLVED = "Resolved";

  private final EscalationEventRepository events;
  private final LevelChangeRepository levelChanges;
  private final NotificationRepository outbox;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ZoneId zone;
  private final CommandExecutor commands;

  public EscalationSummaries(EscalationEventRepository events, LevelChangeRepository levelChanges,
      NotificationRepository outbox, RuntimeService runtime, TaskService tasks, BusinessCalendar calendar,
      ProcessEngineConfigurationImpl engineConfiguration) {
    this.commands = engineConfiguration.getCommandExecutorTxRequired();
    this.events = events;
    this.levelChanges = levelChanges;
    this.outbox = outbox;
    this.runtime = runtime;
    this.tasks = tasks;
    this.zone = calendar.defaultZone();
  }

  /** The audit records that change what the summary says (not e.g. a lead informed or a customer update sent). */
  private static final Set<EscalationEvent.Type> CHANGING = Set.of(EscalationEvent.Type.OPENED,
      EscalationEvent.Type.FIRST_RESPONSE, EscalationEvent.Type.SLA_WARNING, EscalationEvent.Type.RESPONSE_SLA_BREACHED,
      EscalationEvent.Type.RESOLUTION_SLA_BREACHED, EscalationEvent.Type.RESOLUTION_CLOCK_PAUSED,
      EscalationEvent.Type.RESOLUTION_CLOCK_RESUMED, EscalationEvent.Type.SLA_RECALCULATED, EscalationEvent.Type.RESOLVED,
      EscalationEvent.Type.REOPENED);

  @EventListener
  public void on(EscalationRecorded recorded) {
    if (recorded.event() != null && !CHANGING.contains(recorded.event().getType())) {
      return;
    }
    if (recorded.variables() != null) {
      refresh(recorded.variables());
    } else {
      String instanceId = recorded.event() != null ? recorded.event().getProcessInstanceId()
          : recorded.levelChange().getProcessInstanceId();
      refreshInstance(instanceId);
    }
  }

  /**
   * A mail was stored, sent or failed. After the sender's commit (or at once without a transaction), in a
   * transaction of its own: a conflict here must never undo the mail's state. Only the mails line is written
   * (never the summary, the SLA variables or the task cards, which the process's own steps write): a mail worker
   * must not make a step of the escalation fail on a concurrent update.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void on(NotificationStateChanged changed) {
    if (changed.ticketId() == null) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
            .processInstanceBusinessKey(changed.ticketId()).active().list()) {
          // read and written in one command: an escalation that ended since the query has no line to update
          // (a conflict with its ending is an OptimisticLockingException, retried here)
          commands.execute(context -> {
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance.getId());
            if (execution != null) {
              execution.setVariable(ESCALATION_MAILS.name(), mails(instance.getId(), changed.ticketId()));
            }
            return null;
          });
        }
        return;
      } catch (OptimisticLockingException e) {
        if (attempt == 3) {
          log.warn("Summary of {} not updated after mail {} went {}: {} (the next change updates it)",
              changed.ticketId(), changed.key(), changed.state(), e.getMessage());
          return;
        }
      }
    }
  }

  /** Recomputes the summary from inside the engine (a delegate's or listener's scope) and sets it on the instance. */
  public void refresh(VariableScope scope) {
    VariableScope instance = processInstanceOf(scope);
    Map<String, Object> variables = scope.getVariables();
    String processInstanceId = instance instanceof DelegateExecution e ? e.getProcessInstanceId() : null;
    if (processInstanceId == null || TICKET_ID.from(variables) == null) {
      return;
    }
    Summary summary = summarise(processInstanceId, variables);
    ESCALATION_SUMMARY.set(instance, summary.text());
    if (ESCALATION_MAILS.from(variables) == null) {
      ESCALATION_MAILS.set(instance, mails(processInstanceId, TICKET_ID.from(variables)));
    }
    SLA_STATE.set(instance, summary.state());
    SLA_DUE.set(instance, summary.due());
    updateCards(processInstanceId, variables, summary, scope instanceof DelegateTask task ? task.getId() : null);
  }

  /** A task just created ("create" listener): its card's variables. */
  public void showOnCard(DelegateTask task) {
    Map<String, Object> variables = task.getVariables();
    String state = SLA_STATE.from(variables);
    task.setVariablesLocal(card(variables, new Summary(null, state, SLA_DUE.from(variables))));
  }

  private void updateCards(String processInstanceId, Map<String, Object> variables, Summary summary, String skipTaskId) {
    Map<String, Object> card = card(variables, summary);
    for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
      if (!task.getId().equals(skipTaskId)) {
        tasks.setVariablesLocal(task.getId(), card);
      }
    }
  }

  private static Map<String, Object> card(Map<String, Object> v, Summary summary) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put(CARD_TICKET_ID.name(), TICKET_ID.from(v));
    card.put(CARD_CUSTOMER.name(), CUSTOMER_NAME.from(v));
    card.put(CARD_TIER.name(), ACCOUNT_TIER.from(v));
    card.put(CARD_LEVEL.name(), ESCALATION_LEVEL.from(v) != null ? ESCALATION_LEVEL.from(v) : DECIDED_LEVEL.from(v));
    card.put(CARD_SLA_STATE.name(), summary.state());
    card.put(CARD_SLA_DUE.name(), summary.due());
    return card;
  }

  private void refreshInstance(String processInstanceId) {
    Map<String, Object> variables = runtime.getVariables(processInstanceId);
    if (TICKET_ID.from(variables) == null) {
      return;
    }
    Summary summary = summarise(processInstanceId, variables);
    Map<String, Object> update = new LinkedHashMap<>();
    update.put(ESCALATION_SUMMARY.name(), summary.text());
    update.put(SLA_STATE.name(), summary.state());
    update.put(SLA_DUE.name(), summary.due());
    runtime.setVariables(processInstanceId, update);
    updateCards(processInstanceId, variables, summary, null);
  }

  private static VariableScope processInstanceOf(VariableScope scope) {
    if (scope instanceof DelegateTask task) {
      return task.getExecution() == null ? null : task.getExecution().getProcessInstance();
    }
    if (scope instanceof DelegateExecution execution) {
      return execution.getProcessInstance();
    }
    return null;
  }

  /** The summary's lines, the open clock's state and its due instant. */
  public record Summary(String text, String state, String due) {}

  Summary summarise(String processInstanceId, Map<String, Object> v) {
    String ticketId = TICKET_ID.from(v);
    Instant now = EscalationHistory.now();
    List<LevelChange> changes = levelChanges.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(c -> processInstanceId.equals(c.getProcessInstanceId())).toList();
    List<EscalationEvent> trail = events.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(e -> processInstanceId.equals(e.getProcessInstanceId())).toList();
    LevelChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
    Instant levelSince = last != null ? last.getChangedAt()
        : trail.stream().filter(e -> e.getType() == EscalationEvent.Type.OPENED).map(EscalationEvent::getOccurredAt)
            .findFirst().orElse(now);
    String level = ESCALATION_LEVEL.from(v);
    // this level's records, as the board takes them: at it, since it was entered (the breach that moved the
    // escalation up was the level below's)
    List<EscalationEvent> atLevel = trail.stream()
        .filter(e -> Objects.equals(e.getLevel(), level) && !e.getOccurredAt().isBefore(levelSince)).toList();

    String levelText = level != null ? level + titleOf(v) : DECIDED_LEVEL.from(v) != null
        ? DECIDED_LEVEL.from(v) + " (suggested, to be reviewed)" : "not decided yet";

    // the open clock: the response until every handler group acknowledged at this level, then the resolution
    int groups = LevelPolicy.groups(HANDLER_GROUPS.from(v)).size();
    long responses = count(atLevel, EscalationEvent.Type.FIRST_RESPONSE);
    boolean responded = level != null && groups > 0 && responses >= groups && last != null;
    String clockName = responded ? "Resolution" : "Response";
    Date due = responded ? RESOLUTION_DUE_AT.from(v) : RESPONSE_DUE_AT.from(v);
    Date warning = responded ? RESOLUTION_WARNING_AT.from(v) : RESPONSE_WARNING_AT.from(v);

    // the open clock's state by the rule the board uses too (SlaState); a resolved escalation has none running
    String state = count(atLevel, EscalationEvent.Type.RESOLVED) > 0 ? RESOLVED
        : SlaState.of(new SlaState.Clock(now, due == null ? null : due.toInstant(),
            warning == null ? null : warning.toInstant(), paused(atLevel),
            (int) (count(atLevel, EscalationEvent.Type.RESPONSE_SLA_BREACHED) + count(atLevel, EscalationEvent.Type.RESOLUTION_SLA_BREACHED)),
            atLevel.stream().filter(e -> e.getType() == EscalationEvent.Type.SLA_WARNING).map(EscalationEvent::getDueAt)
                .filter(Objects::nonNull).map(SlaState::seconds).collect(Collectors.toSet()))).label;
    String dueText = state.equals(RESOLVED) ? "" : state.equals(SlaState.PAUSED.label) ? "Resolution clock paused, waiting for the customer"
        : due == null ? "" : clockName + " due " + format(due.toInstant());

    List<String> lines = new ArrayList<>();
    lines.add("**" + ticketId + "** · " + CUSTOMER_NAME.from(v) + " · " + ACCOUNT_TIER.from(v) + " tier · level " + levelText);
    StringBuilder sla = new StringBuilder("SLA: **" + state + "**");
    if (!dueText.isEmpty()) {
      sla.append(" · ").append(dueText);
    }
    if (responded && RESPONSE_DUE_AT.from(v) != null) {
      sla.append(" · response was due ").append(format(RESPONSE_DUE_AT.from(v).toInstant()));
    } else if (!responded && RESOLUTION_DUE_AT.from(v) != null && !state.equals(RESOLVED)) {
      sla.append(" · resolution due ").append(format(RESOLUTION_DUE_AT.from(v).toInstant()));
    }
    lines.add(sla.toString());
    long breaches = count(trail, EscalationEvent.Type.RESPONSE_SLA_BREACHED) + count(trail, EscalationEvent.Type.RESOLUTION_SLA_BREACHED);
    if (breaches > 0) {
      lines.add("Breaches so far: " + breaches);
    }
    lines.add(last == null ? "Level change: none yet"
        : "Last level change: " + (last.getFromLevel() == null ? "" : last.getFromLevel() + " → ") + last.getToLevel()
            + " (" + kindText(last.getKind()) + ") by " + last.getChangedBy() + ", " + format(last.getChangedAt())
            + (last.getReason() == null || last.getReason().isBlank() ? "" : ": " + last.getReason()));
    return new Summary(String.join("\n\n", lines), state, dueText);
  }

  /**
   * Whether the mails of the current level went out: those the outbox holds since the level was entered (the last
   * level change, else the escalation's opening).
   */
  String mails(String processInstanceId, String ticketId) {
    Instant since = levelChanges.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(c -> processInstanceId.equals(c.getProcessInstanceId())).map(LevelChange::getChangedAt)
        .reduce((a, b) -> b).orElse(Instant.EPOCH);
    List<OutboxNotification> mails = outbox.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(m -> !m.getCreatedAt().isBefore(since)).toList();
    if (mails.isEmpty()) {
      return "Mails at this level: none yet";
    }
    long sent = mails.stream().filter(m -> m.state() == NotificationStateChanged.State.SENT).count();
    List<String> failed = mails.stream().filter(m -> m.state() == NotificationStateChanged.State.FAILED)
        .map(m -> m.getKind() + " to " + String.join(", ", m.getRecipients()) + " (attempt " + m.getAttempts() + ")").toList();
    long pending = mails.size() - sent - failed.size();
    if (sent == mails.size()) {
      return "Mails at this level: all " + sent + " sent";
    }
    return "Mails at this level: " + sent + " of " + mails.size() + " sent"
        + (pending > 0 ? ", " + pending + " pending" : "")
        + (failed.isEmpty() ? "" : ", **" + failed.size() + " failed**: " + String.join("; ", failed));
  }

  private static final Set<EscalationEvent.Type> PAUSES = Set.of(EscalationEvent.Type.RESOLUTION_CLOCK_PAUSED,
      EscalationEvent.Type.RESOLUTION_CLOCK_RESUMED);

  private static boolean paused(List<EscalationEvent> atLevel) {
    return atLevel.stream().filter(e -> PAUSES.contains(e.getType())).reduce((a, b) -> b)
        .map(e -> e.getType() == EscalationEvent.Type.RESOLUTION_CLOCK_PAUSED).orElse(false);
  }

  private static long count(List<EscalationEvent> trail, EscalationEvent.Type type) {
    return trail.stream().filter(e -> e.getType() == type).count();
  }

  private static String titleOf(Map<String, Object> v) {
    String title = LEVEL_TITLE.from(v);
    return title == null ? "" : " " + title;
  }

  private static String kindText(LevelChange.Kind kind) {
    return switch (kind) {
      case DECIDED -> "decided";
      case OVERRIDDEN -> "level overridden at review";
      case ESCALATED -> "escalated";
      case HANDED_BACK -> "handed back";
      case SLA_BREACH -> "SLA breach";
      case REOPENED -> "reopened";
    };
  }

  private String format(Instant instant) {
    return INSTANT.format(instant.atZone(zone));
  }
}
