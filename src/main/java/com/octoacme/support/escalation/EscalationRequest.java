package com.octoacme.support.escalation;

import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.escalation.Enumerations.Environment;
import com.octoacme.support.escalation.Enumerations.HealthScore;
import com.octoacme.support.escalation.Enumerations.Sentiment;
import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.Enumerations.Urgency;
import com.octoacme.support.escalation.EscalationConstraints.Contact;
import com.octoacme.support.escalation.EscalationConstraints.Finite;
import com.octoacme.support.escalation.EscalationConstraints.OneLine;
import com.octoacme.support.escalation.EscalationConstraints.OneOf;
import com.octoacme.support.escalation.EscalationConstraints.PlausibleDate;
import com.octoacme.support.escalation.EscalationConstraints.Text;
import com.octoacme.support.escalation.EscalationConstraints.TicketId;
import com.octoacme.support.escalation.EscalationConstraints.TimeZoneId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The escalation request: the escalation template's fields under their catalogue names, the one typed
 * request that both entry paths bind into (the JSON body of {@code POST /api/escalations}, and the start
 * form's variables through the engine, bound by {@link EscalationRequestValidator}) and that one Bean
 * Validation checks. Every limit is a constant of {@link Limits}, used by the annotations here, checked
 * against the start form ({@code forms/escalation-start.form}) and the database columns by tests.
 */
@Schema(name = "EscalationRequest", description = "An escalation request from the ticketing system: the escalation "
    + "template's fields. Unknown fields, and fields the process sets itself (level, due instants, opened by), are "
    + "refused. Dates are YYYY-MM-DD, nextUpdateDue an ISO-8601 date-time with offset, numbers are JSON numbers and "
    + "flags JSON booleans; text must not contain markup (HTML tags, entities, script links; only errorMessages and "
    + "logs may quote it) or control characters, and one-line text no line breaks, bidirectional overrides or "
    + "zero-width characters.")
public record EscalationRequest(
    // Issue Summary
    @Schema(description = "The support ticket's ID, the escalation's business key: as the ticketing system writes it "
        + "(escalation.ticket-id-pattern; by default Jira-style SUP-123 or Zendesk's numeric 48213).", example = "TICKET-12345", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.TICKET_ID_MAX)
    @NotBlank @TicketId String ticketId,
    @Schema(description = "Company or contact name of the customer.", example = "Globex Corporation",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.ONE_LINE)
    @NotBlank @OneLine String customerName,
    @Schema(description = "The customer's account tier.", implementation = AccountTier.class,
        requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank @OneOf(AccountTier.class) String accountTier,
    @Schema(description = "Customer contact who reported the issue: an e-mail address, a name, or both as Name <name@example.com> (mail goes to the address).", example = "Jane Doe <jane.doe@globex.example>",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.ONE_LINE)
    @NotBlank @Contact String reportedBy,
    @Schema(description = "Date the customer reported the issue (YYYY-MM-DD): not in the future, not before 1900.", example = "2026-11-20",
        requiredMode = Schema.RequiredMode.REQUIRED)
    @NotNull @PlausibleDate(notInFuture = true) LocalDate reportedDate,
    @Schema(description = "The template's issue type; it decides the suggested escalation level.",
        implementation = IssueType.class, requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank @OneOf(IssueType.class) String issueType,
    @Schema(description = "One-line summary of the issue.", example = "Checkout fails with HTTP 500",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.ONE_LINE)
    @NotBlank @OneLine String issueSummary,

    // Problem Description and Impact
    @Schema(description = "Clear, concise description of the issue from the customer's perspective.",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.TEXT)
    @NotBlank @Text String problemDescription,
    @Schema(description = "Number of users affected (a whole number of zero or more).", example = "40",
        requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0")
    @NotNull @PositiveOrZero Long usersAffected,
    @Schema(description = "Business impact, e.g. cannot process orders, workflow blocked.",
        requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.TEXT)
    @NotBlank @Text String businessImpact,
    @Schema(description = "Urgency as the customer sees it.", implementation = Urgency.class,
        requiredMode = Schema.RequiredMode.REQUIRED)
    @NotBlank @OneOf(Urgency.class) String urgency,
    @Schema(description = "Financial impact, if known, e.g. $X revenue blocked daily.", maxLength = Limits.ONE_LINE)
    @OneLine String financialImpact,

    // Steps to Reproduce
    @Schema(description = "Steps to reproduce, one per line.", maxLength = Limits.TEXT)
    @Text String stepsToReproduce,
    @Schema(description = "What should happen.", maxLength = Limits.TEXT)
    @Text String expectedBehavior,
    @Schema(description = "What actually happens.", maxLength = Limits.TEXT)
    @Text String actualBehavior,

    // Technical Details
    @Schema(description = "Environment the issue occurs in.", implementation = Environment.class)
    @OneOf(Environment.class) String environment,
    @Schema(description = "Browser or client, e.g. Chrome 120, Mobile App v2.5.", maxLength = Limits.ONE_LINE)
    @OneLine String browserClient,
    @Schema(description = "Role and permissions of the affected user, e.g. Admin.", maxLength = Limits.ONE_LINE)
    @OneLine String userRole,
    @Schema(description = "Links to the affected pages, one per line.", maxLength = Limits.TEXT)
    @Text String relevantUrls,
    @Schema(description = "Exact error text (may quote markup; stored as text and escaped wherever shown).", maxLength = Limits.TEXT)
    @Text(mayQuoteMarkup = true) String errorMessages,
    @Schema(description = "Logs or stack traces, or links to them (may quote markup).", maxLength = Limits.TEXT)
    @Text(mayQuoteMarkup = true) String logs,

    // Customer Context
    @Schema(description = "Annual contract value, a number of zero or more.", example = "120000", minimum = "0")
    @PositiveOrZero @Finite Double accountValue,
    @Schema(description = "The customer's health score.", implementation = HealthScore.class)
    @OneOf(HealthScore.class) String customerHealthScore,
    @Schema(description = "Summary of recent support history.", maxLength = Limits.TEXT)
    @Text String recentInteractions,
    @Schema(description = "The customer's sentiment.", implementation = Sentiment.class)
    @OneOf(Sentiment.class) String customerSentiment,
    @Schema(description = "Contract renewal date, if near-term (YYYY-MM-DD).", example = "2027-03-31")
    @PlausibleDate LocalDate renewalDate,
    @Schema(description = "The account's IANA time zone for business-hours SLAs, e.g. Asia/Tokyo; absent = the "
        + "support centre's.", example = "Asia/Tokyo", maxLength = Limits.ONE_LINE)
    @TimeZoneId String accountTimeZone,

    // Investigation & Findings
    @Schema(description = "Support team's initial assessment.", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.TEXT)
    @NotBlank @Text String initialDiagnosis,
    @Schema(description = "Whether a workaround is available.")
    Boolean workaroundAvailable,
    @Schema(description = "The workaround, if there is one.", maxLength = Limits.TEXT)
    @Text String workaroundDescription,
    @Schema(description = "Technical root cause, if known.", maxLength = Limits.TEXT)
    @Text String rootCause,
    @Schema(description = "Links to similar tickets or known bugs.", maxLength = Limits.TEXT)
    @Text String relatedIssues,

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
    @Schema(description = "Requested action: anything else, in one line.", maxLength = Limits.ONE_LINE)
    @OneLine String requestedActionOther,
    @Schema(description = "Expected resolution date (YYYY-MM-DD).", example = "2026-11-30")
    @PlausibleDate LocalDate proposedTimeline,
    @Schema(description = "Why this needs immediate attention.", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = Limits.TEXT)
    @NotBlank @Text String priorityJustification,

    // Communication Plan
    @Schema(description = "What was promised to the customer.", maxLength = Limits.TEXT)
    @Text String customerCommitment,
    @Schema(description = "How often the customer expects updates; absent = the level's default.",
        implementation = UpdateFrequency.class)
    @OneOf(UpdateFrequency.class) String updateFrequency,
    @Schema(description = "When the next customer update is due: ISO-8601 date-time with offset.",
        example = "2026-11-21T09:00:00+01:00")
    @PlausibleDate OffsetDateTime nextUpdateDue,
    @Schema(description = "Camunda user who manages customer communication.", example = "sam.support", maxLength = Limits.ONE_LINE)
    @OneLine String pointOfContact) {

  /** The limits of the request's fields, defined here once. */
  public static final class Limits {
    /** The ticket_id columns of the escalation tables are this long (a test compares them). */
    public static final int TICKET_ID_MAX = 64;
    /** Longest one-line text (the escalation template's one-line fields). */
    public static final int ONE_LINE = 200;
    /** Longest multi-line text. */
    public static final int TEXT = 4000;
    /** The earliest date the template's date fields accept. */
    public static final int EARLIEST_YEAR = 1900;

    private Limits() {}
  }

  /** Text is kept without surrounding blanks; a blank text is no value. */
  public EscalationRequest {
    ticketId = strip(ticketId);
    customerName = strip(customerName);
    accountTier = strip(accountTier);
    reportedBy = strip(reportedBy);
    issueType = strip(issueType);
    issueSummary = strip(issueSummary);
    problemDescription = strip(problemDescription);
    businessImpact = strip(businessImpact);
    urgency = strip(urgency);
    financialImpact = strip(financialImpact);
    stepsToReproduce = strip(stepsToReproduce);
    expectedBehavior = strip(expectedBehavior);
    actualBehavior = strip(actualBehavior);
    environment = strip(environment);
    browserClient = strip(browserClient);
    userRole = strip(userRole);
    relevantUrls = strip(relevantUrls);
    errorMessages = strip(errorMessages);
    logs = strip(logs);
    customerHealthScore = strip(customerHealthScore);
    recentInteractions = strip(recentInteractions);
    customerSentiment = strip(customerSentiment);
    accountTimeZone = strip(accountTimeZone);
    initialDiagnosis = strip(initialDiagnosis);
    workaroundDescription = strip(workaroundDescription);
    rootCause = strip(rootCause);
    relatedIssues = strip(relatedIssues);
    requestedActionOther = strip(requestedActionOther);
    priorityJustification = strip(priorityJustification);
    customerCommitment = strip(customerCommitment);
    updateFrequency = strip(updateFrequency);
    pointOfContact = strip(pointOfContact);
  }

  private static String strip(String text) {
    if (text == null) {
      return null;
    }
    String stripped = text.strip();
    return stripped.isEmpty() ? null : stripped;
  }

  /**
   * The fields that were given, under their catalogue names: text as text, dates as ISO strings, numbers
   * and flags as they are. The same request gives the same map through either entry path.
   */
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (RecordComponent component : EscalationRequest.class.getRecordComponents()) {
      Object value = valueOf(component);
      if (value instanceof LocalDate || value instanceof OffsetDateTime) {
        value = value.toString();
      }
      if (value != null) {
        fields.put(component.getName(), value);
      }
    }
    return fields;
  }

  /** The fields as the process keeps them: dates as dates (a day starts in this zone), numbers as numbers. */
  public Map<String, Object> variables(ZoneId zone) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (RecordComponent component : EscalationRequest.class.getRecordComponents()) {
      Object value = valueOf(component);
      if (value instanceof LocalDate date) {
        value = Date.from(date.atStartOfDay(zone).toInstant());
      } else if (value instanceof OffsetDateTime instant) {
        value = Date.from(instant.toInstant());
      }
      if (value != null) {
        variables.put(component.getName(), value);
      }
    }
    return variables;
  }

  private Object valueOf(RecordComponent component) {
    try {
      return component.getAccessor().invoke(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
