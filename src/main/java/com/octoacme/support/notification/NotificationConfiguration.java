package com.octoacme.support.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What bpmn/notification-delivery.bpmn reads from configuration by expression. */
@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {

  /** The delivery job's retry cycle ({@code notification.retry-cycle}, e.g. R3/PT5M), as {@code ${notificationRetryCycle}}. */
  @Bean
  public String notificationRetryCycle(NotificationProperties properties) {
    return properties.retryCycle();
  }
}
