package com.octoacme.support.featurerequest;

import com.octoacme.support.escalation.Actors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completing a product review: an outcome, with a target release, a reason or a question. */
@Component("validateProductReview")
public class ValidateProductReview implements TaskListener {

  private final FeatureRequestService service;

  public ValidateProductReview(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateTask task) {
    service.validateReview(task, Actors.completerOf(task));
  }
}
