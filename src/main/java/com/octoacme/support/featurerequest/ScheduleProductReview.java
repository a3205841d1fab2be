package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Schedule product review": the review's due and warning instants on the business calendar. */
@Component("scheduleProductReview")
public class ScheduleProductReview implements JavaDelegate {

  private final FeatureRequestService service;

  public ScheduleProductReview(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.scheduleReview(execution);
  }
}
