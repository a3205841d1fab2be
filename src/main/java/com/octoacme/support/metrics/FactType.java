package com.octoacme.support.metrics;

/** What an escalation fact records. */
public enum FactType {
  /** The escalation got its first level (the decision table's, or Support's override). */
  ESCALATED,
  /** Its level changed (escalated, handed back, SLA breach, reopened): change_kind says which. */
  LEVEL_CHANGED,
  /** A handler group acknowledged at the current level; durations since the level was entered. */
  FIRST_RESPONSE,
  /** An SLA warning (sla_kind RESPONSE or RESOLUTION). */
  WARNING,
  /** An SLA breach (sla_kind RESPONSE or RESOLUTION). */
  BREACH,
  PAUSED,
  RESUMED,
  /** Resolved at the current level; durations since the escalation was opened. */
  RESOLVED,
  /** The customer reopened the escalation after its resolution. */
  REOPENED,
  CSAT_RECEIVED,
  /** Closed after the after-resolution checklist, with the CSAT score on it. */
  CLOSED,
  /**
   * Derived, once per escalation: it has just become a re-escalation (its second upward level change, or its
   * first reopening). level = the level then, from_level = the level it was opened at.
   */
  RE_ESCALATED
}
