package com.octoacme.support.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the gauges of open and breached escalations per level up to date from the facts. */
@Component
class OpenGauges {

  private static final Logger log = LoggerFactory.getLogger(OpenGauges.class);

  private final MetricsQueries queries;
  private final EscalationMeters meters;

  OpenGauges(MetricsQueries queries, EscalationMeters meters) {
    this.queries = queries;
    this.meters = meters;
  }

  @Scheduled(initialDelayString = "${metrics.gauges.initial-delay:PT5S}", fixedDelayString = "${metrics.gauges.refresh:PT30S}")
  void refresh() {
    try {
      meters.refresh(queries.open(MetricsFilter.everything()));
    } catch (RuntimeException e) {
      // the gauges keep their last values; the next refresh tries again
      log.warn("Could not refresh the open-escalation gauges: {}", e.toString());
    }
  }
}
