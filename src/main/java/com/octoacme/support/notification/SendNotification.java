package com.octoacme.support.notification;

import static com.octoacme.support.notification.NotificationVariables.NOTIFICATION_KEY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send notification" of the {@code notification-delivery} process: sends the instance's outbox
 * notification once. It runs as a job (async before) with the retry cycle {@code notification.retry-cycle};
 * an SMTP failure fails the job, and when the retries are used up it is an incident on this instance.
 */
@Component("sendNotification")
public class SendNotification implements JavaDelegate {

  private final NotificationDelivery delivery;

  public SendNotification(NotificationDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void execute(DelegateExecution execution) {
    delivery.deliver(NOTIFICATION_KEY.require(execution));
  }
}
