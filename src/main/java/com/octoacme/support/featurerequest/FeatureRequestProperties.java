package com.octoacme.support.featurerequest;

import com.octoacme.support.sla.BusinessDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The feature-request process ({@code feature-request} in application.yaml): how long Product has for a review,
 * on the business calendar ({@code sla.calendar}: days are business days, hours working hours, see
 * BusinessDuration), and when the product managers' lead is warned before that.
 */
@ConfigurationProperties(prefix = "feature-request")
public record FeatureRequestProperties(String reviewDueAfter, String reviewWarningAfter) {

  public FeatureRequestProperties {
    BusinessDuration due = parse("review-due-after", reviewDueAfter, "P10D");
    BusinessDuration warning = parse("review-warning-after", reviewWarningAfter, "P8D");
    if (due.isZero()) {
      throw new IllegalStateException("feature-request.review-due-after must be a positive duration such as P10D");
    }
    if (warning.elapsed().compareTo(due.elapsed()) >= 0) {
      throw new IllegalStateException("feature-request.review-warning-after must be a duration shorter than "
          + "feature-request.review-due-after (" + reviewDueAfter + "), such as P8D");
    }
  }

  public BusinessDuration reviewDue() {
    return BusinessDuration.parse(reviewDueAfter);
  }

  public BusinessDuration reviewWarning() {
    return BusinessDuration.parse(reviewWarningAfter);
  }

  private static BusinessDuration parse(String name, String value, String example) {
    try {
      return BusinessDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("feature-request." + name + " must be a duration such as " + example + ": "
          + e.getMessage(), e);
    }
  }
}
