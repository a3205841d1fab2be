package com.octoacme.support.escalation;

import java.time.Instant;
import java.util.Date;
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
  private final ApplicationEventPublisher publisher;

  public EscalationHistory(LevelChangeRepository levelChanges, EscalationEventRepository events,
      ApplicationEventPublisher publisher) {
    this.levelChanges = levelChanges;
    this.events = events;
    this.publisher = publisher;
  }

  /** The engine's clock, so that tests that move it see consistent audit instants. */
  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public LevelChange recordLevelChange(DelegateExecution execution, EscalationLevel from, EscalationLevel to,
      LevelChange.Kind kind, String reason, String changedBy) {
    LevelChange change = levelChanges.save(new LevelChange(ticketId(execution), execution.getProcessInstanceId(), from,
        to, kind, reason, changedBy, now()));
    publisher.publishEvent(EscalationRecorded.of(change, execution));
    return change;
  }

  public EscalationEvent recordEvent(VariableScope scope, String processInstanceId, EscalationEvent.Type type,
      String detail, String actor, Date dueAt) {
    EscalationLevel level = EscalationVariables.ESCALATION_LEVEL.from(scope).flatMap(EscalationLevel::parse).orElse(null);
    EscalationEvent event = events.save(new EscalationEvent(ticketId(scope), processInstanceId, level, type, detail,
        actor, now(), dueAt == null ? null : dueAt.toInstant()));
    publisher.publishEvent(EscalationRecorded.of(event, scope));
    return event;
  }

  /** For operations outside a delegate, such as an SLA recalculation. */
  public EscalationEvent recordEvent(String ticketId, String processInstanceId, EscalationLevel level,
      EscalationEvent.Type type, String detail, String actor) {
    EscalationEvent event = events.save(new EscalationEvent(ticketId, processInstanceId, level, type, detail, actor,
        now(), null));
    publisher.publishEvent(EscalationRecorded.of(event, null));
    return event;
  }

  private static String ticketId(VariableScope scope) {
    return EscalationVariables.TICKET_ID.require(scope);
  }
}
