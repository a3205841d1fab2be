package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Whether an SLA clock's warning and breach happened, from the audit trail ({@code escalation_event}): a
 * clock is one SLA ({@link SlaKind}) with its due instant. Each clock gets exactly one of
 * {@code SLA_WARNING} and {@code SLA_WARNING_SKIPPED}: after a backlog (the database or the job executor
 * was down) both timers are overdue at once, the breach runs first (higher job priority) and its
 * interrupting timer removes the warning's, so the breach records the warning as skipped, with the reason.
 */
@Service
public class SlaWarnings {

  private final EscalationEventRepository events;

  public SlaWarnings(EscalationEventRepository events) {
    this.events = events;
  }

  /** The warning of this clock was given, or recorded as skipped. */
  public boolean warnedOrSkipped(String ticketId, SlaKind kind, Date dueAt) {
    return any(ticketId, EscalationEvent.Type.SLA_WARNING, kind, dueAt)
        || any(ticketId, EscalationEvent.Type.SLA_WARNING_SKIPPED, kind, dueAt);
  }

  /** The audit trail's detail of a skipped warning: starts with the SLA, as a warning's does. */
  static String skippedDetail(SlaKind kind, Date warningAt, Instant breachAt) {
    return kind + " warning skipped: it was due " + (warningAt == null ? "before the breach" : warningAt.toInstant())
        + " but had not run when the breach fired at " + breachAt
        + " (both were overdue at once after a backlog; the breach removed the warning's timer)";
  }

  static EscalationEvent.Type breachOf(SlaKind kind) {
    return kind == SlaKind.RESPONSE ? EscalationEvent.Type.RESPONSE_SLA_BREACHED : EscalationEvent.Type.RESOLUTION_SLA_BREACHED;
  }

  private boolean any(String ticketId, EscalationEvent.Type type, SlaKind kind, Date dueAt) {
    Instant due = dueAt.toInstant();
    List<EscalationEvent> found = events.findByTicketIdAndTypeOrderByIdAsc(ticketId, type);
    return found.stream().anyMatch(event -> due.equals(event.getDueAt())
        && (breachOf(kind) == type || event.getDetail() != null && event.getDetail().startsWith(kind + " ")));
  }
}
