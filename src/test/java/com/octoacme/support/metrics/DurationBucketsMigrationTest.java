package com.octoacme.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V13 on a database with facts from before it: every fact with durations gets the buckets the recorder now writes
 * (MetricsRollup.bucket), one without keeps none; the duration roll-up's rows become the slice of all facts, and
 * the roll-up state is emptied so that the next start rebuilds the roll-ups with their new slices.
 */
class DurationBucketsMigrationTest {

  @Test
  void factsFromBeforeGetTheirBuckets_andTheRollupsAreRebuiltAtTheNextStart() throws Exception {
    String url = "jdbc:h2:mem:v13-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("12").load().migrate();
    try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
      String columns = "insert into escalation_fact (fact_key, fact_type, ticket_id, process_instance_id, escalated_at,"
          + " occurred_at, level, category, wall_seconds, business_seconds) values ";
      String at = "timestamp with time zone '2026-11-02 10:00:00+00:00'";
      sql.execute(columns + "('k1', 'FIRST_RESPONSE', 'T-1', 'p1', " + at + ", " + at + ", 'L2', 'BUG', 17, 5119)");
      sql.execute(columns + "('k2', 'RESOLVED', 'T-1', 'p1', " + at + ", " + at + ", 'L2', 'BUG', 86400, null)");
      sql.execute(columns + "('k3', 'ESCALATED', 'T-1', 'p1', " + at + ", " + at + ", 'L2', 'BUG', null, null)");
      // more than one chunk of the migration's reads
      for (int i = 0; i < 2500; i++) {
        sql.addBatch(columns + "('m" + i + "', 'RESOLVED', 'T-2', 'p2', " + at + ", " + at + ", 'L1', 'BUG', " + (i + 1)
            + ", " + (2 * i + 1) + ")");
      }
      sql.executeBatch();
      sql.execute("insert into escalation_duration_rollup (grain, period_start, fact_type, level, measure, bucket, n,"
          + " total) values ('D', date '2026-11-02', 'FIRST_RESPONSE', 'L2', 'W', 16, 1, 17)");
      sql.execute("insert into metrics_rollup_state (id, zone, rebuilt_at) values (1, 'Europe/Berlin', " + at + ")");

      Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();

      assertThat(rows(sql, "select count(*) from escalation_fact where fact_key like 'm%'")).containsExactly("2500");
      for (int i : new int[] {0, 999, 1000, 1999, 2499}) {
        assertThat(rows(sql, "select wall_bucket, business_bucket from escalation_fact where fact_key = 'm" + i + "'"))
            .as("fact m%d", i).containsExactly(MetricsRollup.bucket(i + 1) + " " + MetricsRollup.bucket(2 * i + 1));
      }
      assertThat(rows(sql, "select count(*) from escalation_fact where fact_key like 'm%' and (wall_bucket is null"
          + " or business_bucket is null)")).containsExactly("0");
      assertThat(rows(sql, "select fact_key, wall_bucket, business_bucket from escalation_fact where fact_key like 'k%'"
          + " order by fact_key"))
          .containsExactly("k1 " + MetricsRollup.bucket(17) + " " + MetricsRollup.bucket(5119),
              "k2 " + MetricsRollup.bucket(86_400) + " null", "k3 null null");
      assertThat(MetricsRollup.bucket(17)).isEqualTo(16);
      assertThat(rows(sql, "select slice, bucket, n from escalation_duration_rollup")).containsExactly(" 16 1");
      assertThat(rows(sql, "select count(*) from metrics_rollup_state")).containsExactly("0");
    }
  }

  private static List<String> rows(Statement sql, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = sql.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }
}
