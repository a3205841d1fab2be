package com.octoacme.support.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates at start what Tasklist needs to be usable: the support groups, Tasklist filters and (in
 * the default profile only) one demo user per group. Idempotent: existing entries are left alone.
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
  private final FilterService filterService;
  private final TaskService taskService;
  private final DemoUsersProperties demoUsers;

  public IdentitySetup(IdentityService identityService, FilterService filterService, TaskService taskService,
      DemoUsersProperties demoUsers) {
    this.identityService = identityService;
    this.filterService = filterService;
    this.taskService = taskService;
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
    ensureFilters();
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

  /** "My group tasks" (the candidate tasks of the user's groups, most urgent first) and "My tasks". */
  private void ensureFilters() {
    if (filterService.createFilterQuery().filterName("My group tasks").count() == 0) {
      TaskQuery groupTasks = taskService.createTaskQuery()
          .taskCandidateGroupInExpression("${currentUserGroups()}")
          .includeAssignedTasks()
          .orderByDueDate().asc();
      saveFilter("My group tasks", "Tasks of my groups, the most urgent due date first", -10, groupTasks);
    }
    if (filterService.createFilterQuery().filterName("My tasks").count() == 0) {
      TaskQuery myTasks = taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc();
      saveFilter("My tasks", "Tasks assigned to me", -5, myTasks);
    }
  }

  private void saveFilter(String name, String description, int priority, TaskQuery query) {
    Filter filter = filterService.newTaskFilter(name).setQuery(query);
    filter.setProperties(Map.of("description", description, "priority", priority, "autoRefresh", true));
    filterService.saveFilter(filter);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
