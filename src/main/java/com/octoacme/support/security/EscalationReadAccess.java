package com.octoacme.support.security;

import com.octoacme.support.escalation.EscalationVariables;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may read a ticket's escalation through {@code GET /api/escalations/{ticketId}}: the ticketing system
 * and admins; a person when the engine, asked in their name, shows them the escalation's instance, one of
 * its tasks or (once closed) its history, i.e. when Tasklist and Cockpit would let them read its
 * variables. One rule for both doors: the engine's. A ticket without any escalation passes, so that the
 * API answers 404 for it whoever asks.
 */
@Component
public class EscalationReadAccess implements AuthorizationManager<RequestAuthorizationContext> {

  private final IdentityService identity;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;

  public EscalationReadAccess(IdentityService identity, RuntimeService runtime, TaskService tasks, HistoryService history) {
    this.identity = identity;
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
  }

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    Authentication caller = authentication.get();
    if (caller == null || !caller.isAuthenticated()) {
      return new AuthorizationDecision(false);
    }
    List<String> authorities = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    if (authorities.contains(Authorities.TICKETING) || authorities.contains(Authorities.ADMIN)) {
      return new AuthorizationDecision(true);
    }
    if (!authorities.contains(Authorities.PERSON)) {
      return new AuthorizationDecision(false);
    }
    String ticketId = context.getVariables().get("ticketId");
    List<String> instances = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(EscalationVariables.PROCESS_ID).processInstanceBusinessKey(ticketId).list().stream()
        .map(HistoricProcessInstance::getId).toList();
    return new AuthorizationDecision(instances.isEmpty() || instances.stream().anyMatch(id -> mayRead(caller.getName(), id)));
  }

  /**
   * The same rule for many escalations at once (the escalation board): those of the given process instances
   * the caller may read. Admins and the ticketing system read all; a person those the engine, asked in their
   * name, shows them as a running instance, through one of its tasks or in its history; anyone else none.
   */
  public Set<String> readableBy(Authentication caller, Collection<String> processInstanceIds) {
    if (caller == null || !caller.isAuthenticated() || processInstanceIds.isEmpty()) {
      return Set.of();
    }
    List<String> authorities = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    if (authorities.contains(Authorities.TICKETING) || authorities.contains(Authorities.ADMIN)) {
      return new HashSet<>(processInstanceIds);
    }
    if (!authorities.contains(Authorities.PERSON)) {
      return Set.of();
    }
    Set<String> readable = new HashSet<>();
    List<String> ids = List.copyOf(new HashSet<>(processInstanceIds));
    asUser(caller.getName(), () -> {
      for (int from = 0; from < ids.size(); from += CHUNK) {
        Set<String> chunk = new HashSet<>(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        runtime.createProcessInstanceQuery().processInstanceIds(chunk).list()
            .forEach(instance -> readable.add(instance.getId()));
        tasks.createTaskQuery().processInstanceIdIn(chunk.toArray(String[]::new)).list()
            .forEach(task -> readable.add(task.getProcessInstanceId()));
        history.createHistoricProcessInstanceQuery().processInstanceIds(chunk).list()
            .forEach(instance -> readable.add(instance.getId()));
      }
      return null;
    });
    return readable;
  }

  /** Process instance ids per engine query in {@link #readableBy}: keeps the queries' IN lists short. */
  private static final int CHUNK = 500;

  private <T> T asUser(String userId, Supplier<T> work) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    org.camunda.bpm.engine.impl.identity.Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(userId, groups);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }

  boolean mayRead(String userId, String processInstanceId) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    org.camunda.bpm.engine.impl.identity.Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(userId, groups);
    try {
      return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
          || tasks.createTaskQuery().processInstanceId(processInstanceId).count() > 0
          || history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }
}
