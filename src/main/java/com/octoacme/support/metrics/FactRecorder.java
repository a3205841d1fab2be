package com.octoacme.support.metrics;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.EscalationRecorded;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.ProcessVariable;
import com.octoacme.support.sla.CalendarKind;
import com.octoacme.support.sla.BusinessCalendar;
import com.octoacme.support.sla.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the escalation's audit records into metric facts, in the transaction that saved the record (a
 * synchronous listener): a rolled-back step leaves no fact, a committed one leaves exactly one, keyed by
 * its audit record. Business durations come from the SLA package's calendar, on the level's SLA calendar
 * and the account's zone, so they match the SLA clocks. The backfill calls the same methods.
 */
@Component
public class FactRecorder {

  /** What the recorder reads of an escalation's variables: a delegate's scope, or the historic values. */
  public interface Variables {
    <T> Optional<T> get(ProcessVariable<T> variable);

    static Variables of(VariableScope scope) {
      return new Variables() {
        @Override
        public <T> Optional<T> get(ProcessVariable<T> variable) {
          return scope == null ? Optional.empty() : variable.from(scope);
        }
      };
    }
  }

  private static final Pattern SCORE = Pattern.compile("CSAT (\\d)");
  private static final Pattern HANDLER_GROUP_DETAIL = Pattern.compile("Acknowledged for (\\S+)");
  private static final EnumSet<FactType> LEVEL_SETTING = EnumSet.of(FactType.ESCALATED, FactType.LEVEL_CHANGED);
  private static final EnumSet<FactType> SCORED = EnumSet.of(FactType.CSAT_RECEIVED, FactType.CLOSED);

  private final EscalationFactRepository facts;
  private final EscalationEventRepository events;
  private final SlaClock clock;
  private final BusinessCalendar calendar;
  private final EscalationMeters meters;
  private final OpenEscalationRepository open;
  private final MetricsRollup rollup;

  public FactRecorder(EscalationFactRepository facts, EscalationEventRepository events, SlaClock clock,
      BusinessCalendar calendar, EscalationMeters meters, OpenEscalationRepository open, MetricsRollup rollup) {
    this.facts = facts;
    this.rollup = rollup;
    this.open = open;
    this.events = events;
    this.clock = clock;
    this.calendar = calendar;
    this.meters = meters;
  }

  @EventListener
  public void on(EscalationRecorded recorded) {
    Variables variables = Variables.of(recorded.variables());
    if (recorded.levelChange() != null) {
      record(recorded.levelChange(), variables);
    } else if (recorded.event() != null) {
      record(recorded.event(), variables);
    }
  }

  /** @return whether a fact was added (false: none is due for this record, or it is recorded already) */
  public boolean record(LevelChange change, Variables variables) {
    String key = "change:" + change.getId();
    if (facts.existsByFactKey(key)) {
      return false;
    }
    String to = Objects.toString(change.getToLevel(), null);
    String from = Objects.toString(change.getFromLevel(), null);
    boolean first = change.getKind() == LevelChange.Kind.DECIDED || change.getKind() == LevelChange.Kind.OVERRIDDEN;
    EscalationFact.Dimensions dimensions = dimensions(change.getTicketId(), change.getProcessInstanceId(), variables,
        change.getChangedAt());
    EscalationFact.Builder fact = EscalationFact.builder(key, first ? FactType.ESCALATED : FactType.LEVEL_CHANGED,
        dimensions, change.getChangedAt(), to).change(from, change.getKind().name(), upward(change));
    return append(fact.build());
  }

  public boolean record(EscalationEvent event, Variables variables) {
    FactType type = typeOf(event.getType());
    String level = Objects.toString(event.getLevel(), null);
    if (type == null || level == null) {
      return false; // not a metric fact (opened, lead informed, customer updates, recalculated, fix verified)
    }
    String key = "event:" + event.getId();
    if (facts.existsByFactKey(key)) {
      return false;
    }
    Instant at = event.getOccurredAt();
    EscalationFact.Dimensions dimensions = dimensions(event.getTicketId(), event.getProcessInstanceId(), variables, at);
    EscalationFact.Builder fact = EscalationFact.builder(key, type, dimensions, at, level);
    switch (type) {
      case FIRST_RESPONSE -> {
        Instant entered = variables.get(LEVEL_ENTERED_AT).map(d -> d.toInstant())
            .orElseGet(() -> levelEnteredAt(event.getProcessInstanceId(), at));
        fact.handlerGroup(variables.get(HANDLER_GROUP).orElseGet(() -> match(HANDLER_GROUP_DETAIL, event.getDetail())))
            .due(event.getDueAt()).durations(Duration.between(entered, at).toSeconds(),
                business(level, entered, at, variables).toSeconds());
      }
      case RESOLVED -> fact.firstOfType(!facts.existsByProcessInstanceIdAndType(event.getProcessInstanceId(), FactType.RESOLVED))
          .due(event.getDueAt()).durations(Duration.between(dimensions.escalatedAt(), at).toSeconds(),
          business(level, dimensions.escalatedAt(), at, variables).toSeconds());
      case WARNING -> fact.sla(variables.get(WARNED_SLA).orElseGet(() -> firstWord(event.getDetail()))).due(event.getDueAt());
      case BREACH -> fact.sla(event.getType() == EscalationEvent.Type.RESPONSE_SLA_BREACHED ? "RESPONSE" : "RESOLUTION")
          .due(event.getDueAt());
      case CSAT_RECEIVED, CLOSED -> fact.csat(Optional.ofNullable(match(SCORE, event.getDetail())).map(Long::valueOf)
          .or(() -> variables.get(CSAT_SCORE)).orElse(null),
          facts.findFirstByProcessInstanceIdAndTypeInAndCsatScoreNotNullOrderByIdDesc(event.getProcessInstanceId(), SCORED)
              .map(EscalationFact::getCsatScore).orElse(null));
      default -> { }
    }
    return append(fact.build());
  }

  private boolean append(EscalationFact fact) {
    facts.save(fact);
    rollup.record(fact);
    meters.recorded(fact);
    project(fact);
    if (becomesReEscalation(fact)) {
      EscalationFact opening = facts.findFirstByProcessInstanceIdAndTypeOrderByIdAsc(fact.getProcessInstanceId(),
          FactType.ESCALATED).orElse(fact);
      rollup.record(facts.save(EscalationFact.builder("reescalated:" + fact.getProcessInstanceId(),
          FactType.RE_ESCALATED, fact.dimensions(), fact.getOccurredAt(), fact.getLevel()).fromLevel(opening.getLevel())
          .build()));
    }
    return true;
  }

  /** Its second upward level change, or its first reopening (and it was no re-escalation before). */
  private boolean becomesReEscalation(EscalationFact fact) {
    String pid = fact.getProcessInstanceId();
    boolean trigger = fact.getType() == FactType.REOPENED
        || fact.getType() == FactType.LEVEL_CHANGED && Boolean.TRUE.equals(fact.getUpward())
        && facts.countByProcessInstanceIdAndTypeAndUpwardTrue(pid, FactType.LEVEL_CHANGED) >= 2;
    return trigger && !facts.existsByProcessInstanceIdAndType(pid, FactType.RE_ESCALATED);
  }

  /**
   * Rebuilds the escalation's row of the open projection from its facts, in their order (the backfill: an
   * escalation whose later facts were recorded live, before its first ones were backfilled).
   */
  public void rebuildOpenProjection(String processInstanceId) {
    open.deleteById(processInstanceId);
    open.flush();
    facts.findByProcessInstanceIdOrderByIdAsc(processInstanceId).forEach(this::project);
  }

  /** Keeps the projection of open escalations. */
  private void project(EscalationFact fact) {
    switch (fact.getType()) {
      case ESCALATED -> {
        if (!open.existsById(fact.getProcessInstanceId())) {
          open.save(new OpenEscalation(fact.dimensions(), fact.getLevel()));
        }
      }
      case LEVEL_CHANGED -> open.findById(fact.getProcessInstanceId()).ifPresent(o -> o.movedTo(fact.getLevel()));
      case BREACH -> open.findById(fact.getProcessInstanceId()).ifPresent(OpenEscalation::breached);
      case CLOSED -> open.deleteById(fact.getProcessInstanceId());
      default -> { }
    }
  }

  private static FactType typeOf(EscalationEvent.Type type) {
    return switch (type) {
      case FIRST_RESPONSE -> FactType.FIRST_RESPONSE;
      case SLA_WARNING -> FactType.WARNING;
      case RESPONSE_SLA_BREACHED, RESOLUTION_SLA_BREACHED -> FactType.BREACH;
      case RESOLUTION_CLOCK_PAUSED -> FactType.PAUSED;
      case RESOLUTION_CLOCK_RESUMED -> FactType.RESUMED;
      case RESOLVED -> FactType.RESOLVED;
      case REOPENED -> FactType.REOPENED;
      case CSAT_RECEIVED -> FactType.CSAT_RECEIVED;
      case CLOSED -> FactType.CLOSED;
      default -> null;
    };
  }

  /** The escalation's dimensions: those of its first fact, so that all its facts agree; else from its variables. */
  private EscalationFact.Dimensions dimensions(String ticketId, String processInstanceId, Variables variables,
      Instant fallbackOpenedAt) {
    return facts.findFirstByProcessInstanceIdAndTypeOrderByIdAsc(processInstanceId, FactType.ESCALATED)
        .map(EscalationFact::dimensions)
        .orElseGet(() -> {
          String issueType = variables.get(ISSUE_TYPE).orElse(null);
          String category = EscalationCategory.of(action -> variables.get(action.requested).orElse(false), issueType).name();
          Instant openedAt = events.findByTicketIdAndTypeOrderByIdAsc(ticketId, EscalationEvent.Type.OPENED).stream()
              .filter(e -> e.getProcessInstanceId().equals(processInstanceId)).findFirst()
              .map(EscalationEvent::getOccurredAt).orElse(fallbackOpenedAt);
          return new EscalationFact.Dimensions(ticketId, processInstanceId, openedAt,
              variables.get(ACCOUNT_TIER).orElse(null), category, issueType);
        });
  }

  private Instant levelEnteredAt(String processInstanceId, Instant fallback) {
    return facts.findFirstByProcessInstanceIdAndTypeInOrderByIdDesc(processInstanceId, LEVEL_SETTING)
        .map(EscalationFact::getOccurredAt).orElse(fallback);
  }

  /** Working time on the level's SLA calendar (24x7 levels: wall time), in the account's zone. */
  private Duration business(String level, Instant from, Instant to, Variables variables) {
    CalendarKind kind = level == null ? CalendarKind.BUSINESS_HOURS : clock.policyOf(level).calendar();
    return calendar.businessTimeBetween(from, to, kind, clock.zoneFor(variables.get(ACCOUNT_TIME_ZONE).orElse(null)));
  }

  /** Up a level: escalated by hand, or by a breach that moved it (levels are data: the change's kind says so). */
  static boolean upward(LevelChange change) {
    return change.getKind() == LevelChange.Kind.ESCALATED
        || (change.getKind() == LevelChange.Kind.SLA_BREACH && !Objects.equals(change.getFromLevel(), change.getToLevel()));
  }

  private static String match(Pattern pattern, String text) {
    if (text == null) {
      return null;
    }
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String firstWord(String text) {
    return text == null ? null : text.split(" ", 2)[0];
  }
}
