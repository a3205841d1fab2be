package com.octoacme.support.escalation;

/**
 * The issue types of the template's escalation levels, as the start form offers them. The level each
 * one starts at is decided in {@code bpmn/escalation-level.dmn}, nowhere else; the category groups
 * escalations for reporting.
 */
public enum IssueType {
  HOW_TO_QUESTION(Category.QUESTION),
  KNOWN_ISSUE_WITH_WORKAROUND(Category.BUG),
  ACCOUNT_BILLING(Category.ACCOUNT),
  BASIC_CONFIGURATION(Category.CONFIGURATION),
  CONFIRMED_BUG(Category.BUG),
  ENVIRONMENT_PERFORMANCE(Category.PERFORMANCE),
  INTEGRATION_PROBLEM(Category.CONFIGURATION),
  DATA_INCONSISTENCY(Category.BUG),
  PRODUCTION_OUTAGE(Category.OUTAGE),
  DATA_LOSS_OR_SECURITY_INCIDENT(Category.SECURITY),
  SEVERE_PERFORMANCE_DEGRADATION(Category.PERFORMANCE),
  CHURN_THREAT(Category.ACCOUNT),
  STRATEGIC_ACCOUNT_AT_RISK(Category.ACCOUNT),
  LEGAL_OR_COMPLIANCE(Category.LEGAL),
  MAJOR_BRAND_RISK(Category.LEGAL),
  CONTRACT_CRITICAL_BROKEN(Category.BUG);

  /** Categories for reporting escalation volume. */
  public enum Category { QUESTION, BUG, ACCOUNT, CONFIGURATION, PERFORMANCE, OUTAGE, SECURITY, LEGAL }

  private final Category category;

  IssueType(Category category) {
    this.category = category;
  }

  public Category category() {
    return category;
  }
}
