package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.ProcessVariable.date;
import static com.octoacme.support.escalation.ProcessVariable.decimal;
import static com.octoacme.support.escalation.ProcessVariable.flag;
import static com.octoacme.support.escalation.ProcessVariable.number;
import static com.octoacme.support.escalation.ProcessVariable.string;

import java.util.Date;

/**
 * The variables of the {@code support-escalation} process, in the order of the escalation template.
 * Form field keys in {@code forms/} are these names; nothing else spells them.
 */
public final class EscalationVariables {

  public static final String PROCESS_ID = "support-escalation";

  private EscalationVariables() {}

  /** Who opened the escalation: the user who started it in Tasklist, or the API's caller (set by "Validate escalation request"). */
  public static final ProcessVariable<String> OPENED_BY = string("escalationOpenedBy");

  // Issue Summary
  public static final ProcessVariable<String> TICKET_ID = string("ticketId");
  public static final ProcessVariable<String> CUSTOMER_NAME = string("customerName");
  public static final ProcessVariable<String> ACCOUNT_TIER = string("accountTier");
  public static final ProcessVariable<String> REPORTED_BY = string("reportedBy");
  public static final ProcessVariable<Date> REPORTED_DATE = date("reportedDate");
  public static final ProcessVariable<String> ISSUE_TYPE = string("issueType");
  public static final ProcessVariable<String> ISSUE_SUMMARY = string("issueSummary");
  /** The level the escalation is handled at now (L1-L4). */
  public static final ProcessVariable<String> ESCALATION_LEVEL = string("escalationLevel");
  /** The team(s) the current level is assigned to, for people to read. */
  public static final ProcessVariable<String> ASSIGNED_TO = string("assignedTo");

  // Problem Description and Impact
  public static final ProcessVariable<String> PROBLEM_DESCRIPTION = string("problemDescription");
  public static final ProcessVariable<Long> USERS_AFFECTED = number("usersAffected");
  public static final ProcessVariable<String> BUSINESS_IMPACT = string("businessImpact");
  public static final ProcessVariable<String> URGENCY = string("urgency");
  public static final ProcessVariable<String> FINANCIAL_IMPACT = string("financialImpact");

  // Steps to Reproduce
  public static final ProcessVariable<String> STEPS_TO_REPRODUCE = string("stepsToReproduce");
  public static final ProcessVariable<String> EXPECTED_BEHAVIOR = string("expectedBehavior");
  public static final ProcessVariable<String> ACTUAL_BEHAVIOR = string("actualBehavior");

  // Technical Details
  public static final ProcessVariable<String> ENVIRONMENT = string("environment");
  public static final ProcessVariable<String> BROWSER_CLIENT = string("browserClient");
  public static final ProcessVariable<String> USER_ROLE = string("userRole");
  public static final ProcessVariable<String> RELEVANT_URLS = string("relevantUrls");
  public static final ProcessVariable<String> ERROR_MESSAGES = string("errorMessages");
  public static final ProcessVariable<String> LOGS = string("logs");

  // Customer Context
  public static final ProcessVariable<Double> ACCOUNT_VALUE = decimal("accountValue");
  public static final ProcessVariable<String> CUSTOMER_HEALTH_SCORE = string("customerHealthScore");
  public static final ProcessVariable<String> RECENT_INTERACTIONS = string("recentInteractions");
  public static final ProcessVariable<String> CUSTOMER_SENTIMENT = string("customerSentiment");
  public static final ProcessVariable<Date> RENEWAL_DATE = date("renewalDate");
  /** The account's own time zone (e.g. Asia/Tokyo) for business-hours SLAs; empty = the support centre's. */
  public static final ProcessVariable<String> ACCOUNT_TIME_ZONE = string("accountTimeZone");

  // Investigation & Findings
  public static final ProcessVariable<String> INITIAL_DIAGNOSIS = string("initialDiagnosis");
  public static final ProcessVariable<Boolean> WORKAROUND_AVAILABLE = flag("workaroundAvailable");
  public static final ProcessVariable<String> WORKAROUND_DESCRIPTION = string("workaroundDescription");
  public static final ProcessVariable<String> ROOT_CAUSE = string("rootCause");
  public static final ProcessVariable<String> RELATED_ISSUES = string("relatedIssues");

  // Requested Action: one flag per RequestedAction, plus these
  public static final ProcessVariable<String> REQUESTED_ACTION_OTHER = string("requestedActionOther");
  public static final ProcessVariable<Date> PROPOSED_TIMELINE = date("proposedTimeline");
  public static final ProcessVariable<String> PRIORITY_JUSTIFICATION = string("priorityJustification");

  // Communication Plan
  public static final ProcessVariable<String> CUSTOMER_COMMITMENT = string("customerCommitment");
  public static final ProcessVariable<String> UPDATE_FREQUENCY = string("updateFrequency");
  public static final ProcessVariable<Date> NEXT_UPDATE_DUE = date("nextUpdateDue");
  /** The Camunda user who manages customer communication; the customer-update tasks are theirs. */
  public static final ProcessVariable<String> POINT_OF_CONTACT = string("pointOfContact");

  // Customer updates (the template's "Customer Update Template")
  /** CustomerUpdateStatus name: Under investigation / Fix in progress / Fix deployed. */
  public static final ProcessVariable<String> CURRENT_STATUS = string("currentStatus");
  public static final ProcessVariable<String> WHAT_WE_FOUND = string("whatWeFound");
  public static final ProcessVariable<String> NEXT_STEPS = string("nextSteps");
  public static final ProcessVariable<String> EXPECTED_TIMELINE = string("expectedTimeline");
  /** Who completed the last "Send customer update" task; the update is signed with their name without a point of contact. */
  public static final ProcessVariable<String> CUSTOMER_UPDATE_AUTHOR = string("customerUpdateAuthor");
  /** How many customer updates were sent; numbers each update's notification key. */
  public static final ProcessVariable<Long> CUSTOMER_UPDATES_SENT = number("customerUpdatesSent");

  // During Escalation: the items the process does itself, ticked with their instants
  /** "Added to escalation tracking board": the running escalation is the board's entry. */
  public static final ProcessVariable<Date> TRACKED_AT = date("duringCheckTrackedAt");
  /** "Assigned to appropriate team/person". */
  public static final ProcessVariable<Date> ASSIGNED_AT = date("duringCheckAssignedAt");
  /** "Notified customer that issue has been escalated". */
  public static final ProcessVariable<Date> CUSTOMER_NOTIFIED_AT = date("duringCheckCustomerNotifiedAt");
  /** "Scheduled follow-up reminders": the customer-update timer is armed. */
  public static final ProcessVariable<Date> REMINDERS_SCHEDULED_AT = date("duringCheckRemindersScheduledAt");
  // ... and the items people tick when reviewing the level
  public static final ProcessVariable<Boolean> TEMPLATE_COMPLETE = flag("duringCheckTemplateComplete");
  public static final ProcessVariable<Boolean> PRIORITY_SET = flag("duringCheckPrioritySet");

  // Level decision (DMN result, then the support agent's review)
  public static final ProcessVariable<String> DECIDED_LEVEL = string("decidedLevel");
  public static final ProcessVariable<String> LEVEL_OVERRIDE = string("levelOverride");
  public static final ProcessVariable<String> LEVEL_OVERRIDE_REASON = string("levelOverrideReason");
  public static final ProcessVariable<String> PRIORITY = string("priority");

  // The current level's policy (bpmn/level-policy.dmn), written by "Look up level policy" on entering a
  // level; the model's gateways, candidate groups and mails read these. Same names as the decision's outputs.
  public static final ProcessVariable<String> LEVEL_TITLE = string(LevelPolicy.TITLE);
  /** Comma-separated, as the table writes them; candidate groups of the level's tasks. */
  public static final ProcessVariable<String> HANDLER_GROUPS = string(LevelPolicy.HANDLER_GROUPS);
  public static final ProcessVariable<String> LEAD_GROUP = string(LevelPolicy.LEAD_GROUP);
  public static final ProcessVariable<Boolean> CHECKLIST_REQUIRED = flag(LevelPolicy.CHECKLIST_REQUIRED);
  public static final ProcessVariable<Boolean> MAIL_HANDLERS = flag(LevelPolicy.MAIL_HANDLERS);
  /** Empty at the top level. */
  public static final ProcessVariable<String> NEXT_LEVEL_ON_BREACH = string(LevelPolicy.NEXT_LEVEL_ON_BREACH);
  /** Empty at the top level. */
  public static final ProcessVariable<String> NEXT_LEVEL_ON_ESCALATION = string(LevelPolicy.NEXT_LEVEL_ON_ESCALATION);
  /** Empty at the bottom level. */
  public static final ProcessVariable<String> LEVEL_BELOW = string(LevelPolicy.LEVEL_BELOW);
  public static final ProcessVariable<String> DEFAULT_UPDATE_FREQUENCY = string(LevelPolicy.DEFAULT_UPDATE_FREQUENCY);
  public static final ProcessVariable<Boolean> ACTION_PLAN_REQUIRED = flag(LevelPolicy.ACTION_PLAN_REQUIRED);
  /** Input of "Change escalation level" (local): the level the escalation moves to. */
  public static final ProcessVariable<String> TARGET_LEVEL = string("targetLevel");
  /** Input of "Change escalation level" (local): a LevelChange.Kind name. */
  public static final ProcessVariable<String> LEVEL_CHANGE_KIND = string("levelChangeKind");

  // Pre-escalation checklist: one flag and one waiver reason per PreEscalationCheck, plus
  public static final ProcessVariable<Boolean> PRE_ESCALATION_CHECKLIST_COMPLETE =
      flag("preEscalationChecklistComplete");

  // Handling at the current level
  /** Local to each acknowledge task instance: the group asked to acknowledge. */
  public static final ProcessVariable<String> HANDLER_GROUP = string("handlerGroup");
  public static final ProcessVariable<Date> LEVEL_ENTERED_AT = date("levelEnteredAt");
  /**
   * When the clocks of the level being set started: the request for the first level (so the review and the
   * checklist count against its response time), the level change for the others. Cleared once the level's
   * handling starts; empty = now.
   */
  public static final ProcessVariable<Date> LEVEL_CLOCK_STARTS_AT = date("levelClockStartsAt");
  public static final ProcessVariable<Date> RESPONSE_DUE_AT = date("responseDueAt");
  /** When the handlers are warned that the response SLA is running out (the tasks' follow-up date). */
  public static final ProcessVariable<Date> RESPONSE_WARNING_AT = date("responseWarningAt");
  public static final ProcessVariable<Date> RESOLUTION_DUE_AT = date("resolutionDueAt");
  public static final ProcessVariable<Date> RESOLUTION_WARNING_AT = date("resolutionWarningAt");
  /** Business time the resolution SLA allowed when its level was entered, in seconds (for the warning share). */
  public static final ProcessVariable<Long> RESOLUTION_TOTAL_SECONDS = number("resolutionTotalSeconds");
  /** While waiting for the customer: the business time the resolution clock had left, in seconds. */
  public static final ProcessVariable<Long> RESOLUTION_REMAINING_SECONDS = number("resolutionRemainingSeconds");
  /** When the resolution clock last resumed after waiting for the customer; empty if it never paused. */
  public static final ProcessVariable<Date> RESOLUTION_RESUMED_AT = date("resolutionResumedAt");
  /** What the reply of the customer said, when an agent records it in Tasklist. */
  public static final ProcessVariable<String> CUSTOMER_REPLY_SUMMARY = string("customerReplySummary");
  /** Local to each acknowledge task instance: the group's initial assessment (kept per group, see Acknowledgement). */
  public static final ProcessVariable<String> INITIAL_ASSESSMENT = string("initialAssessment");
  /** Every handler group's acknowledgement so far, one line each (level, group, who, when, assessment), for the forms. */
  public static final ProcessVariable<String> ACKNOWLEDGEMENTS = string("acknowledgements");
  /** How the level's work ended: a LevelOutcome name (a person's decision, or an SLA breach). */
  public static final ProcessVariable<String> LEVEL_OUTCOME = string("levelOutcome");
  public static final ProcessVariable<String> LEVEL_CHANGE_REASON = string("levelChangeReason");
  /** Who asked for the level change: a user id, or "sla" for a breach. */
  public static final ProcessVariable<String> LEVEL_CHANGE_REQUESTED_BY = string("levelChangeRequestedBy");
  public static final ProcessVariable<String> ACTION_PLAN = string("actionPlan");
  /** Input of the breach recorder: which SLA ran out (RESPONSE or RESOLUTION). */
  public static final ProcessVariable<String> BREACHED_SLA = string("breachedSla");
  /** Input of the warning: which SLA is about to run out (RESPONSE or RESOLUTION). */
  public static final ProcessVariable<String> WARNED_SLA = string("warnedSla");
  /** The SLA policy's action for the breach just recorded: ESCALATE or INFORM_LEAD. */
  public static final ProcessVariable<String> BREACH_ACTION = string("slaBreachAction");

  /** How often the customer reopened the escalation (re-escalations). */
  public static final ProcessVariable<Long> REESCALATION_COUNT = number("reescalationCount");
  /** Why the customer reopened it. */
  public static final ProcessVariable<String> REOPEN_REASON = string("reopenReason");

  // After Resolution: one flag per AfterResolutionCheck, plus
  public static final ProcessVariable<String> RESOLUTION_SUMMARY = string("resolutionSummary");
  public static final ProcessVariable<Long> CSAT_SCORE = number("csatScore");

  // What Tasklist shows of the escalation (kept current by sla.EscalationSummaries on every audit record and mail)
  /** The summary every task form opens with: ticket, customer, tier, level, SLA state, last level change, mails. */
  public static final ProcessVariable<String> ESCALATION_SUMMARY = string("escalationSummary");
  /**
   * Whether the current level's mails went out (shown under the summary). A variable of its own, written only when a
   * mail changes state: the mail workers then never touch what the process's own steps write.
   */
  public static final ProcessVariable<String> ESCALATION_MAILS = string("escalationMails");
  /** On track / At risk / Breached: the current level's open SLA clock (task cards). */
  public static final ProcessVariable<String> SLA_STATE = string("slaState");
  /** The open SLA clock's due instant, for people to read ("Response due Wed 02.12. 14:00 CET"; task cards). */
  public static final ProcessVariable<String> SLA_DUE = string("slaDue");

  // Local to each open task: what its Tasklist card shows. Tasklist reads a filter's card variables with the
  // user's rights, and a task's candidates may read its own variables but not the instance's.
  public static final ProcessVariable<String> CARD_TICKET_ID = string("cardTicketId");
  public static final ProcessVariable<String> CARD_CUSTOMER = string("cardCustomer");
  public static final ProcessVariable<String> CARD_TIER = string("cardTier");
  public static final ProcessVariable<String> CARD_LEVEL = string("cardLevel");
  public static final ProcessVariable<String> CARD_SLA_STATE = string("cardSlaState");
  public static final ProcessVariable<String> CARD_SLA_DUE = string("cardSlaDue");

  // Feature request raised from this escalation (process feature-request; set by the featurerequest package)
  /** The key of the feature request this escalation joined (e.g. FEAT-SSO-SCIM). */
  public static final ProcessVariable<String> FEATURE_REQUEST_KEY = string("featureRequestKey");
  /** Product's decision on that feature request, for people to read ("Accepted for 2027.1"). */
  public static final ProcessVariable<String> FEATURE_REQUEST_DECISION = string("featureRequestDecision");
}
