package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Evaluate review criteria" / "Update evidence": the feature's requests added up, the DMN criteria applied. */
@Component("evaluateReviewCriteria")
public class EvaluateReviewCriteria implements JavaDelegate {

  private final FeatureRequestService service;

  public EvaluateReviewCriteria(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.evaluate(execution);
  }
}
