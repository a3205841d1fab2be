package com.octoacme.support.intake;

import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.escalation.Enumerations.Environment;
import com.octoacme.support.escalation.Enumerations.HealthScore;
import com.octoacme.support.escalation.Enumerations.Sentiment;
import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.Enumerations.Urgency;
import com.octoacme.support.escalation.IssueType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ticketing system's escalation request: the escalation template's fields under their catalogue
 * names (the record's components are exactly {@code EscalationRequestValidator.fieldNames()}, checked by
 * a test). Bean Validation checks what JSON can say about a field (present, type, size); the
 * escalation's own rules (enumerations, ticket-ID pattern, markup, control characters) are the
 * {@code EscalationRequestValidator}'s, applied after this.
 */
@Schema(name = "EscalationRequest", description = "An escalation request from the ticketing system: the escalation "
    + "template's fields. Unknown fields are refused. Dates are YYYY-MM-DD, nextUpdateDue an ISO-8601 date-time with "
    + "offset, numbers are JSON numbers and flags JSON booleans; text must not contain markup (HTML tags, entities, "
    + "script links; only errorMessages and logs may quote it) or control characters.")
public record EscalationIntakeRequest(
    // Issue Summary
    @Schema(description = "The support ticket's ID, the escalation's business key: upper-case letters and digits, "
        + "a hyphen, digits.", example = "TICKET-12345", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TICKET_ID_MAX)
    @NotBlank @Size(max = TICKET_ID_MAX) String ticketId,
    @Schema(description = "Company or contact name of the customer.", example = "Globex Corporation",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ONE_LINE)
    @NotBlank @Size(max = ONE_LINE) String customerName,
    @Schema(description = "The customer's account tier.", implementation = AccountTier.class,
        requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank @Size(max = ONE_LINE) String accountTier,
    @Schema(description = "Customer contact (e-mail or name) who reported the issue.", example = "jane.doe@globex.example",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ONE_LINE)
    @NotBlank @Size(max = ONE_LINE) String reportedBy,
    @Schema(description = "Date the customer reported the issue (YYYY-MM-DD).", example = "2026-11-20",
        requiredMode = Schema.RequiredMode.REQUIRED)
    @NotNull LocalDate reportedDate,
    @Schema(description = "The template's issue type; it decides the suggested escalation level.",
        implementation = IssueType.class, requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank @Size(max = ONE_LINE) String issueType,
    @Schema(description = "One-line summary of the issue.", example = "Checkout fails with HTTP 500",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ONE_LINE)
    @NotBlank @Size(max = ONE_LINE) String issueSummary,

    // Problem Description and Impact
    @Schema(description = "Clear, concise description of the issue from the customer's perspective.",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TEXT)
    @NotBlank @Size(max = TEXT) String problemDescription,
    @Schema(description = "Number of users affected (a whole number of zero or more).", example = "40",
        requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0")
    @NotNull @PositiveOrZero Long usersAffected,
    @Schema(description = "Business impact, e.g. cannot process orders, workflow blocked.",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TEXT)
    @NotBlank @Size(max = TEXT) String businessImpact,
    @Schema(description = "Urgency as the customer sees it.", implementation = Urgency.class,
        requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank @Size(max = ONE_LINE) String urgency,
    @Schema(description = "Financial impact, if known, e.g. $X revenue blocked daily.", maxLength = ONE_LINE)
    @Size(max = ONE_LINE) String financialImpact,

    // Steps to Reproduce
    @Schema(description = "Steps to reproduce, one per line.", maxLength = TEXT)
    @Size(max = TEXT) String stepsToReproduce,
    @Schema(description = "What should happen.", maxLength = TEXT)
    @Size(max = TEXT) String expectedBehavior,
    @Schema(description = "What actually happens.", maxLength = TEXT)
    @Size(max = TEXT) String actualBehavior,

    // Technical Details
    @Schema(description = "Environment the issue occurs in.", implementation = Environment.class)
    @Size(max = ONE_LINE) String environment,
    @Schema(description = "Browser or client, e.g. Chrome 120, Mobile App v2.5.", maxLength = ONE_LINE)
    @Size(max = ONE_LINE) String browserClient,
    @Schema(description = "Role and permissions of the affected user, e.g. Admin.", maxLength = ONE_LINE)
    @Size(max = ONE_LINE) String userRole,
    @Schema(description = "Links to the affected pages, one per line.", maxLength = TEXT)
    @Size(max = TEXT) String relevantUrls,
    @Schema(description = "Exact error text (may quote markup; stored as text and escaped wherever shown).", maxLength = TEXT)
    @Size(max = TEXT) String errorMessages,
    @Schema(description = "Logs or stack traces, or links to them (may quote markup).", maxLength = TEXT)
    @Size(max = TEXT) String logs,

    // Customer Context
    @Schema(description = "Annual contract value, a number of zero or more.", example = "120000", minimum = "0")
    @PositiveOrZero Double accountValue,
    @Schema(description = "The customer's health score.", implementation = HealthScore.class)
    @Size(max = ONE_LINE) String customerHealthScore,
    @Schema(description = "Summary of recent support history.", maxLength = TEXT)
    @Size(max = TEXT) String recentInteractions,
    @Schema(description = "The customer's sentiment.", implementation = Sentiment.class)
    @Size(max = ONE_LINE) String customerSentiment,
    @Schema(description = "Contract renewal date, if near-term (YYYY-MM-DD).", example = "2027-03-31")
    LocalDate renewalDate,
    @Schema(description = "The account's IANA time zone for business-hours SLAs, e.g. Asia/Tokyo; absent = the "
        + "support centre's.", example = "Asia/Tokyo", maxLength = ONE_LINE)
    @Size(max = ONE_LINE) String accountTimeZone,

    // Investigation & Findings
    @Schema(description = "Support team's initial assessment.", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TEXT)
    @NotBlank @Size(max = TEXT) String initialDiagnosis,
    @Schema(description = "Whether a workaround is available.")
    Boolean workaroundAvailable,
    @Schema(description = "The workaround, if there is one.", maxLength = TEXT)
    @Size(max = TEXT) String workaroundDescription,
    @Schema(description = "Technical root cause, if known.", maxLength = TEXT)
    @Size(max = TEXT) String rootCause,
    @Schema(description = "Links to similar tickets or known bugs.", maxLength = TEXT)
    @Size(max = TEXT) String relatedIssues,

    // Requested Action
    @Schema(description = "Requested action: bug fix required.")
    Boolean actionBugFix,
    @Schema(description = "Requested action: feature enhancement.")
    Boolean actionFeatureEnhancement,
    @Schema(description = "Requested action: configuration change.")
    Boolean actionConfigurationChange,
    @Schema(description = "Requested action: documentation update.")
    Boolean actionDocumentationUpdate,
    @Schema(description = "Requested action: escalation to leadership.")
    Boolean actionLeadershipEscalation,
    @Schema(description = "Requested action: anything else, in one line.", maxLength = ONE_LINE)
    @Size(max = ONE_LINE) String requestedActionOther,
    @Schema(description = "Expected resolution date (YYYY-MM-DD).", example = "2026-11-30")
    LocalDate proposedTimeline,
    @Schema(description = "Why this needs immediate attention.", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TEXT)
    @NotBlank @Size(max = TEXT) String priorityJustification,

    // Communication Plan
    @Schema(description = "What was promised to the customer.", maxLength = TEXT)
    @Size(max = TEXT) String customerCommitment,
    @Schema(description = "How often the customer expects updates; absent = the level's default.",
        implementation = UpdateFrequency.class)
    @Size(max = ONE_LINE) String updateFrequency,
    @Schema(description = "When the next customer update is due: ISO-8601 date-time with offset.",
        example = "2026-11-21T09:00:00+01:00")
    OffsetDateTime nextUpdateDue,
    @Schema(description = "Camunda user who manages customer communication.", example = "sam.support", maxLength = ONE_LINE)
    @Size(max = ONE_LINE) String pointOfContact) {

  /** The ticket_id columns of the escalation tables are this long. */
  static final int TICKET_ID_MAX = 64;
  /** Longest one-line text (the escalation template's one-line fields). */
  static final int ONE_LINE = 200;
  /** Longest multi-line text. */
  static final int TEXT = 4000;

  /**
   * The fields that were given, under their catalogue names, as the validator takes them: text as text,
   * dates as ISO strings (the validator turns them into the process's dates), numbers and flags as they are.
   */
  Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (RecordComponent component : EscalationIntakeRequest.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (value instanceof LocalDate || value instanceof OffsetDateTime) {
        value = value.toString();
      }
      if (value != null) {
        fields.put(component.getName(), value);
      }
    }
    return fields;
  }
}
