package com.octoacme.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The duration buckets: the exact percentiles read the facts from a bucket's lower bound on. */
class MetricsRollupTest {

  @Test
  void bucketsAreMonotoneAndTheirLowerBoundsAreTheirSmallestDurations() {
    int previous = MetricsRollup.bucket(-5);
    assertThat(previous).isZero();
    for (long s = -3; s < 5_000_000; s += s < 100_000 ? 1 : 997) {
      int bucket = MetricsRollup.bucket(s);
      assertThat(bucket).as("bucket of %d", s).isGreaterThanOrEqualTo(previous);
      assertThat(MetricsRollup.lowerBound(bucket)).as("lower bound of the bucket of %d", s).isLessThanOrEqualTo(s);
      previous = bucket;
    }
    for (int bucket = 1; bucket < 400; bucket++) {
      long lower = MetricsRollup.lowerBound(bucket);
      assertThat(MetricsRollup.bucket(lower)).as("bucket %d", bucket).isEqualTo(bucket);
      assertThat(MetricsRollup.bucket(lower - 1)).as("below bucket %d", bucket).isEqualTo(bucket - 1);
    }
    // about 9 % wide: a day's bucket holds 82 minutes' worth of durations
    long day = MetricsRollup.lowerBound(MetricsRollup.bucket(86_400));
    assertThat(MetricsRollup.lowerBound(MetricsRollup.bucket(86_400) + 1) - day).isEqualTo(8192);
  }
}
