package com.octoacme.support.escalation;

/** The closed value sets of the escalation template's fields (the option values of the forms' selects). */
public final class Enumerations {

  private Enumerations() {}

  public enum AccountTier { FREE, PRO, ENTERPRISE }

  public enum Urgency { HIGH, MEDIUM, LOW }

  public enum HealthScore { GREEN, YELLOW, RED }

  public enum Sentiment { SATISFIED, UNDERSTANDING, NEUTRAL, FRUSTRATED, ANGRY }

  public enum Environment { PRODUCTION, STAGING, TEST, DEVELOPMENT }

  public enum UpdateFrequency { HOURLY, EVERY_4_HOURS, DAILY, WEEKLY }
}
