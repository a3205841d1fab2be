package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.HANDLER_GROUP;
import static com.octoacme.support.escalation.EscalationVariables.RESPONSE_DUE_AT;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The first response of a handler group at the current level, for "time to first response by level". */
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
    history.recordEvent(task, task.getProcessInstanceId(), EscalationEvent.Type.FIRST_RESPONSE,
        "Acknowledged for " + HANDLER_GROUP.from(task).orElse("?"), Actors.completerOf(task),
        RESPONSE_DUE_AT.from(task).orElse(null));
  }
}
