package com.octoacme.support.board;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.board.BoardViews.Mail;
import com.octoacme.support.board.BoardViews.TimelineItem;
import com.octoacme.support.escalation.Acknowledgement;
import com.octoacme.support.escalation.AcknowledgementRepository;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.LevelChangeRepository;
import com.octoacme.support.escalation.LevelPolicies;
import com.octoacme.support.escalation.LevelPolicy;
import com.octoacme.support.notification.OutboxNotification;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * One escalation's page: what it is, where it stands (its board entry while open) and its timeline from the
 * audit trail (level changes, events, acknowledgements) and the mail outbox.
 */
@Service
class EscalationTimeline {

  private final BoardQueries board;
  private final LevelChangeRepository levelChanges;
  private final EscalationEventRepository events;
  private final AcknowledgementRepository acknowledgements;
  private final LevelPolicies levelPolicies;
  private final EntityManager entities;

  EscalationTimeline(BoardQueries board, LevelChangeRepository levelChanges, EscalationEventRepository events,
      AcknowledgementRepository acknowledgements, LevelPolicies levelPolicies, EntityManager entities) {
    this.board = board;
    this.levelChanges = levelChanges;
    this.events = events;
    this.acknowledgements = acknowledgements;
    this.levelPolicies = levelPolicies;
    this.entities = entities;
  }

  /** The ticket's page, or empty when the ticket has no escalation. The caller's access is checked before. */
  Optional<BoardViews.Page> page(String ticketId) {
    Optional<HistoricProcessInstance> found = board.instanceOf(ticketId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    HistoricProcessInstance instance = found.get();
    String pi = instance.getId();
    Map<String, Object> v = board.historicVariables(List.of(pi)).getOrDefault(pi, Map.of());
    BoardViews.Entry open = board.running(pi).map(running -> board.entries(List.of(running)).get(0)).orElse(null);
    String level = ESCALATION_LEVEL.from(v);
    List<Mail> mails = mails(ticketId);
    List<TimelineItem> timeline = new ArrayList<>();
    List<Acknowledgement> acks = new ArrayList<>(acknowledgements.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(a -> pi.equals(a.getProcessInstanceId())).toList());
    for (EscalationEvent e : events.findByTicketIdOrderByIdAsc(ticketId)) {
      if (pi.equals(e.getProcessInstanceId())) {
        String detail = e.getDetail();
        if (e.getType() == EscalationEvent.Type.FIRST_RESPONSE) {
          detail = assessmentOf(e, acks).map(a -> e.getDetail() + ": " + a).orElse(detail);
        } else if (e.getDueAt() != null && BoardQueries.isBreach(e.getType())) {
          detail = "due " + e.getDueAt() + (detail == null ? "" : "; " + detail);
        }
        timeline.add(new TimelineItem(e.getOccurredAt(), e.getType().name(), eventTitle(e.getType()), detail,
            e.getActor(), e.getLevel(), null));
      }
    }
    for (LevelChange c : levelChanges.findByTicketIdOrderByIdAsc(ticketId)) {
      if (pi.equals(c.getProcessInstanceId())) {
        timeline.add(new TimelineItem(c.getChangedAt(), "LEVEL_CHANGE", levelChangeTitle(c), c.getReason(),
            c.getChangedBy(), c.getToLevel(), null));
      }
    }
    for (Mail mail : mails) {
      timeline.add(new TimelineItem(mail.createdAt(), "MAIL", "Mail " + mail.state().name().toLowerCase(Locale.ROOT)
          + ": " + mail.subject(), "to " + String.join(", ", mail.recipients()), null, null, mail.id()));
    }
    // by time; at the same instant (a frozen test clock) events, then level changes, then mails, as added
    timeline.sort(Comparator.comparing(TimelineItem::at));
    Map<String, String> links = new LinkedHashMap<>();
    links.put("page", BoardQueries.pageLink(ticketId));
    if (open != null && open.links().containsKey("tasklist")) {
      links.put("tasklist", open.links().get("tasklist"));
    }
    links.put("cockpit", BoardQueries.cockpitLink(pi));
    links.put("api", "/api/escalations/" + ticketId);
    return Optional.of(new BoardViews.Page(ticketId, pi, CUSTOMER_NAME.from(v), ACCOUNT_TIER.from(v), level,
        level == null ? null : levelPolicies.find(level).map(LevelPolicy::title).orElse(level), ISSUE_SUMMARY.from(v),
        board.status(instance), BoardQueries.instant(instance.getStartTime()), BoardQueries.instant(instance.getEndTime()),
        open, timeline, mails, links));
  }

  /**
   * Every mail of the ticket. A mail is SENT once marked sent; FAILED when it is marked failed or not sent and an
   * attempt failed (it may still go out on a retry: then it is SENT); else PENDING ({@link OutboxNotification#stateOf}).
   */
  List<Mail> mails(String ticketId) {
    List<Mail> mails = new ArrayList<>();
    for (Object[] row : entities.createQuery("select n.id, n.kind, n.subject, n.recipients, n.textBody, n.attempts,"
        + " n.lastError, n.createdAt, n.sentAt, n.status from OutboxNotification n where n.ticketId = :ticket order by n.id",
        Object[].class).setParameter("ticket", ticketId).getResultList()) {
      long id = (Long) row[0];
      String lastError = (String) row[6];
      mails.add(new Mail(id, String.valueOf(row[1]), (String) row[2],
          Arrays.stream(((String) row[3]).split(",")).map(String::strip).toList(), (String) row[4],
          OutboxNotification.stateOf((OutboxNotification.Status) row[9], lastError), (Integer) row[5], lastError, (Instant) row[7], (Instant) row[8]));
    }
    return mails;
  }



  /** The group's assessment of a first response: its acknowledgement at that level by that person for that group. */
  private static Optional<String> assessmentOf(EscalationEvent response, List<Acknowledgement> acks) {
    Optional<Acknowledgement> match = acks.stream()
        .filter(a -> a.getLevel().equals(response.getLevel()) && a.getAcknowledgedBy().equals(response.getActor())
            && response.getDetail() != null && response.getDetail().endsWith(" " + a.getHandlerGroup()))
        .findFirst();
    match.ifPresent(acks::remove);
    return match.map(Acknowledgement::getAssessment);
  }

  static String levelChangeTitle(LevelChange c) {
    String kind = switch (c.getKind()) {
      case DECIDED -> "level decided";
      case OVERRIDDEN -> "level overridden by Support";
      case ESCALATED -> "escalated";
      case HANDED_BACK -> "handed back";
      case SLA_BREACH -> "escalated on an SLA breach";
      case REOPENED -> "reopened";
      default -> c.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
    return (c.getFromLevel() == null ? c.getToLevel() : c.getFromLevel() + " → " + c.getToLevel()) + ": " + kind;
  }

  static String eventTitle(EscalationEvent.Type type) {
    return switch (type) {
      case OPENED -> "Escalation opened";
      case FIRST_RESPONSE -> "First response";
      case SLA_WARNING -> "SLA warning";
      case SLA_WARNING_SKIPPED -> "SLA warning skipped";
      case RESPONSE_SLA_BREACHED -> "Response SLA breached";
      case RESOLUTION_SLA_BREACHED -> "Resolution SLA breached";
      case LEAD_INFORMED -> "Lead informed";
      case RESOLUTION_CLOCK_PAUSED -> "Paused: waiting for the customer";
      case RESOLUTION_CLOCK_RESUMED -> "Resumed: the customer replied";
      case SLA_RECALCULATED -> "SLA recalculated";
      case CUSTOMER_UPDATE_SENT -> "Customer update sent";
      case CUSTOMER_UPDATE_OVERDUE -> "Customer update overdue";
      case RESOLVED -> "Resolved";
      case FIX_VERIFIED -> "Fix verified by the customer";
      case CSAT_RECEIVED -> "CSAT received";
      case REOPENED -> "Reopened by the customer";
      case CLOSED -> "Closed";
      case FEATURE_REQUESTED -> "Feature request raised";
      case FEATURE_DECIDED -> "Feature request decided";
      // a type added later reads as its name until it gets words here
      default -> type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }
}
