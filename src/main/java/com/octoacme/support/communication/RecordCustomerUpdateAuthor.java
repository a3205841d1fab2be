package com.octoacme.support.communication;

import static com.octoacme.support.escalation.EscalationVariables.CUSTOMER_UPDATE_AUTHOR;

import com.octoacme.support.escalation.Actors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completing "Send customer update": who wrote it, for the mail that goes out after the commit. */
@Component("recordCustomerUpdateAuthor")
public class RecordCustomerUpdateAuthor implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    CUSTOMER_UPDATE_AUTHOR.set(task, Actors.completerOf(task));
  }
}
