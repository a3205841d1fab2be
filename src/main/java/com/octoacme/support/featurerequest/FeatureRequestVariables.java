package com.octoacme.support.featurerequest;

import static com.octoacme.support.escalation.ProcessVariable.date;
import static com.octoacme.support.escalation.ProcessVariable.decimal;
import static com.octoacme.support.escalation.ProcessVariable.flag;
import static com.octoacme.support.escalation.ProcessVariable.number;
import static com.octoacme.support.escalation.ProcessVariable.string;

import com.octoacme.support.escalation.ProcessVariable;
import java.util.Date;
import java.util.List;

/**
 * The variables of the {@code feature-request} process. Form field keys in {@code forms/feature-request-*.form}
 * are these names; nothing else spells them.
 */
public final class FeatureRequestVariables {

  public static final String PROCESS_ID = "feature-request";

  private FeatureRequestVariables() {}

  // One request (the start form, or "Complete feature request" when an escalation raised it)
  /** The feature's key: a running feature request's key to join it, or a new one. */
  public static final ProcessVariable<String> FEATURE_KEY = string("featureKey");
  /** Ticked when the agent means to join a running feature request: the key must then be one. */
  public static final ProcessVariable<Boolean> JOINS_RUNNING_FEATURE = flag("joinsRunningFeature");
  // The template's Feature Request Template
  public static final ProcessVariable<String> FEATURE_SUMMARY = string("featureSummary");
  public static final ProcessVariable<String> CUSTOMER_USE_CASE = string("customerUseCase");
  /** "How many customers asked for this?" as the agent knows it; the process counts distinct customers itself. */
  public static final ProcessVariable<Long> NUMBER_OF_REQUESTS = number("numberOfRequests");
  public static final ProcessVariable<Boolean> WORKAROUND_AVAILABLE = flag("featureWorkaroundAvailable");
  public static final ProcessVariable<String> WORKAROUND_DESCRIPTION = string("featureWorkaroundDescription");
  public static final ProcessVariable<String> BUSINESS_IMPACT = string("featureBusinessImpact");
  public static final ProcessVariable<String> COMPETITIVE_CONTEXT = string("competitiveContext");
  // The requesting customer
  public static final ProcessVariable<String> REQUESTING_CUSTOMER = string("requestingCustomer");
  /** The customer's contact for Support ("Jane Doe <jane@globex.example>"): gets the decision by e-mail. */
  public static final ProcessVariable<String> CUSTOMER_CONTACT = string("customerContact");
  /** An AccountTier name. */
  public static final ProcessVariable<String> CUSTOMER_TIER = string("customerTier");
  /** Annual contract value. Read only by Support, the product team and the product managers. */
  public static final ProcessVariable<Double> CONTRACT_VALUE = decimal("contractValue");
  // The criteria people flag
  public static final ProcessVariable<Boolean> ROADMAP_ALIGNED = flag("roadmapAligned");
  public static final ProcessVariable<Boolean> COMPETITIVE_PARITY = flag("competitiveParity");
  public static final ProcessVariable<Boolean> PROMISED_IN_CONTRACT = flag("promisedInContract");

  // Where the request came from
  /** The user who submitted the request (the start event's initiator, or the completer of the task). */
  public static final ProcessVariable<String> REQUESTED_BY = string("featureRequestedBy");
  /** The ticket ID of the escalation that raised the request (its business key); empty from Tasklist. */
  public static final ProcessVariable<String> TICKET_ID = string("ticketId");
  /** Set when an escalation raised the request: the agent completes the rest in a task. */
  public static final ProcessVariable<Boolean> RAISED_FROM_ESCALATION = flag("raisedFromEscalation");
  /** After registration: whether the request joined a running feature (this instance then ends). */
  public static final ProcessVariable<Boolean> JOINED_RUNNING_FEATURE = flag("joinedRunningFeature");

  // The feature (on the instance that owns the key), refreshed whenever a request joins
  public static final ProcessVariable<Long> REQUESTS_RECEIVED = number("requestsReceived");
  public static final ProcessVariable<Long> DISTINCT_CUSTOMERS = number("distinctCustomers");
  public static final ProcessVariable<Double> SUMMED_CONTRACT_VALUE = decimal("summedContractValue");
  /** Every request and every customer with tier and value, as text for the review form. */
  public static final ProcessVariable<String> FEATURE_EVIDENCE = string("featureEvidence");
  /** The criteria that hold (ReviewCriterion names, comma-separated), and why. */
  public static final ProcessVariable<String> REVIEW_CRITERIA_MET = string("reviewCriteriaMet");
  public static final ProcessVariable<String> REVIEW_CRITERIA_REASONS = string("reviewCriteriaReasons");
  /** Whether any review criterion holds: the model waits for it before Product reviews. */
  public static final ProcessVariable<Boolean> REVIEW_REQUIRED = flag("reviewRequired");
  /** What the feature waits for, for the requesting agents to read. */
  public static final ProcessVariable<String> REVIEW_STATUS = string("reviewStatus");
  /** The ticket IDs of the escalations that asked for the feature, comma-separated. */
  public static final ProcessVariable<String> LINKED_TICKETS = string("linkedTickets");
  /** The agents who requested the feature, comma-separated (candidates of "Provide more information"). */
  public static final ProcessVariable<String> REQUESTING_AGENTS = string("requestingAgents");

  // Product review
  public static final ProcessVariable<Date> REVIEW_DUE_AT = date("reviewDueAt");
  public static final ProcessVariable<Date> REVIEW_WARNING_AT = date("reviewWarningAt");
  /** A ReviewOutcome name. */
  public static final ProcessVariable<String> REVIEW_OUTCOME = string("reviewOutcome");
  public static final ProcessVariable<String> TARGET_RELEASE = string("targetRelease");
  public static final ProcessVariable<String> DECLINE_REASON = string("declineReason");
  /** What Product asks the requesting agents, with "more information needed". */
  public static final ProcessVariable<String> INFORMATION_REQUESTED = string("informationRequested");
  /** The requesting agent's answer. */
  public static final ProcessVariable<String> ADDITIONAL_INFORMATION = string("additionalInformation");
  public static final ProcessVariable<String> DECIDED_BY = string("featureDecidedBy");

  /** The fields of one request, as the forms capture them. */
  public static final List<ProcessVariable<?>> REQUEST_FIELDS = List.of(FEATURE_KEY, JOINS_RUNNING_FEATURE,
      FEATURE_SUMMARY, CUSTOMER_USE_CASE, NUMBER_OF_REQUESTS, WORKAROUND_AVAILABLE, WORKAROUND_DESCRIPTION,
      BUSINESS_IMPACT, COMPETITIVE_CONTEXT, REQUESTING_CUSTOMER, CUSTOMER_CONTACT, CUSTOMER_TIER, CONTRACT_VALUE,
      ROADMAP_ALIGNED, COMPETITIVE_PARITY, PROMISED_IN_CONTRACT, TICKET_ID);
}
