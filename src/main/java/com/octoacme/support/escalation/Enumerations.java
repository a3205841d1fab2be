package com.octoacme.support.escalation;

/** The closed value sets of the escalation template's fields (the option values of the forms' selects). */
public final class Enumerations {

  private Enumerations() {}

  public enum AccountTier { FREE, PRO, ENTERPRISE }

  public enum Urgency { HIGH, MEDIUM, LOW }

  public enum HealthScore { GREEN, YELLOW, RED }

  public enum Sentiment { SATISFIED, UNDERSTANDING, NEUTRAL, FRUSTRATED, ANGRY }

  public enum Environment { PRODUCTION, STAGING, TEST, DEVELOPMENT }

  public enum UpdateFrequency {
    HOURLY(java.time.Duration.ofHours(1)),
    EVERY_4_HOURS(java.time.Duration.ofHours(4)),
    DAILY(java.time.Duration.ofDays(1)),
    WEEKLY(java.time.Duration.ofDays(7));

    private final java.time.Duration interval;

    UpdateFrequency(java.time.Duration interval) {
      this.interval = interval;
    }

    public java.time.Duration interval() {
      return interval;
    }
  }

  /** The template's "Current Status" of a customer update. */
  public enum CustomerUpdateStatus { UNDER_INVESTIGATION, FIX_IN_PROGRESS, FIX_DEPLOYED }
}
