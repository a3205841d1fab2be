package com.octoacme.support.testing;

import static com.octoacme.support.escalation.EscalationVariables.*;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Start-form submissions as Tasklist sends them: untyped strings, numbers and booleans. */
public final class EscalationRequests {

  private static final AtomicInteger TICKETS = new AtomicInteger(10_000);

  private EscalationRequests() {}

  public static String nextTicketId() {
    return "TICKET-" + TICKETS.incrementAndGet();
  }

  /** A complete, valid request for an issue of this type; the ticket ID is new each time. */
  public static Map<String, Object> request(String issueType, String accountTier, String urgency, int usersAffected) {
    Map<String, Object> v = new HashMap<>();
    v.put(TICKET_ID.name(), nextTicketId());
    v.put(CUSTOMER_NAME.name(), "Globex Corporation");
    v.put(ACCOUNT_TIER.name(), accountTier);
    v.put(REPORTED_BY.name(), "jane.doe@globex.example");
    v.put(REPORTED_DATE.name(), "2026-11-20");
    v.put(ISSUE_TYPE.name(), issueType);
    v.put(ISSUE_SUMMARY.name(), "Checkout fails with HTTP 500");
    v.put(PROBLEM_DESCRIPTION.name(), "Customers cannot complete an order since the last release.");
    v.put(USERS_AFFECTED.name(), usersAffected);
    v.put(BUSINESS_IMPACT.name(), "Cannot process orders");
    v.put(URGENCY.name(), urgency);
    v.put(INITIAL_DIAGNOSIS.name(), "NullPointerException in the payment adapter");
    v.put(PRIORITY_JUSTIFICATION.name(), "Revenue is blocked");
    return v;
  }
}
