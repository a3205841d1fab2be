package com.octoacme.support.communication;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults of the communication plan ({@code communication} in application.yaml): when an update that
 * has not gone out counts as overdue. How often a customer hears from us at a level, when the
 * escalation does not say, is the level policy's (bpmn/level-policy.dmn).
 */
@ConfigurationProperties(prefix = "communication")
public record CommunicationPlan(Duration overdueAfter) {

  public CommunicationPlan {
    if (overdueAfter == null || overdueAfter.isNegative() || overdueAfter.isZero()) {
      throw new IllegalStateException("communication.overdue-after must be a positive duration such as PT1H");
    }
  }
}
