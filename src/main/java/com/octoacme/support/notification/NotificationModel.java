package com.octoacme.support.notification;

/**
 * The element ids of the notification-delivery process that Java uses.
 * Written from the model and checked against it by ModelConventionsTest: every element has a constant
 * here and every constant is an element; no other Java file spells these ids.
 */
public final class NotificationModel {

  private NotificationModel() {}

  // Elements (id = name in Modeler)
  /** Notification requested */
  public static final String START_EVENT_NOTIFICATION_REQUESTED = "StartEvent_NotificationRequested";
  /** Send notification */
  public static final String TASK_SEND_NOTIFICATION = "Task_SendNotification";
  /** Notification sent */
  public static final String END_EVENT_NOTIFICATION_SENT = "EndEvent_NotificationSent";
}

