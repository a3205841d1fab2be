package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestVariables.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;

/** One request as its form submitted it (read from the variables; {@link FeatureRequestValidator} checks it). */
record FeatureRequestForm(String featureKey, boolean joinsRunningFeature, String featureSummary,
    String customerUseCase, Integer numberOfRequests, boolean workaroundAvailable, String workaroundDescription,
    String businessImpact, String competitiveContext, String requestingCustomer, String customerContact,
    String customerTier, BigDecimal contractValue, boolean roadmapAligned, boolean competitiveParity,
    boolean promisedInContract, String ticketId) {

  static FeatureRequestForm from(VariableScope scope) {
    return new FeatureRequestForm(
        FEATURE_KEY.from(scope).map(k -> k.strip().toUpperCase(Locale.ROOT)).filter(k -> !k.isEmpty()).orElse(null),
        JOINS_RUNNING_FEATURE.from(scope).orElse(false),
        text(FEATURE_SUMMARY.from(scope).orElse(null)),
        text(CUSTOMER_USE_CASE.from(scope).orElse(null)),
        NUMBER_OF_REQUESTS.from(scope).map(Long::intValue).orElse(null),
        WORKAROUND_AVAILABLE.from(scope).orElse(false),
        text(WORKAROUND_DESCRIPTION.from(scope).orElse(null)),
        text(BUSINESS_IMPACT.from(scope).orElse(null)),
        text(COMPETITIVE_CONTEXT.from(scope).orElse(null)),
        text(REQUESTING_CUSTOMER.from(scope).orElse(null)),
        text(CUSTOMER_CONTACT.from(scope).orElse(null)),
        text(CUSTOMER_TIER.from(scope).orElse(null)),
        CONTRACT_VALUE.from(scope).map(v -> BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP)).orElse(null),
        ROADMAP_ALIGNED.from(scope).orElse(false),
        COMPETITIVE_PARITY.from(scope).orElse(false),
        PROMISED_IN_CONTRACT.from(scope).orElse(false),
        text(TICKET_ID.from(scope).orElse(null)));
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
