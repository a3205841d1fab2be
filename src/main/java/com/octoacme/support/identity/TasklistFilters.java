package com.octoacme.support.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters, created at start when no filter of that name exists: a restart adds no
 * duplicate, and a filter an admin edited in Tasklist (query, sorting, cards, name kept) is never
 * overwritten. Each filter is readable by the groups whose work it shows, and by nobody else (READ on the
 * filter's id; admins see all). The escalation filters show the ticket, customer, tier, level and SLA on each
 * card (task-local copies, which a task's candidates may read, kept current by sla.EscalationSummaries).
 */
@Component
public class TasklistFilters {

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  /** One shared filter: its name (the key), what it shows, its place in the list, who may read it. */
  public record SharedFilter(String name, String description, int priority, List<SupportGroup> readers,
      boolean escalationCards, Supplier<TaskQuery> query) {}

  static final List<SupportGroup> ESCALATION_GROUPS = List.of(SupportGroup.SUPPORT, SupportGroup.ENGINEERING,
      SupportGroup.ENGINEERING_LEADS, SupportGroup.PRODUCT_MANAGERS, SupportGroup.EXECUTIVES);
  static final List<SupportGroup> EVERYBODY = List.of(SupportGroup.values());

  /** Levels the "L3/L4 critical" filter shows (bpmn/level-policy.dmn: Critical and Executive escalation). */
  static final List<String> CRITICAL_LEVELS = List.of("L3", "L4");

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;

  public TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
  }

  public List<SharedFilter> sharedFilters() {
    String process = EscalationVariables.PROCESS_ID;
    String now = "${now()}";
    return List.of(
        new SharedFilter("My group's escalations", "Open escalation tasks of my groups and mine, the most urgent due date first",
            -20, ESCALATION_GROUPS, true, () -> escalations().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks()),
        new SharedFilter("SLA at risk", "Past the warning instant (follow-up date), not yet due", -19, ESCALATION_GROUPS, true,
            () -> escalations().followUpBeforeExpression(now).dueAfterExpression(now)),
        new SharedFilter("SLA breached", "Past the due instant", -18, ESCALATION_GROUPS, true,
            () -> escalations().dueBeforeExpression(now)),
        new SharedFilter("Waiting for customer", "Resolution clock paused until the customer replies", -17, ESCALATION_GROUPS,
            true, () -> escalations().taskDefinitionKey(EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY)),
        new SharedFilter("L3/L4 critical", "Critical and executive escalations", -16,
            List.of(SupportGroup.SUPPORT, SupportGroup.ENGINEERING_LEADS, SupportGroup.PRODUCT_MANAGERS, SupportGroup.EXECUTIVES),
            true, () -> critical(escalations())),
        new SharedFilter("Customer update due", "Customer updates to send, the earliest due first", -15,
            List.of(SupportGroup.SUPPORT), true, () -> escalations().taskDefinitionKey(EscalationModel.TASK_SEND_CUSTOMER_UPDATE)),
        new SharedFilter("All open escalations", "Every open escalation task, the most urgent due date first", -14,
            List.of(SupportGroup.SUPPORT, SupportGroup.ENGINEERING_LEADS), true, this::escalations),
        new SharedFilter("My group tasks", "Tasks of my groups (every process), the most urgent due date first", -10, EVERYBODY,
            false, () -> tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks().orderByDueDate().asc().orderByTaskPriority().desc()),
        new SharedFilter("My tasks", "Tasks assigned to me", -5, EVERYBODY, false,
            () -> tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc()));
  }

  // After the groups exist (IdentitySetup) and the grants (AuthorizationSetup, order 10).
  @EventListener(ApplicationReadyEvent.class)
  @Order(20)
  public void ensureFilters() {
    for (SharedFilter shared : sharedFilters()) {
      Filter filter = filters.createFilterQuery().filterName(shared.name()).singleResult();
      if (filter == null) {
        filter = filters.newTaskFilter(shared.name()).setQuery(shared.query().get());
        filter.setProperties(properties(shared));
        filters.saveFilter(filter);
        log.info("Tasklist filter '{}' created", shared.name());
      }
      for (SupportGroup group : shared.readers()) {
        grantRead(group, filter.getId());
      }
    }
  }

  private TaskQuery escalations() {
    return tasks.createTaskQuery().processDefinitionKey(EscalationVariables.PROCESS_ID)
        .orderByDueDate().asc().orderByTaskPriority().desc();
  }

  private static TaskQuery critical(TaskQuery query) {
    TaskQuery or = query.or();
    for (String level : CRITICAL_LEVELS) {
      or = or.processVariableValueEquals(EscalationVariables.ESCALATION_LEVEL.name(), level);
    }
    return or.endOr();
  }

  private static Map<String, Object> properties(SharedFilter shared) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", shared.description());
    properties.put("priority", shared.priority());
    properties.put("autoRefresh", true);
    if (shared.escalationCards()) {
      properties.put("variables", List.of(
          card(EscalationVariables.CARD_TICKET_ID.name(), "Ticket"),
          card(EscalationVariables.CARD_CUSTOMER.name(), "Customer"),
          card(EscalationVariables.CARD_TIER.name(), "Tier"),
          card(EscalationVariables.CARD_LEVEL.name(), "Level"),
          card(EscalationVariables.CARD_SLA_STATE.name(), "SLA"),
          card(EscalationVariables.CARD_SLA_DUE.name(), "SLA due")));
    }
    return properties;
  }

  private static Map<String, String> card(String variable, String label) {
    return Map.of("name", variable, "label", label);
  }

  /** READ on the filter for the group, kept if already there (an admin's further grants are left alone). */
  private void grantRead(SupportGroup group, String filterId) {
    Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group.id())
        .resourceType(Resources.FILTER).resourceId(filterId).singleResult();
    if (existing == null) {
      Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group.id());
      authorization.setResource(Resources.FILTER);
      authorization.setResourceId(filterId);
      authorization.setPermissions(new Permissions[] {Permissions.READ});
      authorizations.saveAuthorization(authorization);
    } else if (!existing.isPermissionGranted(Permissions.READ)) {
      existing.addPermission(Permissions.READ);
      authorizations.saveAuthorization(existing);
    }
  }
}
