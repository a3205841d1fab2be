package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Warn product managers' lead": the review runs out at its due instant. */
@Component("warnOfProductReview")
public class WarnOfProductReview implements JavaDelegate {

  private final FeatureRequestService service;

  public WarnOfProductReview(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.warnOfReview(execution, false);
  }
}
