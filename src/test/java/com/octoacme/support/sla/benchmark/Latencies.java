package com.octoacme.support.sla.benchmark;

import java.util.List;

/** Lateness figures of a set of events, in milliseconds (nearest-rank percentiles). */
record Latencies(int count, long min, long p50, long p90, long p99, long max) {

  static Latencies of(List<Long> millis) {
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Latencies(0, -1, -1, -1, -1, -1);
    }
    return new Latencies(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  private static long rank(long[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static long countAtMost(List<Long> millis, long limit) {
    return millis.stream().filter(m -> m <= limit).count();
  }

  @Override
  public String toString() {
    return count == 0 ? "none"
        : String.format("n=%d min=%d p50=%d p90=%d p99=%d max=%d ms", count, min, p50, p90, p99, max);
  }

  static String seconds(long millis) {
    return millis < 0 ? "-" : String.format("%.2f s", millis / 1000.0);
  }
}
