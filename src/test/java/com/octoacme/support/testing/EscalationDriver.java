package com.octoacme.support.testing;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.escalation.AfterResolutionCheck;
import com.octoacme.support.escalation.PreEscalationCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

/**
 * The steps people take in Tasklist, for process tests: forms submitted by authenticated users,
 * with the values a Camunda Form sends.
 */
public class EscalationDriver {

  private final ProcessEngine engine;

  public EscalationDriver(ProcessEngine engine) {
    this.engine = engine;
  }

  public ProcessInstance start(Map<String, Object> request) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_ID)
        .latestVersion().singleResult().getId();
    authenticate("sam.support");
    try {
      return engine.getFormService().submitStartForm(definitionId, new HashMap<>(request));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  public void reviewLevel(ProcessInstance pi, String override, String reason) {
    complete(single(pi, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL), "sam.support", reviewForm(override, reason));
  }

  public static Map<String, Object> reviewForm(String override, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put(PRIORITY.name(), "MEDIUM");
    form.put(TEMPLATE_COMPLETE.name(), true);
    form.put(PRIORITY_SET.name(), true);
    if (override != null) {
      form.put(LEVEL_OVERRIDE.name(), override);
      form.put(LEVEL_OVERRIDE_REASON.name(), reason);
    }
    return form;
  }

  public void completeChecklist(ProcessInstance pi, Map<String, Object> changes) {
    complete(single(pi, EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST), "sam.support", checklist(changes));
  }

  public static Map<String, Object> checklist(Map<String, Object> changes) {
    Map<String, Object> form = new HashMap<>();
    for (PreEscalationCheck check : PreEscalationCheck.values()) {
      form.put(check.done.name(), true);
    }
    form.putAll(changes);
    return form;
  }

  public void acknowledge(ProcessInstance pi, String user) {
    for (Task task : tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION)) {
      complete(task, user, Map.of(INITIAL_ASSESSMENT.name(), "Looking into the logs now"));
    }
  }

  public void resolve(ProcessInstance pi, String user, String outcome, String reason) {
    complete(single(pi, EscalationModel.TASK_RESOLVE_ESCALATION), user, resolution(outcome, reason));
  }

  public static Map<String, Object> resolution(String outcome, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put(LEVEL_OUTCOME.name(), outcome);
    if (reason != null) {
      form.put(LEVEL_CHANGE_REASON.name(), reason);
    }
    if ("RESOLVED".equals(outcome)) {
      form.put(ROOT_CAUSE.name(), "Null check missing in the payment adapter");
      form.put(RESOLUTION_SUMMARY.name(), "Hotfix 4.2.1 deployed");
    }
    return form;
  }

  public void afterResolution(ProcessInstance pi, int csat) {
    complete(single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST), "sam.support", afterResolutionForm(csat));
  }

  public static Map<String, Object> afterResolutionForm(int csat) {
    Map<String, Object> form = new HashMap<>();
    for (AfterResolutionCheck check : AfterResolutionCheck.values()) {
      form.put(check.done.name(), true);
    }
    form.put(ROOT_CAUSE.name(), "Null check missing in the payment adapter");
    form.put(RESOLUTION_SUMMARY.name(), "Hotfix 4.2.1 deployed, customer confirmed");
    form.put(CSAT_SCORE.name(), csat); // Tasklist sends whole numbers as Integer
    return form;
  }

  /**
   * Claims and submits the task's form as the user, as Tasklist does, then lets the process go on as the
   * job executor would: a user task whose completion leads to work commits first (async after), and the
   * work runs in a job of its own.
   */
  public void complete(Task task, String user, Map<String, Object> form) {
    submit(task, user, form);
    continueAfter(task);
  }

  /** Only the person's part: claims and submits the task's form as the user, with their groups' authorizations. */
  public void submit(Task task, String user, Map<String, Object> form) {
    authenticate(user);
    try {
      engine.getTaskService().claim(task.getId(), user);
      engine.getFormService().submitTaskForm(task.getId(), new HashMap<>(form));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Runs the continuation waiting after the completed task, if its element is async after. */
  public void continueAfter(Task task) {
    engine.getManagementService().createJobQuery().processInstanceId(task.getProcessInstanceId())
        .activityId(task.getTaskDefinitionKey()).messages().list()
        .forEach(job -> engine.getManagementService().executeJob(job.getId()));
  }

  /** Acts as the user with their groups, so the engine's authorizations apply as in Tasklist. */
  public void authenticate(String user) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList();
    engine.getIdentityService().setAuthentication(user, groups);
  }

  /** Each acknowledge task by the demo user of its candidate group (at L3: the lead and the product manager). */
  public void acknowledgeAsHandlers(ProcessInstance pi) {
    for (Task task : tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION)) {
      String group = candidateGroups(task).get(0);
      String user = com.octoacme.support.identity.IdentitySetup.DEMO_USERS.entrySet().stream()
          .filter(e -> e.getValue().id().equals(group)).map(Map.Entry::getKey).findFirst().orElseThrow();
      complete(task, user, Map.of(INITIAL_ASSESSMENT.name(), "Looking into it as " + group));
    }
  }

  public Task single(ProcessInstance pi, String activityId) {
    List<Task> found = tasksAt(pi, activityId);
    assertThat(found).as("tasks at %s", activityId).hasSize(1);
    return found.get(0);
  }

  public List<Task> tasksAt(ProcessInstance pi, String activityId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(activityId)
        .orderByTaskId().asc().list();
  }

  public List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }
}
