package com.octoacme.support.featurerequest;

import com.octoacme.support.escalation.Actors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completing "Complete feature request" (raised by an escalation): the same checks as the start form's. */
@Component("validateCompletedFeatureRequest")
public class ValidateCompletedFeatureRequest implements TaskListener {

  private final FeatureRequestService service;

  public ValidateCompletedFeatureRequest(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateTask task) {
    service.validate(task);
    FeatureRequestVariables.REQUESTED_BY.set(task, Actors.completerOf(task));
  }
}
