package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.PRE_ESCALATION_CHECKLIST_COMPLETE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Nothing leaves Support until each "Before Escalating to Engineering" item is done or waived with a reason. */
@Component("validatePreEscalationChecklist")
public class ValidatePreEscalationChecklist implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    for (PreEscalationCheck check : PreEscalationCheck.values()) {
      boolean done = check.done.from(task).orElse(false);
      boolean waived = check.waiver.from(task).filter(s -> !s.isBlank()).isPresent();
      if (!done && !waived) {
        throw new InvalidFieldException(check.waiver.name(),
            check.waiver.name() + " is required: '" + check.label() + "' is neither done nor waived");
      }
    }
    PRE_ESCALATION_CHECKLIST_COMPLETE.set(task, true);
  }
}
