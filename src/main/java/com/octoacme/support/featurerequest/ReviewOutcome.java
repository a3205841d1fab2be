package com.octoacme.support.featurerequest;

/** What Product decides in "Product review" (the option values of the review form). */
public enum ReviewOutcome {
  ACCEPTED("Accepted to the roadmap"),
  DECLINED("Declined"),
  MORE_INFORMATION("More information needed");

  private final String label;

  ReviewOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The outcomes that end the feature request. */
  public boolean isDecision() {
    return this != MORE_INFORMATION;
  }
}
