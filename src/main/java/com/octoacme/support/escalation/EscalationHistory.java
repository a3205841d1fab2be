package com.octoacme.support.escalation;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Writes an escalation's audit trail. Called from delegates and listeners inside the engine's
 * transaction (the engine and JPA share it), so a rolled-back step leaves no trace here either.
 * Each saved record is published as an {@link EscalationRecorded} in that same transaction.
 */
@Service
public class EscalationHistory {

  private final LevelChangeRepository levelChanges;
  private final EscalationEventRepository events;
  private final AcknowledgementRepository acknowledgements;
  private final ApplicationEventPublisher publisher;

  public EscalationHistory(LevelChangeRepository levelChanges, EscalationEventRepository events,
      AcknowledgementRepository acknowledgements, ApplicationEventPublisher publisher) {
    this.levelChanges = levelChanges;
    this.events = events;
    this.acknowledgements = acknowledgements;
    this.publisher = publisher;
  }

  /** A handler group's first response at the current level, kept apart from every other group's. */
  public Acknowledgement recordAcknowledgement(VariableScope scope, String processInstanceId, String handlerGroup,
      String by, String assessment) {
    return acknowledgements.save(new Acknowledgement(ticketId(scope), processInstanceId,
        EscalationVariables.ESCALATION_LEVEL.require(scope), handlerGroup, by, now(), assessment));
  }

  public List<Acknowledgement> acknowledgementsOf(String ticketId) {
    return acknowledgements.findByTicketIdOrderByIdAsc(ticketId);
  }

  /** The engine's clock, so that tests that move it see consistent audit instants. */
  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public LevelChange recordLevelChange(DelegateExecution execution, String from, String to,
      LevelChange.Kind kind, String reason, String changedBy) {
    LevelChange change = levelChanges.save(new LevelChange(ticketId(execution), execution.getProcessInstanceId(), from,
        to, kind, reason, changedBy, now()));
    publisher.publishEvent(EscalationRecorded.of(change, execution));
    return change;
  }

  public EscalationEvent recordEvent(VariableScope scope, String processInstanceId, EscalationEvent.Type type,
      String detail, String actor, Date dueAt) {
    String level = EscalationVariables.ESCALATION_LEVEL.from(scope).orElse(null);
    EscalationEvent event = events.save(new EscalationEvent(ticketId(scope), processInstanceId, level, type, detail,
        actor, now(), dueAt == null ? null : dueAt.toInstant()));
    publisher.publishEvent(EscalationRecorded.of(event, scope));
    return event;
  }

  /** For operations outside a delegate, such as an SLA recalculation. */
  public EscalationEvent recordEvent(String ticketId, String processInstanceId, String level,
      EscalationEvent.Type type, String detail, String actor) {
    EscalationEvent event = events.save(new EscalationEvent(ticketId, processInstanceId, level, type, detail, actor,
        now(), null));
    publisher.publishEvent(EscalationRecorded.of(event, null));
    return event;
  }

  /** The ticket's latest SLA breach (response or resolution). */
  public EscalationEvent latestBreach(String ticketId) {
    List<EscalationEvent> breaches = events.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(e -> e.getType() == EscalationEvent.Type.RESPONSE_SLA_BREACHED
            || e.getType() == EscalationEvent.Type.RESOLUTION_SLA_BREACHED).toList();
    if (breaches.isEmpty()) {
      throw new IllegalStateException("no SLA breach recorded for " + ticketId);
    }
    return breaches.get(breaches.size() - 1);
  }

  /** Why no warning came before this breach, if none did (the breach recorded it as SLA_WARNING_SKIPPED); else null. */
  public String warningSkipped(String ticketId, EscalationEvent breach) {
    String sla = breach.getType() == EscalationEvent.Type.RESPONSE_SLA_BREACHED ? "RESPONSE" : "RESOLUTION";
    return events.findByTicketIdAndTypeOrderByIdAsc(ticketId, EscalationEvent.Type.SLA_WARNING_SKIPPED).stream()
        .filter(e -> breach.getDueAt().equals(e.getDueAt()) && e.getDetail().startsWith(sla + " "))
        .map(e -> e.getDetail().substring(e.getDetail().indexOf(": ") + 2))
        .findFirst().orElse(null);
  }

  /** The ticket's latest level change (the first decision included). */
  public LevelChange latestLevelChange(String ticketId) {
    List<LevelChange> changes = levelChanges.findByTicketIdOrderByIdAsc(ticketId);
    if (changes.isEmpty()) {
      throw new IllegalStateException("no level change recorded for " + ticketId);
    }
    return changes.get(changes.size() - 1);
  }

  private static String ticketId(VariableScope scope) {
    return EscalationVariables.TICKET_ID.require(scope);
  }
}
