package com.octoacme.support.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The stuck-escalation watch ({@code operations.stuck-escalations} in application.yaml):
 *
 * <ul>
 *   <li>{@code enabled}: off in the process tests, which run {@link StuckEscalations#check} themselves;
 *   <li>{@code check-interval}: how often each node looks (one node at a time);
 *   <li>{@code no-progress-after}: how long after a missed resolution target with no progress (no task
 *       completed, no level change) the escalation counts as stuck;
 *   <li>{@code customer-wait}: how long a wait for the customer's reply may last when its task has no due date.
 * </ul>
 */
@ConfigurationProperties(prefix = "operations.stuck-escalations")
public record StuckEscalationsProperties(@DefaultValue("true") boolean enabled,
    @DefaultValue("PT1M") Duration checkInterval, @DefaultValue("PT2H") Duration noProgressAfter,
    @DefaultValue("P2D") Duration customerWait) {

  public StuckEscalationsProperties {
    for (var setting : java.util.Map.of("check-interval", checkInterval, "no-progress-after", noProgressAfter,
        "customer-wait", customerWait).entrySet()) {
      if (setting.getValue().isNegative() || setting.getValue().isZero()) {
        throw new IllegalStateException("operations.stuck-escalations." + setting.getKey() + " must be positive, not "
            + setting.getValue());
      }
    }
  }
}
