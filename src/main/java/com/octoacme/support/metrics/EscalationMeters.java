package com.octoacme.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The escalation meters on /actuator/prometheus. Counters and timers count facts once their transaction
 * has committed (a rolled-back step counts nothing); they start at zero with the application, as Prometheus
 * counters do. The gauges of open and breached escalations are read from the facts every
 * {@code metrics.gauges.refresh} (default 30 s).
 */
@Component
public class EscalationMeters {

  static final String ESCALATIONS = "escalation.escalations";
  static final String LEVEL_CHANGES = "escalation.level.changes";
  static final String BREACHES = "escalation.sla.breaches";
  static final String REOPENINGS = "escalation.reopenings";
  static final String FIRST_RESPONSE = "escalation.first.response";
  static final String RESOLUTION = "escalation.resolution";
  static final String OPEN = "escalation.open";
  static final String OPEN_BREACHED = "escalation.open.breached";

  private final MeterRegistry registry;
  private final MultiGauge open;
  private final MultiGauge breached;

  public EscalationMeters(MeterRegistry registry) {
    this.registry = registry;
    this.open = MultiGauge.builder(OPEN).description("Escalations open now, by current level").register(registry);
    this.breached = MultiGauge.builder(OPEN_BREACHED)
        .description("Open escalations with an SLA breach, by current level").register(registry);
  }

  void recorded(EscalationFact fact) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count(fact);
        }
      });
    } else {
      count(fact);
    }
  }

  private void count(EscalationFact fact) {
    Tags tags = Tags.of("level", fact.getLevel(), "category", fact.getCategory());
    switch (fact.getType()) {
      case ESCALATED -> counter(ESCALATIONS, "Escalations opened", tags).increment();
      case LEVEL_CHANGED -> counter(LEVEL_CHANGES, "Level changes, by the level changed to and the kind",
          tags.and("kind", fact.getChangeKind())).increment();
      case BREACH -> counter(BREACHES, "SLA breaches", tags.and("sla", fact.getSlaKind())).increment();
      case REOPENED -> counter(REOPENINGS, "Escalations reopened by the customer", tags).increment();
      case FIRST_RESPONSE -> time(FIRST_RESPONSE, "Time to first response at the level", fact);
      case RESOLVED -> time(RESOLUTION, "Time from opening to resolution, by resolving level", fact);
      default -> { }
    }
  }

  private Counter counter(String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private void time(String name, String description, EscalationFact fact) {
    Tags tags = Tags.of("level", fact.getLevel());
    Timer.builder(name).description(description + ", wall-clock time").tags(tags.and("clock", "wall"))
        .register(registry).record(Duration.ofSeconds(fact.getWallSeconds()));
    Timer.builder(name).description(description + ", business time of the level's SLA calendar")
        .tags(tags.and("clock", "business")).register(registry).record(Duration.ofSeconds(fact.getBusinessSeconds()));
  }

  /** Reads open and breached escalations per level; also called once the figures exist. */
  void refresh(List<MetricsFigures.OpenRow> rows) {
    open.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("level", r.level()), r.open())).toList(), true);
    breached.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("level", r.level()), r.breached())).toList(), true);
  }
}
