package com.octoacme.support.notification;

import com.octoacme.support.escalation.ProcessVariable;

/** The variables of the {@code notification-delivery} process (bpmn/notification-delivery.bpmn). */
public final class NotificationVariables {

  public static final String PROCESS_ID = "notification-delivery";

  /** Which outbox notification the instance delivers. */
  public static final ProcessVariable<String> NOTIFICATION_KEY = ProcessVariable.string("notificationKey");

  private NotificationVariables() {}
}
