package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.ModelCopy;
import com.octoacme.support.testing.ProcessTest;
import java.nio.file.Path;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person's completed task commits on its own: the work after it (here the level decision of a review)
 * runs in a job, so when it fails the person's form is kept, the task stays completed, Tasklist shows
 * no engine exception, and the failure becomes retries and then an incident naming the ticket.
 */
@ProcessTest
class ClickCommitsFirstTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired ManagementService management;
  @TempDir Path copy;
  EscalationDriver driver;
  ModelCopy models;
  String fix;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new EscalationDriver(engine);
    models = new ModelCopy(copy, repository);
  }

  @AfterEach
  void tearDown() {
    models.undeploy();
    if (fix != null) {
      repository.deleteDeployment(fix, true);
    }
  }

  @Test
  void aFailureAfterTheReviewKeepsTheReviewAndBecomesAnIncidentNamingTheTicket() {
    // An admin's slip: the L3 row is gone from the level policy, so the step after the review cannot set L3.
    models.edit("bpmn/level-policy.dmn", "<inputEntry id=\"InputEntry_Level3\"><text>\"L3\"</text>",
        "<inputEntry id=\"InputEntry_Level3\"><text>\"L3-retired\"</text>").deploy();
    ProcessInstance pi = driver.start(request("PRODUCTION_OUTAGE", "PRO", "HIGH", 200));
    Task review = driver.single(pi, EscalationModel.TASK_REVIEW_ESCALATION_LEVEL);

    driver.submit(review, "sam.support", EscalationDriver.reviewForm(null, null)); // succeeds: nothing the person sees fails

    HistoricTaskInstance done = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(review.getId()).singleResult();
    assertThat(done.getEndTime()).isNotNull();
    assertThat(done.getAssignee()).isEqualTo("sam.support");
    assertThat(pi).variables().containsEntry(PRIORITY.name(), "MEDIUM").containsEntry(TEMPLATE_COMPLETE.name(), true)
        .containsEntry(LEVEL_CHANGE_REQUESTED_BY.name(), "sam.support").doesNotContainKey(ESCALATION_LEVEL.name());

    // The job executor tries as escalation.retry-cycle says (R3/PT5M: three attempts in all, five minutes
    // apart), then gives up with an incident.
    Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(EscalationModel.TASK_REVIEW_ESCALATION_LEVEL).singleResult();
    int attempts = 0;
    while (engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count() == 0 && attempts < 10) {
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("L3");
      attempts++;
    }
    assertThat(attempts).isEqualTo(3);
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getIncidentMessage()).startsWith(pi.getBusinessKey() + ": ")
        .contains("level 'L3'", "bpmn/level-policy.dmn");
    assertThat(pi).isNotEnded().hasPassed(EscalationModel.TASK_REVIEW_ESCALATION_LEVEL).hasNotPassed(EscalationModel.TASK_RECORD_LEVEL_DECISION);

    // The admin deploys the table fixed; an operator retries in Cockpit; the escalation goes on with the review as given.
    fix = repository.createDeployment().name("level policy fixed").addClasspathResource("level-policy.dmn").deploy().getId();
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(pi).hasPassed(EscalationModel.TASK_RECORD_LEVEL_DECISION).isWaitingAt(EscalationModel.TASK_COMPLETE_PRE_ESCALATION_CHECKLIST)
        .variables().containsEntry(ESCALATION_LEVEL.name(), "L3").containsEntry(PRIORITY.name(), "MEDIUM");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
  }
}
