package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Escalate overdue review": the product managers are told the review is now theirs to decide. */
@Component("escalateOverdueProductReview")
public class EscalateOverdueProductReview implements JavaDelegate {

  private final FeatureRequestService service;

  public EscalateOverdueProductReview(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.warnOfReview(execution, true);
  }
}
