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
 * Camunda authorizations of the support groups, granted at start (idempotent), and nothing more than
 * each role does in Tasklist. Support starts escalations and reads all of them and their tasks. A task's
 * candidate groups get TASK_WORK on that task from the engine (defaultUserPermissionNameForTask): claim,
 * read, submit its form; not its candidates, due date or variables outside the form. Everybody may use
 * Tasklist and read users and groups (names on the cards); each shared filter is readable by the groups
 * it serves (identity.TasklistFilters). The steps that run after
 * a person's task (decisions, notifications) run as jobs or skip authorization checks as custom code, so
 * no group needs decisions or the internal notification-delivery process. Instance modification,
 * variable writes, job and timer changes, suspension, deployments, identity and authorizations: admins
 * only (camunda-admin).
 */
@Component
public class AuthorizationSetup {

  static final String FEATURE_REQUEST_PROCESS = com.octoacme.support.featurerequest.FeatureRequestVariables.PROCESS_ID;
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
      grant(group, Resources.USER, "*", Permissions.READ);
      grant(group, Resources.GROUP, "*", Permissions.READ);
      grant(group, Resources.PROCESS_DEFINITION, EscalationVariables.PROCESS_ID, Permissions.READ);
    }
    // Support opens every escalation, sees all of them and all their tasks, keeps them moving.
    grant(SupportGroup.SUPPORT, Resources.PROCESS_DEFINITION, EscalationVariables.PROCESS_ID,
        Permissions.READ, Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE, Permissions.READ_HISTORY,
        Permissions.READ_TASK);
    grant(SupportGroup.SUPPORT, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    grantFeatureRequests();
    // Grants of earlier versions that gave more than that, on a database that still has them.
    for (SupportGroup group : SupportGroup.values()) {
      revoke(group, Resources.DECISION_DEFINITION, "*");
      // each shared filter is granted to the groups it serves (identity.TasklistFilters), not all of them to everybody
      revoke(group, Resources.FILTER, "*");
      revoke(group, Resources.PROCESS_DEFINITION, com.octoacme.support.notification.NotificationVariables.PROCESS_ID);
      if (group != SupportGroup.SUPPORT) {
        revoke(group, Resources.PROCESS_INSTANCE, "*");
      }
    }
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
    // exactly these: a permission an earlier version granted and this one does not is taken back
    authorization.setPermissions(permissions);
    authorizations.saveAuthorization(authorization);
  }

  private void revoke(SupportGroup group, Resource resource, String resourceId) {
    authorizations.createAuthorizationQuery().groupIdIn(group.id()).resourceType(resource).resourceId(resourceId)
        .list().forEach(a -> authorizations.deleteAuthorization(a.getId()));
  }
}
