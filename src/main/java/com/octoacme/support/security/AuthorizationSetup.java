package com.octoacme.support.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.identity.SupportGroup;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Camunda authorizations of the support groups, granted at start (idempotent). Support sees and
 * starts every escalation; the other groups see the escalations whose tasks they are candidates for
 * (the engine grants a task's candidate groups that task, see camunda.bpm.authorization), so
 * engineering works L2 and up, executives L4. Everybody may use Tasklist.
 */
@Component
public class AuthorizationSetup {

  static final String NOTIFICATION_PROCESS = "notification-delivery";
  static final String FEATURE_REQUEST_PROCESS = "feature-request";
  /** Who may read feature requests (their contract values) in the engine and on /api/feature-requests. */
  public static final List<SupportGroup> FEATURE_REQUEST_READERS =
      List.of(SupportGroup.SUPPORT, SupportGroup.PRODUCT_TEAM, SupportGroup.PRODUCT_MANAGERS);

  private final AuthorizationService authorizations;

  public AuthorizationSetup(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  // After the groups exist (IdentitySetup runs on the same event without an order: first).
  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  public void grant() {
    for (SupportGroup group : SupportGroup.values()) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Steps a person's completion runs in their name: evaluating the level and SLA decisions,
      // queueing notifications, looking up the point of contact.
      grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(group, Resources.PROCESS_DEFINITION, NOTIFICATION_PROCESS, Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
      grant(group, Resources.USER, "*", Permissions.READ);
      grant(group, Resources.GROUP, "*", Permissions.READ);
      grant(group, Resources.PROCESS_DEFINITION, EscalationVariables.PROCESS_ID, Permissions.READ);
      grant(group, Resources.FILTER, "*", Permissions.READ);
    }
    // Support opens every escalation, sees all of them and all their tasks, keeps them moving.
    grant(SupportGroup.SUPPORT, Resources.PROCESS_DEFINITION, EscalationVariables.PROCESS_ID,
        Permissions.READ, Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE, Permissions.READ_HISTORY,
        Permissions.READ_TASK, Permissions.UPDATE_INSTANCE);
    grantFeatureRequests();
  }

  /**
   * The feature-request process: Support starts and follows every feature request; the product team and the
   * product managers read them (with the customers' contract values) and work the reviews. Other groups get
   * nothing: not even the definition, so neither its instances nor their variables.
   */
  void grantFeatureRequests() {
    grant(SupportGroup.SUPPORT, Resources.PROCESS_DEFINITION, FEATURE_REQUEST_PROCESS, Permissions.READ,
        Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK);
    for (SupportGroup product : List.of(SupportGroup.PRODUCT_TEAM, SupportGroup.PRODUCT_MANAGERS)) {
      grant(product, Resources.PROCESS_DEFINITION, FEATURE_REQUEST_PROCESS, Permissions.READ, Permissions.READ_INSTANCE,
          Permissions.READ_HISTORY, Permissions.READ_TASK);
    }
  }

  private void grant(SupportGroup group, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group.id())
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(group.id());
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
