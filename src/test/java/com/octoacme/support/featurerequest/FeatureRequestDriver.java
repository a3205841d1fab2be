package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.testing.EscalationDriver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Feature requests as people make them in Tasklist: start forms and task forms submitted by demo users. */
class FeatureRequestDriver {

  static final String SAM = "sam.support";
  static final String PAULA = "paula.product";
  static final String PAT = "pat.pm";

  private static final AtomicInteger KEYS = new AtomicInteger(100);

  private final ProcessEngine engine;
  private final EscalationDriver people;

  FeatureRequestDriver(ProcessEngine engine) {
    this.engine = engine;
    this.people = new EscalationDriver(engine);
  }

  static String newKey(String stem) {
    return "FEAT-" + stem + "-" + KEYS.incrementAndGet();
  }

  /** A complete request of a customer, as the start form sends it (numbers as Integer, untyped). */
  static Map<String, Object> request(String key, boolean joins, String customer, String tier, int contractValue) {
    Map<String, Object> form = new HashMap<>();
    form.put(FEATURE_KEY.name(), key);
    form.put(JOINS_RUNNING_FEATURE.name(), joins);
    form.put(FEATURE_SUMMARY.name(), "SCIM provisioning for SSO users");
    form.put(CUSTOMER_USE_CASE.name(), customer + " onboards 500 users a month by hand");
    form.put(NUMBER_OF_REQUESTS.name(), 1);
    form.put(WORKAROUND_AVAILABLE.name(), true);
    form.put(WORKAROUND_DESCRIPTION.name(), "CSV import every night");
    form.put(BUSINESS_IMPACT.name(), "Renewal at risk");
    form.put(COMPETITIVE_CONTEXT.name(), "Competitor X has it");
    form.put(REQUESTING_CUSTOMER.name(), customer);
    form.put(CUSTOMER_CONTACT.name(), "Pat Buyer <it@" + customer.toLowerCase().replaceAll("[^a-z]", "") + ".example>");
    form.put(CUSTOMER_TIER.name(), tier);
    form.put(CONTRACT_VALUE.name(), contractValue);
    form.put(ROADMAP_ALIGNED.name(), false);
    form.put(COMPETITIVE_PARITY.name(), false);
    form.put(PROMISED_IN_CONTRACT.name(), false);
    return form;
  }

  /** Submits the start form as sam.support (Tasklist's "Start process"). */
  ProcessInstance start(Map<String, Object> form) {
    return start(SAM, form);
  }

  ProcessInstance start(String user, Map<String, Object> form) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_ID)
        .latestVersion().singleResult().getId();
    people.authenticate(user);
    try {
      return engine.getFormService().submitStartForm(definitionId, new HashMap<>(form));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Starts the request and runs its registration job, as the job executor would. */
  ProcessInstance request(Map<String, Object> form) {
    ProcessInstance request = start(form);
    register(request);
    return request;
  }

  void register(ProcessInstance request) {
    Job job = engine.getManagementService().createJobQuery().processInstanceId(request.getId())
        .activityId(FeatureRequestModel.TASK_REGISTER).singleResult();
    assertThat(job).as("registration job of %s", request.getId()).isNotNull();
    engine.getManagementService().executeJob(job.getId());
  }

  /** The running instance that owns the feature key. */
  ProcessInstance feature(String key) {
    List<ProcessInstance> owners = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .processInstanceBusinessKey(key).list();
    assertThat(owners).as("instances of feature %s", key).hasSize(1);
    return owners.get(0);
  }

  Task task(ProcessInstance instance, String taskDefinitionKey) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskDefinitionKey).list();
    assertThat(tasks).as("tasks %s", taskDefinitionKey).hasSize(1);
    return tasks.get(0);
  }

  /** Claims and submits a task form as the user, with the user's groups' authorizations. */
  void complete(Task task, String user, Map<String, Object> form) {
    people.submit(task, user, form); // the tests run the continuation after it themselves
  }

  static Map<String, Object> accept(String release) {
    return Map.of(REVIEW_OUTCOME.name(), ReviewOutcome.ACCEPTED.name(), TARGET_RELEASE.name(), release);
  }

  static Map<String, Object> decline(String reason) {
    return Map.of(REVIEW_OUTCOME.name(), ReviewOutcome.DECLINED.name(), DECLINE_REASON.name(), reason);
  }

  static Map<String, Object> askForMore(String question) {
    return Map.of(REVIEW_OUTCOME.name(), ReviewOutcome.MORE_INFORMATION.name(), INFORMATION_REQUESTED.name(), question);
  }

  /** Runs the async continuation after a completed task (asyncAfter), as the job executor would. */
  void continueAfter(ProcessInstance instance, String activityId) {
    Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
    assertThat(job).as("continuation after %s", activityId).isNotNull();
    engine.getManagementService().executeJob(job.getId());
  }
}
