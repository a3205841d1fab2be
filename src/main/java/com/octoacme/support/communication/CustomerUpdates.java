package com.octoacme.support.communication;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.NEXT_UPDATE_DUE;
import static com.octoacme.support.escalation.EscalationVariables.POINT_OF_CONTACT;
import static com.octoacme.support.escalation.EscalationVariables.UPDATE_FREQUENCY;
import static com.octoacme.support.escalation.EscalationVariables.DEFAULT_UPDATE_FREQUENCY;

import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.EscalationHistory;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Called from the model's "Keep the customer updated" event subprocess. */
@Component("customerUpdates")
public class CustomerUpdates {

  static final String SEND_UPDATE_TASK = EscalationModel.TASK_SEND_CUSTOMER_UPDATE;

  private final CommunicationPlan plan;
  private final org.camunda.bpm.engine.ManagementService management;

  public CustomerUpdates(CommunicationPlan plan, org.camunda.bpm.engine.ManagementService management) {
    this.plan = plan;
    this.management = management;
  }

  /**
   * The update timer's cycle: from the next update due, every update interval
   * ("R/2026-11-24T13:00:00Z/PT4H"). Evaluated when the level starts, before "Set up customer
   * communication" stores the plan's defaults, so it applies the same defaults.
   */
  public String cycleOf(DelegateExecution execution) {
    UpdateFrequency frequency = frequencyOf(execution);
    String start = DateTimeFormatter.ISO_INSTANT.format(nextUpdateDueOf(execution, frequency).atOffset(ZoneOffset.UTC));
    return "R/" + start + "/" + frequency.interval();
  }

  /** The escalation's update frequency, or the level policy's default. */
  UpdateFrequency frequencyOf(DelegateExecution execution) {
    return UpdateFrequency.valueOf(UPDATE_FREQUENCY.from(execution)
        .orElseGet(() -> DEFAULT_UPDATE_FREQUENCY.require(execution)));
  }

  /** The escalation's next update due, or one update interval from now. */
  java.time.Instant nextUpdateDueOf(DelegateExecution execution, UpdateFrequency frequency) {
    return NEXT_UPDATE_DUE.from(execution).map(java.util.Date::toInstant)
        .orElseGet(() -> EscalationHistory.now().plus(frequency.interval()));
  }

  /** Whether an earlier update task is still open; then the timer adds no second one. */
  public boolean isOpen(DelegateExecution execution) {
    return execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(SEND_UPDATE_TASK).count() > 0;
  }

  /** The point of contact if they are a user of the engine; otherwise the task stays with the support group. */
  public String pointOfContactUser(DelegateExecution execution) {
    String contact = POINT_OF_CONTACT.from(execution).orElse(null);
    if (contact == null) {
      return null;
    }
    boolean known = execution.getProcessEngineServices().getIdentityService().createUserQuery().userId(contact).count() > 0;
    return known ? contact : null;
  }

  /** Moves the update timer of the escalation to the next update instant. */
  void rearmUpdateTimer(String processInstanceId, java.time.Instant next) {
    for (org.camunda.bpm.engine.runtime.Job timer : management.createJobQuery().processInstanceId(processInstanceId)
        .timers().activityId(EscalationModel.TIMER_CUSTOMER_UPDATE_DUE).list()) {
      management.setJobDuedate(timer.getId(), java.util.Date.from(next));
    }
  }

  public String getOverdueAfter() {
    return plan.overdueAfter().toString();
  }
}
