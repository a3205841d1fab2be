package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationRequest;

import com.octoacme.support.escalation.EscalationModel;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of the customer events the ticketing system reports. */
final class CustomerEvents {

  private CustomerEvents() {}

  @Schema(name = EscalationModel.MESSAGE_CUSTOMER_REPLIED, description = "The customer answered while the escalation waited for them.")
  record CustomerReplied(
      @Schema(description = "What the customer's reply said, in a few lines; no markup or control characters.",
          example = "The HAR file is attached to the ticket.", requiredMode = Schema.RequiredMode.REQUIRED,
          maxLength = EscalationRequest.Limits.TEXT)
      @NotBlank @Size(max = EscalationRequest.Limits.TEXT) String summary) {}

  @Schema(name = EscalationModel.MESSAGE_CSAT_RECEIVED, description = "The customer's satisfaction score for the resolution.")
  record CsatReceived(
      @Schema(description = "CSAT score, a whole number from 1 (very dissatisfied) to 5 (very satisfied).", example = "4",
          requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "5")
      @NotNull @Min(1) @Max(5) Long score,
      @Schema(description = "The customer's comment with the score, if any; no markup or control characters. "
          + "Checked, but not yet kept: the variable catalogue has no variable for it.",
          example = "Quick and friendly.", maxLength = EscalationRequest.Limits.TEXT)
      @Size(max = EscalationRequest.Limits.TEXT) String comment) {}

  @Schema(name = EscalationModel.MESSAGE_ESCALATION_REOPENED, description = "The customer reopened the ticket before the escalation was closed.")
  record Reopened(
      @Schema(description = "Why the customer reopened it; no markup or control characters.",
          example = "The error is back since this morning.", requiredMode = Schema.RequiredMode.REQUIRED,
          maxLength = EscalationRequest.Limits.TEXT)
      @NotBlank @Size(max = EscalationRequest.Limits.TEXT) String reason) {}
}
