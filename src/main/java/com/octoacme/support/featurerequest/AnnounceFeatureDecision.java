package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Tell requesters the decision": one mail per customer contact, the decision on each linked escalation. */
@Component("announceFeatureDecision")
public class AnnounceFeatureDecision implements JavaDelegate {

  private final FeatureRequestService service;

  public AnnounceFeatureDecision(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.announceDecision(execution);
  }
}
