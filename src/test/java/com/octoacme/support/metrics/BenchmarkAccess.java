package com.octoacme.support.metrics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** For the benchmark harness: a filter from a query string, as the controller parses it. */
public final class BenchmarkAccess {

  private BenchmarkAccess() {}

  /** A duration figure straight from the facts (percentile_cont), to cross-check the roll-up path. */
  public static java.util.List<MetricsFigures.DurationRow> durationsFromFacts(MetricsQueries queries, boolean firstResponse,
      MetricsFilter filter) {
    return queries.durationsFromFacts(firstResponse ? FactType.FIRST_RESPONSE : FactType.RESOLVED, filter);
  }

  public static MetricsFilter filter(String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], kv[1]);
    }
    ZoneId zone = ZoneId.of("Europe/Berlin");
    return MetricsFilter.parse(params.get("from"), params.get("to"), params.get("level"), params.get("accountTier"),
        params.get("category"), params.get("issueType"), zone, LocalDate.now(zone));
  }
}
