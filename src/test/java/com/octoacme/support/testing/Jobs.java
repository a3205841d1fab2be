package com.octoacme.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Runs the job waiting at a named element, as the job executor would, so tests never hunt for jobs by hand. */
public final class Jobs {

  private Jobs() {}

  /** The one job of the instance at the element (an async continuation or a timer). */
  public static Job jobAt(ManagementService management, ProcessInstance instance, String elementId) {
    List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).activityId(elementId).list();
    assertThat(jobs).as("jobs waiting at %s", elementId).hasSize(1);
    return jobs.get(0);
  }

  public static void executeJobAt(ManagementService management, ProcessInstance instance, String elementId) {
    management.executeJob(jobAt(management, instance, elementId).getId());
  }

  /** Fires the timer boundary event with this id, whatever its due date. */
  public static void fireTimer(ManagementService management, ProcessInstance instance, String timerId) {
    Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(timerId).singleResult();
    assertThat(timer).as("timer %s", timerId).isNotNull();
    management.executeJob(timer.getId());
  }

  /** Runs async continuations until none is left (timers stay), at most a few rounds. */
  public static void executeAsyncContinuations(ManagementService management, ProcessInstance instance) {
    for (int round = 0; round < 10; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).messages().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
