package com.octoacme.support.notification;

import java.time.Instant;

/**
 * The outbox's two updates of a row by its key. Not declared with {@code @Query}: Spring Data parses each declared
 * query at start-up with its own HQL grammar and Hibernate then validates it, and these two updates cost a node
 * restart about two seconds (13.1-13.6 s -> 10.7-11.0 s, BENCHMARKS.md); here Hibernate reads each once, at its first use.
 */
public interface OutboxUpdates {

  /** The mail went out: sent, one more attempt, no error; the number of rows changed (1, or 0 for an unknown key). */
  int markSent(String key, Instant sentAt, OutboxNotification.Status sent);

  /** An attempt failed: one more attempt and its error; the status becomes failed unless the mail went out meanwhile. */
  int recordFailure(String key, String error, OutboxNotification.Status failed, OutboxNotification.Status sent);
}
