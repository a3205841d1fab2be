package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestVariables.*;

import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.escalation.InvalidFieldException;
import com.octoacme.support.escalation.ProcessVariable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a request before anything is recorded: required fields, lengths, the tier, the contract value, and the
 * feature key against the features there are (joining needs a running one; a new key must be free). A refusal
 * names the field; the start or the task completion is rolled back.
 */
@Component
class FeatureRequestValidator {

  private static final Logger log = LoggerFactory.getLogger(FeatureRequestValidator.class);

  static final Pattern FEATURE_KEY_PATTERN = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
  static final int MAX_KEY = 64;
  static final Pattern TICKET_ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final BigDecimal MAX_CONTRACT_VALUE = new BigDecimal("1000000000000");
  /** Control characters other than line breaks and tabs. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");
  /** How many matching keys a refusal lists. */
  private static final int SUGGESTIONS = 10;

  private final FeatureRequestRepository features;

  FeatureRequestValidator(FeatureRequestRepository features) {
    this.features = features;
  }

  /** @return the request, its key normalised (upper case) and written back */
  FeatureRequestForm validate(VariableScope scope) {
    FeatureRequestForm request;
    try {
      request = FeatureRequestForm.from(scope);
    } catch (ClassCastException e) {
      throw new InvalidFieldException(wrongType(scope), "a field of the feature request has the wrong type: " + e.getMessage());
    }
    try {
      check(request);
    } catch (InvalidFieldException e) {
      log.warn("Feature request refused: {}", e.getMessage());
      throw e;
    }
    FEATURE_KEY.set(scope, request.featureKey());
    return request;
  }

  private void check(FeatureRequestForm r) {
    required(FEATURE_KEY, r.featureKey(), MAX_KEY);
    if (!FEATURE_KEY_PATTERN.matcher(r.featureKey()).matches()) {
      throw new InvalidFieldException(FEATURE_KEY.name(), FEATURE_KEY.name() + " '" + r.featureKey()
          + "' must be letters, digits and single dashes, starting with a letter, e.g. FEAT-SSO-SCIM");
    }
    checkKey(r.featureKey(), r.joinsRunningFeature());
    required(FEATURE_SUMMARY, r.featureSummary(), 500);
    required(CUSTOMER_USE_CASE, r.customerUseCase(), 4000);
    if (r.numberOfRequests() != null && (r.numberOfRequests() < 1 || r.numberOfRequests() > 100_000)) {
      throw new InvalidFieldException(NUMBER_OF_REQUESTS.name(), NUMBER_OF_REQUESTS.name() + " must be from 1 to 100000");
    }
    if (r.workaroundAvailable()) {
      required(WORKAROUND_DESCRIPTION, r.workaroundDescription(), 4000);
    } else {
      optional(WORKAROUND_DESCRIPTION, r.workaroundDescription(), 4000);
    }
    required(BUSINESS_IMPACT, r.businessImpact(), 4000);
    optional(COMPETITIVE_CONTEXT, r.competitiveContext(), 4000);
    required(REQUESTING_CUSTOMER, r.requestingCustomer(), 200);
    required(CUSTOMER_CONTACT, r.customerContact(), 200);
    required(CUSTOMER_TIER, r.customerTier(), 32);
    if (Arrays.stream(AccountTier.values()).noneMatch(t -> t.name().equals(r.customerTier()))) {
      throw new InvalidFieldException(CUSTOMER_TIER.name(), CUSTOMER_TIER.name() + " '" + r.customerTier()
          + "' is not one of " + Arrays.toString(AccountTier.values()));
    }
    if (r.contractValue() == null) {
      throw new InvalidFieldException(CONTRACT_VALUE.name(), CONTRACT_VALUE.name() + " is required (0 if none)");
    }
    if (r.contractValue().signum() < 0 || r.contractValue().compareTo(MAX_CONTRACT_VALUE) >= 0) {
      throw new InvalidFieldException(CONTRACT_VALUE.name(), CONTRACT_VALUE.name() + " must be from 0 to below "
          + MAX_CONTRACT_VALUE.toPlainString());
    }
    if (r.ticketId() != null && !TICKET_ID_PATTERN.matcher(r.ticketId()).matches()) {
      throw new InvalidFieldException(TICKET_ID.name(), TICKET_ID.name() + " '" + r.ticketId()
          + "' must be 1-64 letters, digits, dots, dashes or underscores");
    }
  }

  /** Joining needs a running feature; a new key must not be taken (else the agent meant another feature). */
  private void checkKey(String key, boolean joins) {
    Optional<FeatureRequest> feature = features.findByFeatureKey(key);
    if (feature.isPresent() && feature.get().isDecided()) {
      FeatureRequest decided = feature.get();
      throw new InvalidFieldException(FEATURE_KEY.name(), FEATURE_KEY.name() + " " + key + " (\""
          + decided.getFeatureSummary() + "\") was decided already: " + decided.getStatus() + " on "
          + decided.getDecidedAt() + "; choose a new key for a new request");
    }
    if (joins && feature.isEmpty()) {
      List<String> matches = running().stream().filter(f -> matches(f, key)).map(FeatureRequest::getFeatureKey)
          .limit(SUGGESTIONS).toList();
      throw new InvalidFieldException(FEATURE_KEY.name(), FEATURE_KEY.name() + " " + key
          + " is no running feature request; " + (matches.isEmpty()
              ? "none matches it, running: " + running().stream().map(FeatureRequest::getFeatureKey).limit(SUGGESTIONS).toList()
                  + " (or untick 'joins a running feature' to start a new one)"
              : "matching running ones: " + matches));
    }
    if (!joins && feature.isPresent()) {
      throw new InvalidFieldException(FEATURE_KEY.name(), FEATURE_KEY.name() + " " + key
          + " is a running feature request (\"" + feature.get().getFeatureSummary()
          + "\"): tick 'joins a running feature' to add this request to it, or choose another key");
    }
  }

  private List<FeatureRequest> running() {
    return features.findByStatusInOrderByFeatureKeyAsc(List.of(FeatureRequest.Status.WAITING, FeatureRequest.Status.IN_REVIEW));
  }

  /** A search: every word of the typed key appears in the running feature's key or summary. */
  static boolean matches(FeatureRequest feature, String typed) {
    String haystack = (feature.getFeatureKey() + " " + feature.getFeatureSummary()).toUpperCase(Locale.ROOT);
    return Arrays.stream(typed.split("-")).filter(w -> !w.isBlank()).allMatch(haystack::contains);
  }

  private static void required(ProcessVariable<?> field, String value, int max) {
    if (value == null) {
      throw new InvalidFieldException(field.name(), field.name() + " is required");
    }
    optional(field, value, max);
  }

  private static void optional(ProcessVariable<?> field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      throw new InvalidFieldException(field.name(), field.name() + " is longer than " + max + " characters");
    }
    if (CONTROL.matcher(value).find()) {
      throw new InvalidFieldException(field.name(), field.name() + " contains control characters");
    }
  }

  private static String wrongType(VariableScope scope) {
    for (ProcessVariable<?> field : REQUEST_FIELDS) {
      Object value = scope.getVariable(field.name());
      if (value != null && !field.type().isInstance(value) && !(value instanceof Number && Number.class.isAssignableFrom(field.type()))) {
        return field.name();
      }
    }
    return FEATURE_KEY.name();
  }
}
