package com.octoacme.support.sla.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.Metrics;

/**
 * The engine's own job-executor counters (flushed to ACT_RU_METER_LOG on demand), so a report can say
 * how often the executor polled, how many jobs it got, and whether its queue was full (rejected).
 */
final class JobExecutorMetrics {

  private static final List<String> NAMES = List.of(Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS,
      Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_EXECUTION_REJECTED, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED,
      Metrics.JOB_LOCKED_EXCLUSIVE);

  private final ManagementService management;

  JobExecutorMetrics(ManagementService management) {
    this.management = management;
  }

  Map<String, Long> snapshot() {
    try {
      management.reportDbMetricsNow();
      Map<String, Long> values = new LinkedHashMap<>();
      for (String name : NAMES) {
        values.put(name, management.createMetricsQuery().name(name).sum());
      }
      return values;
    } catch (RuntimeException e) {
      return Map.of(); // metrics reporting switched off, or no connection to be had: no counters
    }
  }

  static String delta(Map<String, Long> before, Map<String, Long> after) {
    if (before.isEmpty() || after.isEmpty()) {
      return "no metrics";
    }
    StringBuilder text = new StringBuilder();
    after.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
        .append(value - before.getOrDefault(name, 0L)));
    return text.toString();
  }
}
