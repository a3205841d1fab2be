package com.octoacme.support.escalation;

import java.util.EnumSet;
import java.util.Set;

/** How the work at a level ended. */
public enum LevelOutcome {
  RESOLVED,
  ESCALATE,
  HAND_BACK,
  /** The handler asked the customer and waits: the resolution clock stops until the customer replies. */
  WAITING_FOR_CUSTOMER,
  /** Set by the process, never chosen in a form: a response or resolution SLA ran out. */
  SLA_BREACHED;

  /** The outcomes a handler may choose in the resolve form. */
  public static final Set<LevelOutcome> CHOSEN_BY_HANDLER = EnumSet.of(RESOLVED, ESCALATE, HAND_BACK, WAITING_FOR_CUSTOMER);

  public static java.util.Optional<LevelOutcome> parse(String code) {
    return java.util.Arrays.stream(values()).filter(o -> o.name().equals(code)).findFirst();
  }
}
