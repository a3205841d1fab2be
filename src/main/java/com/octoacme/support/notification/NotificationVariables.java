package com.octoacme.support.notification;

import com.octoacme.support.escalation.ProcessVariable;

/** The variables, element ids and topic of the {@code notification-delivery} process (bpmn/notification-delivery.bpmn). */
public final class NotificationVariables {

  public static final String PROCESS_ID = "notification-delivery";

  /** The external task that sends the mail; the notification workers fetch it by its topic. */
  public static final String SEND_TOPIC = "notification-send";

  /** Which outbox notification the instance delivers. */
  public static final ProcessVariable<String> NOTIFICATION_KEY = ProcessVariable.string("notificationKey");

  private NotificationVariables() {}
}
