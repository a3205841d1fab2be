package com.octoacme.support.metrics;

import com.octoacme.support.escalation.IssueType;
import com.octoacme.support.escalation.RequestedAction;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * The reporting category of an escalation: what was asked for (the template's Requested Action, first
 * ticked box in this order: bug fix, feature enhancement, configuration change, documentation update),
 * else what the issue type is (a bug or a configuration issue), else OTHER.
 */
public enum EscalationCategory {
  BUG, FEATURE, CONFIGURATION, DOCUMENTATION, OTHER;

  private static final Map<RequestedAction, EscalationCategory> BY_ACTION = Map.of(
      RequestedAction.BUG_FIX, BUG,
      RequestedAction.FEATURE_ENHANCEMENT, FEATURE,
      RequestedAction.CONFIGURATION_CHANGE, CONFIGURATION,
      RequestedAction.DOCUMENTATION_UPDATE, DOCUMENTATION);

  /** @param requested whether the escalation ticked a Requested Action box */
  public static EscalationCategory of(Function<RequestedAction, Boolean> requested, String issueType) {
    for (RequestedAction action : RequestedAction.values()) {
      EscalationCategory category = BY_ACTION.get(action);
      if (category != null && Boolean.TRUE.equals(requested.apply(action))) {
        return category;
      }
    }
    IssueType.Category byType = Arrays.stream(IssueType.values()).filter(t -> t.name().equals(issueType))
        .map(IssueType::category).findFirst().orElse(null);
    if (byType == IssueType.Category.BUG) {
      return BUG;
    }
    if (byType == IssueType.Category.CONFIGURATION) {
      return CONFIGURATION;
    }
    return OTHER;
  }

  public static boolean isKnown(String name) {
    return Arrays.stream(values()).anyMatch(c -> c.name().equals(name));
  }
}
