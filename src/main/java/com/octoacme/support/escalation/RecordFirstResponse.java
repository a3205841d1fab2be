package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.HANDLER_GROUP;
import static com.octoacme.support.escalation.EscalationVariables.RESPONSE_DUE_AT;
import static com.octoacme.support.escalation.EscalationVariables.ACKNOWLEDGEMENTS;
import static com.octoacme.support.escalation.EscalationVariables.ESCALATION_LEVEL;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The first response of a handler group at the current level: records it (for "time to first response by
 * level") and keeps the group's assessment apart from every other group's (the task's {@code initialAssessment}
 * is local to it); the forms show all of them ({@code acknowledgements}).
 */
@Component("recordFirstResponse")
public class RecordFirstResponse implements TaskListener {

  private final EscalationHistory history;

  public RecordFirstResponse(EscalationHistory history) {
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EscalationVariables.INITIAL_ASSESSMENT.from(task).filter(s -> !s.isBlank()).isEmpty()) {
      throw new InvalidFieldException(EscalationVariables.INITIAL_ASSESSMENT.name(), EscalationVariables.INITIAL_ASSESSMENT.name() + " is required");
    }
    String group = HANDLER_GROUP.require(task);
    String by = Actors.completerOf(task);
    String assessment = EscalationVariables.INITIAL_ASSESSMENT.require(task).strip();
    history.recordEvent(task, task.getProcessInstanceId(), EscalationEvent.Type.FIRST_RESPONSE,
        "Acknowledged for " + group, by, RESPONSE_DUE_AT.from(task).orElse(null));
    history.recordAcknowledgement(task, task.getProcessInstanceId(), group, by, assessment);
    String line = ESCALATION_LEVEL.require(task) + " " + group + ", " + by + ", " + EscalationHistory.now() + ": " + assessment;
    ACKNOWLEDGEMENTS.set(task, ACKNOWLEDGEMENTS.from(task).map(earlier -> earlier + "\n" + line).orElse(line));
  }
}
