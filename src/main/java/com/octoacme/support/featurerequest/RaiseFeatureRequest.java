package com.octoacme.support.featurerequest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * For the escalation process ({@code support-escalation}), when its Requested Action includes "Feature
 * enhancement": starts a feature request with what the escalation knows (customer, tier, contact, account
 * value, summary, ticket ID); the requesting agent completes the rest in "Complete feature request". Once the
 * agent has chosen the key, the escalation gets it as the variable {@code featureRequestKey}.
 */
@Component("raiseFeatureRequest")
public class RaiseFeatureRequest implements JavaDelegate {

  private final FeatureRequestService service;

  public RaiseFeatureRequest(FeatureRequestService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    service.raiseFromEscalation(execution);
  }
}
