package com.octoacme.support.sla;

/** How an SLA target's duration is counted by {@link BusinessCalendar}. */
public enum CalendarKind {
  /** Working time only: the configured working hours, less weekends, public holidays and company closures. */
  BUSINESS_HOURS,
  /** Around the clock (24x7): plain elapsed time. */
  ALWAYS
}
