package db.migration;

import com.octoacme.support.metrics.MetricsRollup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The duration figures' exact medians and p90 are read from the facts of one histogram bucket: each fact now
 * carries the bucket of its wall and business seconds (computed by {@link MetricsRollup#bucket}, the one rule;
 * existing facts here), and an index leads with (fact type, level, bucket, range), so a bucket's facts in the
 * range are read alone, with a plan that no longer depends on literals. The duration roll-up gets a slice: the
 * histograms of all facts and, per account tier and per category, those of that value's facts, so the duration
 * figures filtered by a tier or a category read roll-ups too. The roll-ups are rebuilt from the facts at the next start
 * (metrics_rollup_state emptied).
 */
public class V13__duration_buckets_and_slices extends BaseJavaMigration {

  private static final int CHUNK = 1000;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("alter table escalation_fact add column wall_bucket integer");
      statement.execute("alter table escalation_fact add column business_bucket integer");
    }
    // in chunks by id: bounded memory however many facts there are
    try (PreparedStatement select = connection.prepareStatement("select id, wall_seconds, business_seconds"
            + " from escalation_fact where id > ? and (wall_seconds is not null or business_seconds is not null)"
            + " order by id fetch first " + CHUNK + " rows only");
        PreparedStatement update = connection.prepareStatement(
            "update escalation_fact set wall_bucket = ?, business_bucket = ? where id = ?")) {
      long last = Long.MIN_VALUE;
      int rows;
      do {
        rows = 0;
        select.setLong(1, last);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            last = rs.getLong(1);
            setBucket(update, 1, rs.getObject(2, Long.class));
            setBucket(update, 2, rs.getObject(3, Long.class));
            update.setLong(3, last);
            update.addBatch();
            rows++;
          }
        }
        if (rows > 0) {
          update.executeBatch();
        }
      } while (rows == CHUNK);
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("drop index idx_escalation_fact_wall");
      statement.execute("drop index idx_escalation_fact_business");
      // the k-th duration of a bucket in the range; tier and category for the bucket reads of a slice
      statement.execute("create index idx_escalation_fact_wall_bucket on escalation_fact (fact_type, level, wall_bucket,"
          + " escalated_at, wall_seconds, account_tier, category)");
      statement.execute("create index idx_escalation_fact_business_bucket on escalation_fact (fact_type, level,"
          + " business_bucket, escalated_at, business_seconds, account_tier, category)");
      // '' = all facts; accountTier:X, category:X = the facts with that value (MetricsRollup.slice)
      statement.execute("alter table escalation_duration_rollup add column slice varchar(80) default '' not null");
      statement.execute("alter table escalation_duration_rollup drop constraint pk_escalation_duration_rollup");
      statement.execute("alter table escalation_duration_rollup add constraint pk_escalation_duration_rollup primary key"
          + " (fact_type, slice, grain, period_start, level, measure, bucket)");
      statement.execute("delete from metrics_rollup_state");
    }
  }

  private static void setBucket(PreparedStatement statement, int index, Long seconds) throws SQLException {
    if (seconds == null) {
      statement.setNull(index, java.sql.Types.INTEGER);
    } else {
      statement.setInt(index, MetricsRollup.bucket(seconds));
    }
  }
}
