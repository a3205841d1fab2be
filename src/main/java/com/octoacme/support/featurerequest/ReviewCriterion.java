package com.octoacme.support.featurerequest;

/** The template's "Criteria for Product Team Review": the outputs of bpmn/feature-review-criteria.dmn. */
public enum ReviewCriterion {
  VOLUME, IMPACT, STRATEGIC, COMPETITIVE, CONTRACT
}
