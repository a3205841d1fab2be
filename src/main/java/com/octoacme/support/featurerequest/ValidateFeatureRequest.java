package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Validate feature request" right after the Tasklist start: a refused field rolls the start back. */
@Component("validateFeatureRequest")
public class ValidateFeatureRequest implements JavaDelegate {

  private final FeatureRequestService service;

  public ValidateFeatureRequest(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.validate(execution);
  }
}
