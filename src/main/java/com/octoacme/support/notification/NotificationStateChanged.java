package com.octoacme.support.notification;

/**
 * Published (Spring application event) when a mail of the outbox changes state: stored (pending), sent, or
 * an attempt failed. Listeners elsewhere (the escalation's summary, the board) follow a mail without
 * polling the outbox.
 *
 * @param ticketId the escalation's ticket (business key)
 * @param key the notification key (unique per mail)
 * @param kind what mail it is
 * @param state the state it is in now
 */
public record NotificationStateChanged(String ticketId, String key, NotificationKind kind, State state) {

  /** The states a mail shows to people: the board and the form summary use these words. */
  public enum State { PENDING, SENT, FAILED }
}
