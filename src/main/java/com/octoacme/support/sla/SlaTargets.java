package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationLevel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Response time and resolution target per level ({@code sla.levels} in application.yaml), as the
 * escalation template gives them. Plain durations for now; business hours come with the SLA calendar.
 */
@ConfigurationProperties(prefix = "sla")
public record SlaTargets(Map<EscalationLevel, Target> levels) {

  public record Target(Duration response, Duration resolution) {}

  public SlaTargets {
    levels = levels == null ? Map.of() : new EnumMap<>(levels);
    for (EscalationLevel level : EscalationLevel.values()) {
      Target target = levels.get(level);
      if (target == null || target.response() == null || target.resolution() == null) {
        throw new IllegalStateException("sla.levels." + level + " needs a response and a resolution duration");
      }
      if (target.response().isNegative() || target.resolution().compareTo(target.response()) < 0) {
        throw new IllegalStateException("sla.levels." + level + ": resolution must not come before response");
      }
    }
  }

  public Target of(EscalationLevel level) {
    return levels.get(level);
  }
}
