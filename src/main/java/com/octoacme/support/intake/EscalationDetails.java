package com.octoacme.support.intake;

import com.octoacme.support.escalation.LevelChange;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An escalation with its SLA instants, breaches and level history. */
@Schema(name = "Escalation", description = "An escalation with its SLA clocks, SLA breaches and level history.")
public record EscalationDetails(
    @Schema(description = "The support ticket's ID, the escalation's business key.", example = "TICKET-12345")
    String ticketId,
    @Schema(description = "The Camunda process instance of the escalation.") String processInstanceId,
    @Schema(description = "Where the escalation stands.") EscalationStatus status,
    @Schema(description = "The level it is handled at (L1-L4); null until Support has reviewed the suggested level.",
        nullable = true) String level,
    @Schema(description = "The level the decision table suggested from the request.", nullable = true)
    String suggestedLevel,
    @Schema(description = "Who opened the escalation (the caller of POST /api/escalations, or the Tasklist user).",
        nullable = true) String openedBy,
    @Schema(description = "When the escalation was opened.") Instant openedAt,
    @Schema(description = "When it ended; null while it runs.", nullable = true) Instant closedAt,
    @Schema(description = "When the current level's first response is due; null before the level's clocks start.",
        nullable = true) Instant responseDueAt,
    @Schema(description = "When the handlers are warned that the response time runs out.", nullable = true)
    Instant responseWarningAt,
    @Schema(description = "When the current level's resolution is due (moves while the escalation waits for the "
        + "customer).", nullable = true) Instant resolutionDueAt,
    @Schema(description = "When the handlers are warned that the resolution target runs out.", nullable = true)
    Instant resolutionWarningAt,
    @Schema(description = "The SLA breaches, oldest first.") List<Breach> breaches,
    @Schema(description = "Every change of the escalation's level, oldest first.") List<LevelChangeEntry> levelChanges,
    @Schema(description = "Each handler group's acknowledgement (first response) with its assessment, oldest first; "
        + "at L3 the engineering lead's and the product manager's, each kept.") List<AcknowledgementEntry> acknowledgements,
    @Schema(description = "How often the customer reopened the escalation.", example = "0") long reescalationCount,
    @Schema(description = "The customer's CSAT score (1-5); null until it arrives.", nullable = true) Long csatScore,
    @Schema(description = "NOT_YET_ASKED before resolution; PENDING while the resolved escalation waits for the "
        + "score; RECEIVED; NOT_RECEIVED when it closed without one.") CsatStatus csatStatus,
    @Schema(description = "Links: 'self' and, for each customer event the escalation waits for now, the event's URL.")
    Map<String, String> links) {

  /** An SLA that ran out. */
  @Schema(name = "SlaBreach", description = "An SLA that ran out.")
  public record Breach(
      @Schema(description = "Which SLA: RESPONSE (first response) or RESOLUTION.") Sla sla,
      @Schema(description = "The level whose SLA it was.", nullable = true) String level,
      @Schema(description = "When the SLA fell due.", nullable = true) Instant dueAt,
      @Schema(description = "When the breach was recorded.") Instant occurredAt) {}

  /** One handler group's first response at a level. */
  @Schema(name = "Acknowledgement", description = "One handler group's first response at a level: who, when, assessment.")
  public record AcknowledgementEntry(
      @Schema(description = "The level it was acknowledged at.") String level,
      @Schema(description = "The handler group that acknowledged.") String handlerGroup,
      @Schema(description = "Who acknowledged (a user ID).") String acknowledgedBy,
      @Schema(description = "When.") Instant acknowledgedAt,
      @Schema(description = "The group's initial assessment.") String assessment) {}

  /** Where the customer's CSAT score stands. */
  @Schema(description = "NOT_YET_ASKED, PENDING, RECEIVED or NOT_RECEIVED.")
  public enum CsatStatus { NOT_YET_ASKED, PENDING, RECEIVED, NOT_RECEIVED }

  /** The two SLAs of a level. */
  @Schema(description = "RESPONSE: the first response; RESOLUTION: the resolution target.")
  public enum Sla { RESPONSE, RESOLUTION }

  /** One change of the level. */
  @Schema(name = "LevelChange", description = "One change of the escalation's level: from, to, why, who and when.")
  public record LevelChangeEntry(
      @Schema(description = "The level before; null for the first decision.", nullable = true) String from,
      @Schema(description = "The level after.") String to,
      @Schema(description = "DECIDED, OVERRIDDEN, ESCALATED, HANDED_BACK, SLA_BREACH or REOPENED.") LevelChange.Kind kind,
      @Schema(description = "Why, when someone gave a reason.", nullable = true) String reason,
      @Schema(description = "Who changed it: a user ID, 'sla-clock' for a breach, 'customer' for a reopening.")
      String changedBy,
      @Schema(description = "When.") Instant changedAt) {}
}
