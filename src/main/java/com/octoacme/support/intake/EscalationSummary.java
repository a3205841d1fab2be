package com.octoacme.support.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** An escalation in a few words: the answer to opening one and to a customer event. */
@Schema(name = "EscalationSummary", description = "An escalation: its ticket, process instance, status and level.")
public record EscalationSummary(
    @Schema(description = "The support ticket's ID, the escalation's business key.", example = "TICKET-12345")
    String ticketId,
    @Schema(description = "The Camunda process instance of the escalation (Cockpit shows it under the ticket ID).")
    String processInstanceId,
    @Schema(description = "Where the escalation stands.") EscalationStatus status,
    @Schema(description = "The level it is handled at (L1-L4); null until Support has reviewed the suggested level.",
        nullable = true) String level,
    @Schema(description = "Links: 'self' (the escalation) and, for each customer event the escalation waits for now, "
        + "the event's URL under its name (customerReplied, fixVerified, csatReceived, reopened).",
        example = "{\"self\": \"/api/escalations/TICKET-12345\"}")
    Map<String, String> links) {}
