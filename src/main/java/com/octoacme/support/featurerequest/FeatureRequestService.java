package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestVariables.*;

import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.escalation.InvalidFieldException;
import com.octoacme.support.sla.BusinessCalendar;
import com.octoacme.support.sla.CalendarKind;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The feature-request process's work. One feature, one process instance: the request that claims a new key
 * (a {@code feature_request} row, unique by key) makes its own instance the feature's (business key = feature
 * key) in the same transaction; a request for a running feature adds its evidence and correlates
 * {@value FeatureRequestModel#MESSAGE_FEATURE_REQUEST_UPDATED} to the feature's instance, and its own instance
 * ends. Everything here runs inside the engine's transaction (called from the model's delegates).
 */
@Service
public class FeatureRequestService {

  private static final Logger log = LoggerFactory.getLogger(FeatureRequestService.class);

  private final FeatureRequestValidator validator;
  private final FeatureRequestRepository features;
  private final FeatureRequestEntryRepository entries;
  private final FeatureRequestClaims claims;
  private final ReviewCriteria criteria;
  private final EscalationLinks escalations;
  private final FeatureNotifications notifications;
  private final BusinessCalendar calendar;
  private final FeatureRequestProperties properties;
  private final RuntimeService runtime;

  FeatureRequestService(FeatureRequestValidator validator, FeatureRequestRepository features,
      FeatureRequestEntryRepository entries, FeatureRequestClaims claims, ReviewCriteria criteria,
      EscalationLinks escalations, FeatureNotifications notifications, BusinessCalendar calendar,
      FeatureRequestProperties properties, RuntimeService runtime) {
    this.validator = validator;
    this.features = features;
    this.entries = entries;
    this.claims = claims;
    this.criteria = criteria;
    this.escalations = escalations;
    this.notifications = notifications;
    this.calendar = calendar;
    this.properties = properties;
    this.runtime = runtime;
  }

  /** Checks the request's fields and its key (a refusal names the field; nothing is started or completed). */
  public void validate(VariableScope scope) {
    validator.validate(scope);
  }

  /**
   * Records the request under its feature key: claims a new key for this instance, or joins the running
   * feature. A concurrent claim of the same new key fails here (DuplicateKeyException) and the job is
   * retried: then the key is taken and the request joins.
   *
   * @return whether the request joined a running feature (this instance then ends)
   */
  public boolean register(DelegateExecution execution) {
    FeatureRequestForm request = FeatureRequestForm.from(execution);
    String key = request.featureKey();
    String requestedBy = REQUESTED_BY.from(execution).orElse(null);
    // Joining requests take turns on the feature's row (see lockByFeatureKey); a new key has no row to lock.
    Optional<FeatureRequest> feature = features.lockByFeatureKey(key);
    boolean joins = feature.isPresent() && !feature.get().getProcessInstanceId().equals(execution.getProcessInstanceId());
    if (feature.isEmpty()) {
      claims.claim(key, execution.getProcessInstanceId(), request.featureSummary(), requestedBy, EscalationHistory.now());
      execution.setProcessBusinessKey(key);
      log.info("Feature request {} started by {} (instance {})", key, requestedBy, execution.getProcessInstanceId());
    }
    if (!entries.existsByRequestInstanceId(execution.getProcessInstanceId())) {
      entries.saveAndFlush(new FeatureRequestEntry(key, execution.getProcessInstanceId(), request, requestedBy,
          EscalationHistory.now()));
    }
    if (request.ticketId() != null) {
      escalations.linkFeature(request.ticketId(), key, requestedBy);
    }
    if (joins) {
      FeatureRequest running = feature.get();
      if (running.isDecided()) {
        // Validated as running, decided meanwhile: kept as evidence; the decision is not sent again.
        log.warn("Request {} for feature {} arrived after it was {}: kept as evidence only",
            execution.getProcessInstanceId(), key, running.getStatus());
      } else {
        runtime.createMessageCorrelation(FeatureRequestModel.MESSAGE_FEATURE_REQUEST_UPDATED)
            .processInstanceId(running.getProcessInstanceId())
            .correlateWithResult();
        log.info("Request {} by {} joined feature request {}", execution.getProcessInstanceId(), requestedBy, key);
      }
    }
    return joins;
  }

  /**
   * Adds up the feature's requests, evaluates the review criteria (DMN) and writes the evidence, the criteria
   * and what the feature waits for onto the feature's instance.
   */
  public void evaluate(DelegateExecution execution) {
    String key = featureKeyOf(execution);
    FeatureRequest feature = features.findByFeatureKey(key)
        .orElseThrow(() -> new IllegalStateException("feature request " + key + " has no feature_request row"));
    FeatureEvidence evidence = FeatureEvidence.of(entries.findByFeatureKeyOrderByIdAsc(key), feature.isRoadmapFlagged());
    List<ReviewCriteria.Met> met = criteria.evaluate(evidence);
    String criteriaMet = met.stream().map(m -> m.criterion().name()).collect(Collectors.joining(", "));
    String reasons = met.stream().map(m -> m.criterion() + ": " + String.join("; ", m.reasons()))
        .collect(Collectors.joining("\n"));
    String status = met.isEmpty() ? waitingFor(evidence)
        : "Product review: " + met.stream().map(m -> m.criterion() + " (" + String.join("; ", m.reasons()) + ")")
            .collect(Collectors.joining(", "));
    REQUESTS_RECEIVED.set(execution, (long) evidence.requests().size());
    DISTINCT_CUSTOMERS.set(execution, (long) evidence.distinctCustomers());
    SUMMED_CONTRACT_VALUE.set(execution, evidence.summedContractValue().doubleValue());
    FEATURE_EVIDENCE.set(execution, evidence.text());
    REVIEW_CRITERIA_MET.set(execution, criteriaMet);
    REVIEW_CRITERIA_REASONS.set(execution, reasons);
    REVIEW_STATUS.set(execution, truncate(status, 2000));
    LINKED_TICKETS.set(execution, String.join(", ", evidence.ticketIds()));
    REQUESTING_AGENTS.set(execution, String.join(",", evidence.requestingAgents()));
    feature.evaluated(criteriaMet.isEmpty() ? null : criteriaMet, truncate(status, 2000), !met.isEmpty());
    // Last: the model's conditional event waits for this one.
    REVIEW_REQUIRED.set(execution, !met.isEmpty());
  }

  /** Sets the review's due and warning instants on the business calendar (feature-request.review-*). */
  public void scheduleReview(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    REVIEW_DUE_AT.set(execution, Date.from(calendar.addBusinessTime(now, properties.reviewDue(),
        CalendarKind.BUSINESS_HOURS, null)));
    REVIEW_WARNING_AT.set(execution, Date.from(calendar.addBusinessTime(now, properties.reviewWarning(),
        CalendarKind.BUSINESS_HOURS, null)));
    status(execution, "In product review, due " + REVIEW_DUE_AT.require(execution).toInstant() + ": "
        + REVIEW_CRITERIA_REASONS.from(execution).orElse("").replace('\n', ' '));
  }

  /** What the feature is at, for the requesting agents: on the instance and in the API. */
  private void status(DelegateExecution execution, String text) {
    String status = truncate(text, 2000);
    REVIEW_STATUS.set(execution, status);
    features.findByFeatureKey(featureKeyOf(execution)).ifPresent(f -> f.reviewStatus(status));
  }

  /** On completing a review: the outcome, and what it needs (a target release, a reason, a question). */
  public void validateReview(org.camunda.bpm.engine.delegate.DelegateTask task, String decidedBy) {
    String value = REVIEW_OUTCOME.from(task).orElse(null);
    ReviewOutcome outcome;
    try {
      outcome = value == null ? null : ReviewOutcome.valueOf(value);
    } catch (IllegalArgumentException e) {
      outcome = null;
    }
    if (outcome == null) {
      throw refused(REVIEW_OUTCOME.name(), REVIEW_OUTCOME.name() + " is required: one of ACCEPTED, DECLINED, MORE_INFORMATION");
    }
    switch (outcome) {
      case ACCEPTED -> requireText(task, TARGET_RELEASE, 100, "to accept the feature");
      case DECLINED -> requireText(task, DECLINE_REASON, 4000, "to decline the feature");
      case MORE_INFORMATION -> requireText(task, INFORMATION_REQUESTED, 4000, "to ask the requesting agents");
    }
    DECIDED_BY.set(task, decidedBy);
    if (outcome == ReviewOutcome.MORE_INFORMATION) {
      status(task.getExecution(), "More information needed (asked by " + decidedBy + "): "
          + INFORMATION_REQUESTED.require(task).strip());
    }
  }

  /** Accepted or declined: records it, e-mails every requesting customer's contact once, tells each linked escalation. */
  public void announceDecision(DelegateExecution execution) {
    String key = featureKeyOf(execution);
    ReviewOutcome outcome = ReviewOutcome.valueOf(REVIEW_OUTCOME.require(execution));
    String targetRelease = TARGET_RELEASE.from(execution).orElse(null);
    String declineReason = DECLINE_REASON.from(execution).orElse(null);
    String decidedBy = DECIDED_BY.from(execution).orElse(null);
    FeatureRequest feature = features.findByFeatureKey(key).orElseThrow();
    feature.decided(outcome, outcome == ReviewOutcome.ACCEPTED ? targetRelease : null,
        outcome == ReviewOutcome.DECLINED ? declineReason : null, decidedBy, EscalationHistory.now());
    List<FeatureRequestEntry> requests = entries.findByFeatureKeyOrderByIdAsc(key);
    int queued = notifications.announceDecision(key, feature.getFeatureSummary(), outcome, targetRelease, declineReason,
        requests);
    String decision = decisionText(outcome, targetRelease, declineReason);
    FeatureEvidence.of(requests, feature.isRoadmapFlagged()).ticketIds().forEach(ticket -> escalations.recordDecision(ticket, key, decision, decidedBy));
    status(execution, decision);
    log.info("Feature request {} {}: {} decision mail(s) queued", key, outcome, queued);
  }

  /** The non-interrupting timer: warns the product managers that the review runs out at its due instant. */
  public void warnOfReview(DelegateExecution execution, boolean overdue) {
    notifications.reviewRunningOut(featureKeyOf(execution), FEATURE_SUMMARY.from(execution).orElse(null),
        REVIEW_DUE_AT.require(execution), REVIEW_CRITERIA_MET.from(execution).orElse(null),
        DISTINCT_CUSTOMERS.from(execution).orElse(null), overdue);
  }

  /**
   * Called by the escalation process (bean {@code raiseFeatureRequest}) when its Requested Action includes
   * "Feature enhancement": starts a feature request with what the escalation knows; the requesting agent
   * completes the rest in "Complete feature request".
   *
   * @return the new feature-request instance's ID
   */
  public String raiseFromEscalation(DelegateExecution escalation) {
    String ticketId = EscalationVariables.TICKET_ID.require(escalation);
    VariableMap variables = Variables.createVariables();
    variables.put(RAISED_FROM_ESCALATION.name(), true);
    variables.put(TICKET_ID.name(), ticketId);
    EscalationVariables.CUSTOMER_NAME.from(escalation).ifPresent(v -> variables.put(REQUESTING_CUSTOMER.name(), v));
    EscalationVariables.ACCOUNT_TIER.from(escalation).ifPresent(v -> variables.put(CUSTOMER_TIER.name(), v));
    EscalationVariables.REPORTED_BY.from(escalation).ifPresent(v -> variables.put(CUSTOMER_CONTACT.name(), v));
    EscalationVariables.ACCOUNT_VALUE.from(escalation).ifPresent(v -> variables.put(CONTRACT_VALUE.name(), v));
    EscalationVariables.ISSUE_SUMMARY.from(escalation).ifPresent(v -> variables.put(FEATURE_SUMMARY.name(), v));
    EscalationVariables.BUSINESS_IMPACT.from(escalation).ifPresent(v -> variables.put(BUSINESS_IMPACT.name(), v));
    EscalationVariables.WORKAROUND_AVAILABLE.from(escalation).ifPresent(v -> variables.put(WORKAROUND_AVAILABLE.name(), v));
    EscalationVariables.WORKAROUND_DESCRIPTION.from(escalation).ifPresent(v -> variables.put(WORKAROUND_DESCRIPTION.name(), v));
    EscalationVariables.OPENED_BY.from(escalation).ifPresent(v -> variables.put(REQUESTED_BY.name(), v));
    String instanceId = runtime.createProcessInstanceByKey(PROCESS_ID).setVariables(variables).execute().getId();
    log.info("Escalation {} raised feature request instance {}", ticketId, instanceId);
    return instanceId;
  }

  /** The feature: every request, every customer, the criteria, its status and its linked escalations. */
  public Optional<FeatureRequestDetails> details(String featureKey) {
    return features.findByFeatureKey(featureKey).map(feature -> {
      List<FeatureRequestEntry> requests = entries.findByFeatureKeyOrderByIdAsc(featureKey);
      return FeatureRequestDetails.of(feature, FeatureEvidence.of(requests, feature.isRoadmapFlagged()));
    });
  }

  /** A feature request that was decided takes no more changes. */
  public static class AlreadyDecidedException extends RuntimeException {
    AlreadyDecidedException(String message) {
      super(message);
    }
  }

  /**
   * A product manager (or Support) flags the feature as aligned with the roadmap (the strategic criterion):
   * the criteria are evaluated again on the feature's instance, so a waiting feature goes to review now.
   *
   * @return the feature after the flag; empty for an unknown key
   * @throws AlreadyDecidedException when Product has decided it already
   */
  @org.springframework.transaction.annotation.Transactional
  public Optional<FeatureRequestDetails> flagRoadmapAligned(String featureKey, String by) {
    Optional<FeatureRequest> found = features.lockByFeatureKey(featureKey);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    FeatureRequest feature = found.get();
    if (feature.isDecided()) {
      throw new AlreadyDecidedException("feature request " + featureKey + " was decided already: " + feature.getStatus());
    }
    if (!feature.isRoadmapFlagged()) {
      feature.flagRoadmapAligned(by, EscalationHistory.now());
      features.flush();
      runtime.createMessageCorrelation(FeatureRequestModel.MESSAGE_FEATURE_REQUEST_UPDATED)
          .processInstanceId(feature.getProcessInstanceId())
          .correlateWithResult();
      log.info("Feature request {} flagged as aligned with the roadmap by {}", featureKey, by);
    }
    return details(featureKey);
  }

  static String decisionText(ReviewOutcome outcome, String targetRelease, String declineReason) {
    return outcome == ReviewOutcome.ACCEPTED ? outcome.label() + (targetRelease == null ? "" : " for release " + targetRelease)
        : outcome.label() + (declineReason == null ? "" : ": " + declineReason);
  }

  /** What a waiting feature waits for: the thresholds are in the DMN, the figures here. */
  static String waitingFor(FeatureEvidence evidence) {
    return "Waiting for a review criterion (volume, impact, strategic, competitive or contract; see "
        + "bpmn/feature-review-criteria.dmn). So far: " + evidence.requests().size() + " request(s) from "
        + evidence.distinctCustomers() + " distinct customer(s), " + evidence.enterpriseCustomers()
        + " Enterprise, highest contract value " + FeatureEvidence.money(evidence.highestContractValue())
        + "; not flagged as roadmap-aligned, needed for competitive parity or promised in a contract.";
  }

  private static String featureKeyOf(DelegateExecution execution) {
    return FEATURE_KEY.require(execution);
  }

  private static void requireText(VariableScope scope, com.octoacme.support.escalation.ProcessVariable<String> field,
      int max, String why) {
    String value = field.from(scope).map(String::strip).orElse("");
    if (value.isEmpty()) {
      throw refused(field.name(), field.name() + " is required " + why);
    }
    if (value.length() > max) {
      throw refused(field.name(), field.name() + " is longer than " + max + " characters");
    }
  }

  private static InvalidFieldException refused(String field, String message) {
    log.warn("Product review refused: {}", message);
    return new InvalidFieldException(field, message);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }
}
