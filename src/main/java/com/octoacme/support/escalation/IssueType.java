package com.octoacme.support.escalation;

/**
 * The issue types of the template's escalation levels. The level each one starts at is decided in
 * {@code bpmn/escalation-level.dmn}; {@link #templateLevel} is the template's own table, used to check
 * the decision and to group escalations by category.
 */
public enum IssueType {
  HOW_TO_QUESTION(EscalationLevel.L1, Category.QUESTION),
  KNOWN_ISSUE_WITH_WORKAROUND(EscalationLevel.L1, Category.BUG),
  ACCOUNT_BILLING(EscalationLevel.L1, Category.ACCOUNT),
  BASIC_CONFIGURATION(EscalationLevel.L1, Category.CONFIGURATION),
  CONFIRMED_BUG(EscalationLevel.L2, Category.BUG),
  ENVIRONMENT_PERFORMANCE(EscalationLevel.L2, Category.PERFORMANCE),
  INTEGRATION_PROBLEM(EscalationLevel.L2, Category.CONFIGURATION),
  DATA_INCONSISTENCY(EscalationLevel.L2, Category.BUG),
  PRODUCTION_OUTAGE(EscalationLevel.L3, Category.OUTAGE),
  DATA_LOSS_OR_SECURITY_INCIDENT(EscalationLevel.L3, Category.SECURITY),
  SEVERE_PERFORMANCE_DEGRADATION(EscalationLevel.L3, Category.PERFORMANCE),
  CHURN_THREAT(EscalationLevel.L3, Category.ACCOUNT),
  STRATEGIC_ACCOUNT_AT_RISK(EscalationLevel.L4, Category.ACCOUNT),
  LEGAL_OR_COMPLIANCE(EscalationLevel.L4, Category.LEGAL),
  MAJOR_BRAND_RISK(EscalationLevel.L4, Category.LEGAL),
  CONTRACT_CRITICAL_BROKEN(EscalationLevel.L4, Category.BUG);

  /** Categories for reporting escalation volume. */
  public enum Category { QUESTION, BUG, ACCOUNT, CONFIGURATION, PERFORMANCE, OUTAGE, SECURITY, LEGAL }

  private final EscalationLevel templateLevel;
  private final Category category;

  IssueType(EscalationLevel templateLevel, Category category) {
    this.templateLevel = templateLevel;
    this.category = category;
  }

  public EscalationLevel templateLevel() {
    return templateLevel;
  }

  public Category category() {
    return category;
  }
}
