package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Register feature request": claims the feature key for this instance, or joins the running feature. */
@Component("registerFeatureRequest")
public class RegisterFeatureRequest implements JavaDelegate {

  private final FeatureRequestService service;

  public RegisterFeatureRequest(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FeatureRequestVariables.JOINED_RUNNING_FEATURE.set(execution, service.register(execution));
  }
}
