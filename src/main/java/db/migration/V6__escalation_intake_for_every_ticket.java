package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Since this version every start of an escalation (the API's and Tasklist's) claims its ticket in
 * {@code escalation_intake}, the one guard of the ticket's uniqueness. Escalations started through Tasklist
 * before it have no row there: this writes one for each ticket the engine's history knows (its latest
 * instance), so that they are guarded too. On a new database the engine's tables do not exist yet
 * (Flyway runs first) and there is nothing to do.
 */
public class V6__escalation_intake_for_every_ticket extends BaseJavaMigration {

  static final String BACKFILL = """
      insert into escalation_intake (ticket_id, process_instance_id, payload_sha256, opened_by, created_at)
      select business_key_, id_, 'written by V6 for an escalation opened before', start_user_id_, start_time_
      from (select p.business_key_, p.id_, p.start_user_id_, p.start_time_,
                   row_number() over (partition by p.business_key_ order by p.start_time_ desc, p.id_ desc) as latest
            from act_hi_procinst p
            where p.proc_def_key_ = 'support-escalation' and p.business_key_ is not null
              and length(p.business_key_) <= 64
              and not exists (select 1 from escalation_intake i where i.ticket_id = p.business_key_)) instances
      where latest = 1
      """;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!hasTable(connection, "act_hi_procinst")) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(BACKFILL);
    }
  }

  private static boolean hasTable(Connection connection, String name) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    for (String candidate : new String[] {name, name.toUpperCase()}) {
      try (ResultSet tables = metaData.getTables(null, null, candidate, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
