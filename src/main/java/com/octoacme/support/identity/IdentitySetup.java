package com.octoacme.support.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates at start what Tasklist needs to be usable: the support groups and (in the default profile only)
 * one demo user per group; the shared filters are {@link TasklistFilters}. Idempotent: existing entries are left alone.
 */
@Component
public class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  /** Demo user id per group, listed in the README. */
  public static final Map<String, SupportGroup> DEMO_USERS = new LinkedHashMap<>();

  static {
    DEMO_USERS.put("sam.support", SupportGroup.SUPPORT);
    DEMO_USERS.put("erin.engineer", SupportGroup.ENGINEERING);
    DEMO_USERS.put("lee.lead", SupportGroup.ENGINEERING_LEADS);
    DEMO_USERS.put("pat.pm", SupportGroup.PRODUCT_MANAGERS);
    DEMO_USERS.put("vic.vp", SupportGroup.EXECUTIVES);
    DEMO_USERS.put("paula.product", SupportGroup.PRODUCT_TEAM);
  }

  private final IdentityService identityService;
  private final DemoUsersProperties demoUsers;

  public IdentitySetup(IdentityService identityService, DemoUsersProperties demoUsers) {
    this.identityService = identityService;
    this.demoUsers = demoUsers;
  }

  // ApplicationReadyEvent: the engine is up; PostDeployEvent would need a process application.
  @EventListener(ApplicationReadyEvent.class)
  public void onApplicationReady() {
    for (SupportGroup group : SupportGroup.values()) {
      ensureGroup(group);
    }
    if (demoUsers.enabled()) {
      if (demoUsers.password() == null || demoUsers.password().isBlank()) {
        throw new IllegalStateException("escalation.demo-users.password must be set when demo users are enabled");
      }
      DEMO_USERS.forEach(this::ensureDemoUser);
      log.info("Demo users ready: {} (password from escalation.demo-users.password)", DEMO_USERS.keySet());
    }
  }

  private void ensureGroup(SupportGroup supportGroup) {
    if (identityService.createGroupQuery().groupId(supportGroup.id()).count() == 0) {
      Group group = identityService.newGroup(supportGroup.id());
      group.setName(supportGroup.displayName());
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  private void ensureDemoUser(String userId, SupportGroup group) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      User user = identityService.newUser(userId);
      String[] names = userId.split("\\.");
      user.setFirstName(capitalise(names[0]));
      user.setLastName(capitalise(names[1]));
      user.setEmail(userId + "@octoacme.example");
      user.setPassword(demoUsers.password());
      identityService.saveUser(user);
      identityService.createMembership(userId, group.id());
    }
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
