package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a changed calendar or SLA policy (a new holiday, a company closure, other working hours)
 * to running escalations: recomputes their SLA instants from the same starting points and moves
 * the timers, the tasks' due and follow-up dates and the process variables to them.
 */
@Service
public class SlaRecalculation {

  static final String RESPONSE_BREACH_TIMER = EscalationModel.TIMER_RESPONSE_SLA_BREACHED;
  static final String RESPONSE_WARNING_TIMER = EscalationModel.TIMER_RESPONSE_SLA_WARNING;
  static final String RESOLUTION_BREACH_TIMER = EscalationModel.TIMER_RESOLUTION_SLA_BREACHED;
  static final String RESOLUTION_WARNING_TIMER = EscalationModel.TIMER_RESOLUTION_SLA_WARNING;

  /** What a recalculation did: escalations looked at, and those whose instants moved. */
  public record Result(int escalations, int rescheduled) {}

  private final SlaClock clock;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final TaskService tasks;
  private final EscalationHistory history;
  private final TransactionTemplate transaction;

  public SlaRecalculation(SlaClock clock, RuntimeService runtime, ManagementService management, TaskService tasks,
      EscalationHistory history, TransactionTemplate transaction) {
    this.clock = clock;
    this.runtime = runtime;
    this.management = management;
    this.tasks = tasks;
    this.history = history;
    this.transaction = transaction;
  }

  public Result recalculateRunningEscalations() {
    int escalations = 0;
    int rescheduled = 0;
    for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID).active().list()) {
      escalations++;
      // One transaction per escalation: one that fails does not hold back the others.
      if (Boolean.TRUE.equals(transaction.execute(status -> recalculate(instance)))) {
        rescheduled++;
      }
    }
    return new Result(escalations, rescheduled);
  }

  /** @return whether any instant moved */
  boolean recalculate(ProcessInstance instance) {
    Map<String, Object> variables = runtime.getVariables(instance.getId());
    String levelCode = ESCALATION_LEVEL.from(variables);
    Date enteredAt = LEVEL_ENTERED_AT.from(variables);
    if (levelCode == null || enteredAt == null) {
      return false; // not at a level yet: its clocks have not started
    }
    String level = levelCode;
    ZoneId zone = clock.zoneFor(ACCOUNT_TIME_ZONE.from(variables));
    SlaClock.LevelClocks fresh = clock.start(level, enteredAt.toInstant(), zone);

    Map<String, Instant> instants = new LinkedHashMap<>();
    instants.put(RESPONSE_DUE_AT.name(), fresh.responseDue());
    instants.put(RESPONSE_WARNING_AT.name(), fresh.responseWarning());
    Date resumedAt = RESOLUTION_RESUMED_AT.from(variables);
    if (resumedAt == null) {
      instants.put(RESOLUTION_DUE_AT.name(), fresh.resolutionDue());
      instants.put(RESOLUTION_WARNING_AT.name(), fresh.resolutionWarning());
    } else {
      SlaClock.ResumedClock resumed = clock.resume(level, resumedAt.toInstant(),
          Duration.ofSeconds(RESOLUTION_REMAINING_SECONDS.from(variables)),
          Duration.ofSeconds(RESOLUTION_TOTAL_SECONDS.from(variables)), zone);
      instants.put(RESOLUTION_DUE_AT.name(), resumed.due());
      instants.put(RESOLUTION_WARNING_AT.name(), resumed.warning());
    }

    boolean moved = false;
    for (Map.Entry<String, Instant> entry : instants.entrySet()) {
      Date before = (Date) variables.get(entry.getKey());
      if (before == null || !before.toInstant().equals(entry.getValue())) {
        runtime.setVariable(instance.getId(), entry.getKey(), Date.from(entry.getValue()));
        moved = true;
      }
    }
    moveTimer(instance, RESPONSE_BREACH_TIMER, instants.get(RESPONSE_DUE_AT.name()));
    moveTimer(instance, RESPONSE_WARNING_TIMER, instants.get(RESPONSE_WARNING_AT.name()));
    moveTimer(instance, RESOLUTION_BREACH_TIMER, instants.get(RESOLUTION_DUE_AT.name()));
    moveTimer(instance, RESOLUTION_WARNING_TIMER, instants.get(RESOLUTION_WARNING_AT.name()));
    moveTasks(instance, WarnOfSlaBreach.ACKNOWLEDGE_TASK, instants.get(RESPONSE_DUE_AT.name()),
        instants.get(RESPONSE_WARNING_AT.name()));
    moveTasks(instance, WarnOfSlaBreach.RESOLVE_TASK, instants.get(RESOLUTION_DUE_AT.name()),
        instants.get(RESOLUTION_WARNING_AT.name()));
    if (moved) {
      history.recordEvent(instance.getBusinessKey(), instance.getId(), level, EscalationEvent.Type.SLA_RECALCULATED,
          "Response due " + instants.get(RESPONSE_DUE_AT.name()) + ", resolution due " + instants.get(RESOLUTION_DUE_AT.name()),
          null);
    }
    return moved;
  }

  private void moveTimer(ProcessInstance instance, String timerId, Instant dueAt) {
    for (Job job : management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(timerId).list()) {
      if (!Objects.equals(job.getDuedate(), Date.from(dueAt))) {
        management.setJobDuedate(job.getId(), Date.from(dueAt));
      }
    }
  }

  private void moveTasks(ProcessInstance instance, String taskDefinitionKey, Instant dueAt, Instant followUpAt) {
    for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskDefinitionKey).list()) {
      task.setDueDate(Date.from(dueAt));
      task.setFollowUpDate(Date.from(followUpAt));
      tasks.saveTask(task);
    }
  }
}
