package com.octoacme.support.notification;

import com.octoacme.support.escalation.LevelPolicies;
import com.octoacme.support.escalation.LevelPolicy;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the models are deployed: warns of every handler or lead group of bpmn/level-policy.dmn without an
 * address in {@code notification.group-addresses}, since its mails would go to the fallback group.
 */
@Component
public class GroupAddressCheck {

  private static final Logger log = LoggerFactory.getLogger(GroupAddressCheck.class);

  private final LevelPolicies levels;
  private final RecipientDirectory directory;

  public GroupAddressCheck(LevelPolicies levels, RecipientDirectory directory) {
    this.levels = levels;
    this.directory = directory;
  }

  @EventListener(PostDeployEvent.class)
  public void warnOfGroupsWithoutAddress() {
    Set<String> missing = directory.groupsWithoutAddress(groupsOfLevelPolicy());
    if (!missing.isEmpty()) {
      log.warn("notification.group-addresses has no address for the groups {} of bpmn/level-policy.dmn: their mails go to "
          + "the fallback group", missing);
    }
  }

  Set<String> groupsOfLevelPolicy() {
    Set<String> groups = new LinkedHashSet<>();
    for (String level : levels.levels()) {
      LevelPolicy policy = levels.of(level);
      groups.addAll(policy.handlerGroups());
      groups.add(policy.leadGroup());
    }
    return groups;
  }
}
