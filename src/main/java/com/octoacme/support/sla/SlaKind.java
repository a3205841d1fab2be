package com.octoacme.support.sla;

/** The two clocks of every escalation level. */
public enum SlaKind {
  RESPONSE,
  RESOLUTION
}
