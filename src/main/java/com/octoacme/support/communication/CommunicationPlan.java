package com.octoacme.support.communication;

import com.octoacme.support.escalation.EscalationLevel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults of the communication plan ({@code communication} in application.yaml): how often a
 * customer hears from us per level when the escalation does not say, and when an update that has
 * not gone out counts as overdue.
 */
@ConfigurationProperties(prefix = "communication")
public record CommunicationPlan(Map<EscalationLevel, String> defaultUpdateFrequency, Duration overdueAfter) {

  public CommunicationPlan {
    defaultUpdateFrequency = defaultUpdateFrequency == null ? Map.of() : new EnumMap<>(defaultUpdateFrequency);
    for (EscalationLevel level : EscalationLevel.values()) {
      if (!defaultUpdateFrequency.containsKey(level)) {
        throw new IllegalStateException("communication.default-update-frequency." + level + " is required");
      }
    }
    if (overdueAfter == null || overdueAfter.isNegative() || overdueAfter.isZero()) {
      throw new IllegalStateException("communication.overdue-after must be a positive duration such as PT1H");
    }
  }
}
