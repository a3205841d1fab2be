package com.octoacme.support.sla;

import java.time.Duration;

/**
 * The SLA of one escalation level, as bpmn/sla-policy.dmn decides it.
 *
 * @param warningThreshold share of the SLA's business time after which the handlers are warned
 */
public record SlaPolicy(Target response, Target resolution, CalendarKind calendar, double warningThreshold,
    BreachAction breachAction) {

  public enum BreachAction {
    /** Record, inform the level's lead and move the escalation up a level. */
    ESCALATE,
    /** Record and inform the level's lead; the level stays and its clocks start afresh. */
    INFORM_LEAD
  }

  /** A target: a duration on the policy's calendar, or the end of the day the level was entered. */
  public record Target(BusinessDuration duration, boolean endOfDay) {

    static final String END_OF_DAY = "END_OF_DAY";

    public static Target parse(String text) {
      if (END_OF_DAY.equals(text)) {
        return new Target(null, true);
      }
      return new Target(BusinessDuration.parse(text), false);
    }
  }

  public SlaPolicy {
    if (warningThreshold <= 0 || warningThreshold >= 1) {
      throw new IllegalArgumentException("the warning threshold is a share between 0 and 1, was " + warningThreshold);
    }
  }
}
