package com.octoacme.support.notification;

/**
 * A notification could not be sent. Its message names the notification's kind, key and ticket; it
 * becomes the delivery job's failure and, when the retries run out, the incident's message in Cockpit.
 */
public class NotificationDeliveryException extends RuntimeException {

  public NotificationDeliveryException(OutboxNotification notification, Throwable cause) {
    super("Sending " + notification.getKind() + " " + notification.getKey() + " for " + notification.getTicketId()
        + " failed: " + describe(cause), cause);
  }

  static String describe(Throwable cause) {
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
