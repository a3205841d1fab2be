package com.octoacme.support.featurerequest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The feature-request process ({@code feature-request} in application.yaml): how long Product has for a review,
 * on the business calendar ({@code sla.calendar}: whole days are business days), and when the product
 * managers' lead is warned before that.
 */
@ConfigurationProperties(prefix = "feature-request")
public record FeatureRequestProperties(Duration reviewDueAfter, Duration reviewWarningAfter) {

  public FeatureRequestProperties {
    if (reviewDueAfter == null || reviewDueAfter.isZero() || reviewDueAfter.isNegative()) {
      throw new IllegalStateException("feature-request.review-due-after must be a positive duration such as P10D");
    }
    if (reviewWarningAfter == null || reviewWarningAfter.isNegative() || reviewWarningAfter.compareTo(reviewDueAfter) >= 0) {
      throw new IllegalStateException("feature-request.review-warning-after must be a duration shorter than "
          + "feature-request.review-due-after (" + reviewDueAfter + "), such as P8D");
    }
  }
}
