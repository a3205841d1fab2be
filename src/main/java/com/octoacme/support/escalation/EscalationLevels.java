package com.octoacme.support.escalation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who handles each escalation level and who leads it, from configuration ({@code escalation.levels}
 * in application.yaml), so a process admin can change a handler group without touching Java.
 */
@ConfigurationProperties(prefix = "escalation")
public record EscalationLevels(Map<EscalationLevel, Handling> levels) {

  /**
   * @param handlerGroups candidate groups of the level's tasks; at L3 both the technical and the
   *     customer/product owner act, so each acknowledges
   * @param leadGroup the group informed when the level's SLA is breached
   */
  public record Handling(List<String> handlerGroups, String leadGroup) {}

  public EscalationLevels {
    levels = levels == null ? Map.of() : new EnumMap<>(levels);
    for (EscalationLevel level : EscalationLevel.values()) {
      Handling handling = levels.get(level);
      if (handling == null || handling.handlerGroups() == null || handling.handlerGroups().isEmpty()
          || handling.leadGroup() == null || handling.leadGroup().isBlank()) {
        throw new IllegalStateException("escalation.levels." + level + " needs handler-groups and a lead-group");
      }
    }
  }

  public Handling of(EscalationLevel level) {
    return levels.get(level);
  }
}
