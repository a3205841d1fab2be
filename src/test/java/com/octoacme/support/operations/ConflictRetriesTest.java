package com.octoacme.support.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.octoacme.support.testing.ProcessTest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A job with the escalation's retry cycle (R3/PT5M) that loses a race runs again at once, not five minutes later; one
 * that keeps losing meets its retry cycle.
 */
@ProcessTest
class ConflictRetriesTest {

  private static final String PROCESS = "test-conflict-retries";
  /** The one variable of the test process, which the step and another transaction both change. */
  private static final String STEP = "step";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;

  @BeforeEach
  void deploy() {
    repository.createDeployment().name(PROCESS).enableDuplicateFiltering(true)
        .addModelInstance(PROCESS + ".bpmn", Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_LosesRaces").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT5M")
            .camundaClass(LosesRaces.class)
            .userTask("Task_Done").endEvent().done())
        .deploy();
  }

  @Test
  void aJobThatLostARaceRunsAgainAtOnceWithItsAttemptsIntact() {
    LosesRaces.races.set(1);
    String instance = runtime.startProcessInstanceByKey(PROCESS, Map.of(STEP, "initial")).getId();
    Job job = management.createJobQuery().processInstanceId(instance).singleResult();

    assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(OptimisticLockingException.class);

    JobEntity again = (JobEntity) management.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(again.getRetries()).as("attempts left").isEqualTo(job.getRetries());
    assertThat(again.getExceptionMessage()).isNull();
    assertThat(again.getLockOwner()).isNull();
    assertThat(again.getDuedate()).as("due as before, so acquired again at once").isEqualTo(job.getDuedate());

    management.executeJob(job.getId());
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Done").count()).isEqualTo(1);
    assertThat(runtime.getVariable(instance, STEP)).isEqualTo("by the job");
  }

  @Test
  void aJobThatKeepsLosingMeetsItsRetryCycle() {
    LosesRaces.races.set(ConflictRetries.QUICK_RETRIES + 1);
    String instance = runtime.startProcessInstanceByKey(PROCESS, Map.of(STEP, "initial")).getId();
    Job job = management.createJobQuery().processInstanceId(instance).singleResult();

    for (int conflict = 1; conflict <= ConflictRetries.QUICK_RETRIES; conflict++) {
      assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(OptimisticLockingException.class);
      assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isEqualTo(job.getRetries());
    }
    assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(OptimisticLockingException.class);
    Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getExceptionMessage()).as("a failure, as any other").contains("updated by another transaction");
    assertThat(failed.getDuedate()).as("due at the retry cycle's next attempt, five minutes on")
        .isAfter(new java.util.Date(System.currentTimeMillis() + java.time.Duration.ofMinutes(4).toMillis()));
  }

  /** Changes a variable that another transaction changes meanwhile, as many times as {@link #races} says. */
  public static class LosesRaces implements JavaDelegate {

    static final AtomicInteger races = new AtomicInteger();

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(STEP, "by the job");
      if (races.getAndDecrement() > 0) {
        String instance = execution.getProcessInstanceId();
        Context.getProcessEngineConfiguration().getCommandExecutorTxRequiresNew().execute(context -> {
          context.getExecutionManager().findExecutionById(instance).setVariable(STEP, "by another transaction");
          return null;
        });
      }
    }
  }
}
