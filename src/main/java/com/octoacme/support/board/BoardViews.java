package com.octoacme.support.board;

import com.octoacme.support.sla.SlaState;
import com.octoacme.support.intake.EscalationStatus;
import com.octoacme.support.notification.NotificationStateChanged;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What /api/board answers: the board, a search, one escalation's page. */
final class BoardViews {

  private BoardViews() {}

  @Schema(name = "Board", description = "The open escalations the caller may read, grouped by their current level.")
  record Board(
      @Schema(description = "The instant the SLA states were worked out at (the engine's clock).") Instant now,
      @Schema(description = "How often the page reads the board again, in seconds.") long refreshSeconds,
      @Schema(description = "Open escalations in all groups.") int open,
      @Schema(description = "One group per level, in the order of bpmn/level-policy.dmn; escalations whose level "
          + "Support has not reviewed yet come first, under level null.") List<LevelGroup> levels) {}

  @Schema(name = "BoardLevel", description = "The open escalations at one level.")
  record LevelGroup(
      @Schema(description = "The level (L1-L4), null for escalations not yet reviewed.", nullable = true) String level,
      @Schema(description = "The level's title from the level policy.") String title,
      @Schema(description = "Oldest first.") List<Entry> escalations) {}

  @Schema(name = "BoardEntry", description = "One open escalation on the board.")
  record Entry(
      @Schema(description = "The support ticket's ID (business key).", example = "TICKET-12345") String ticketId,
      @Schema(description = "The escalation's process instance.") String processInstanceId,
      @Schema(description = "Customer Name of the template.") String customer,
      @Schema(description = "Account tier: FREE, PRO or ENTERPRISE.") String accountTier,
      @Schema(description = "The current level; null before the review.", nullable = true) String level,
      @Schema(description = "The level the decision table suggested.", nullable = true) String suggestedLevel,
      @Schema(description = "Issue summary.") String summary,
      @Schema(description = "OPEN, WAITING_FOR_CUSTOMER or RESOLVED (waits for the checklist or the CSAT score).")
      EscalationStatus status,
      @Schema(description = "The SLA state.") Sla sla,
      @Schema(description = "The level's handler groups.") List<String> handlerGroups,
      @Schema(description = "Who has the open tasks (empty: nobody claimed them).") List<String> assignees,
      @Schema(description = "When the next customer update is due (communication plan).", nullable = true)
      Instant nextCustomerUpdateDue,
      @Schema(description = "When the escalation was opened.") Instant openedAt,
      @Schema(description = "The open tasks, with their Tasklist links.") List<OpenTask> tasks,
      @Schema(description = "'page': the escalation's page on the board; 'tasklist': its most urgent task in Tasklist "
          + "(when it has one); 'cockpit': its instance in Cockpit.") Map<String, String> links) {}

  @Schema(name = "BoardSla", description = "An escalation's SLA state: ON_TRACK, AT_RISK (past the warning instant), "
      + "BREACHED or PAUSED (waiting for the customer).")
  record Sla(
      SlaState state,
      @Schema(description = "The state in words: On track, At risk, Breached, Paused.") String label,
      @Schema(description = "Why, in a sentence.") String reason,
      @Schema(description = "The running clock's due instant (the most urgent open task's due date).", nullable = true)
      Instant dueAt,
      @Schema(description = "Its warning instant (the task's follow-up date).", nullable = true) Instant warningAt,
      @Schema(description = "SLA breaches recorded since the escalation entered its current level.") int breachesAtLevel) {}

  @Schema(name = "BoardTask", description = "An open task of the escalation.")
  record OpenTask(String id, String name, String taskDefinitionKey,
      @Schema(nullable = true) String assignee, @Schema(nullable = true) Instant dueAt,
      @Schema(description = "The task in Tasklist.") String tasklist) {}

  @Schema(name = "BoardSearch", description = "Escalations, open and closed, whose ticket ID or customer contains the text.")
  record Search(String query, List<Found> escalations,
      @Schema(description = "True when more matched than the page shows (the newest are shown).") boolean more) {}

  @Schema(name = "BoardSearchHit", description = "An escalation found by the search.")
  record Found(String ticketId, String processInstanceId, String customer, String accountTier,
      @Schema(nullable = true) String level, EscalationStatus status, Instant openedAt,
      @Schema(nullable = true) Instant closedAt, Map<String, String> links) {}

  @Schema(name = "BoardEscalation", description = "One escalation's page: what it is, where it stands, its timeline.")
  record Page(String ticketId, String processInstanceId, String customer, String accountTier,
      @Schema(nullable = true) String level, @Schema(nullable = true) String levelTitle, String summary,
      EscalationStatus status, Instant openedAt, @Schema(nullable = true) Instant closedAt,
      @Schema(description = "The board's entry while it is open; null once closed.", nullable = true) Entry open,
      @Schema(description = "Everything that happened, oldest first: level changes, first responses, warnings, "
          + "breaches, pauses, customer updates, mails.") List<TimelineItem> timeline,
      @Schema(description = "Every mail of the ticket (outbox), oldest first.") List<Mail> mails,
      Map<String, String> links) {}

  @Schema(name = "BoardTimelineItem", description = "One thing that happened to the escalation.")
  record TimelineItem(Instant at,
      @Schema(description = "LEVEL_CHANGE, MAIL, or an audit event type (FIRST_RESPONSE, SLA_WARNING, "
          + "RESPONSE_SLA_BREACHED, RESOLUTION_CLOCK_PAUSED, CUSTOMER_UPDATE_SENT, ...).") String kind,
      @Schema(description = "What happened, in words.") String title,
      @Schema(description = "Details: the reason of a level change, a group's assessment, the SLA's due instant.",
          nullable = true) String detail,
      @Schema(description = "Who: a user, 'sla-clock', 'customer'.", nullable = true) String by,
      @Schema(nullable = true) String level,
      @Schema(description = "For a mail: its id in 'mails'.", nullable = true) Long mailId) {}

  @Schema(name = "BoardMail", description = "A mail of the outbox: SENT, PENDING, or FAILED (not sent and an attempt "
      + "failed, or given up).")
  record Mail(long id, String kind, String subject, List<String> recipients, String body,
      NotificationStateChanged.State state, int attempts, @Schema(nullable = true) String lastError,
      Instant createdAt, @Schema(nullable = true) Instant sentAt) {}
}
