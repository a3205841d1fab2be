package com.octoacme.support.intake;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V6__escalation_intake_for_every_ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

/**
 * V6 gives every escalation started before the one guard (through Tasklist, without an intake record) its
 * ticket's record, from the engine's history: the latest instance per ticket, none twice, the API's kept.
 */
class IntakeBackfillMigrationTest {

  @Test
  void everyEarlierTicketGetsItsRecordOnce_theLatestInstance_andTheApisRecordsStay() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:v6-" + System.nanoTime(), "sa", "")) {
      try (Statement sql = db.createStatement()) {
        sql.execute(Files.readString(Path.of("src/main/resources/db/migration/V3__escalation_intake.sql")));
        sql.execute("create table act_hi_procinst (id_ varchar(64), proc_def_key_ varchar(255), business_key_ varchar(255), "
            + "start_user_id_ varchar(255), start_time_ timestamp)");
        sql.execute("insert into act_hi_procinst values "
            + "('1', 'support-escalation', 'TICKET-1', 'sam.support', timestamp '2026-01-01 10:00:00'), "
            + "('2', 'support-escalation', 'TICKET-1', 'sam.support', timestamp '2026-02-01 10:00:00'), "
            + "('3', 'support-escalation', 'TICKET-2', 'sam.support', timestamp '2026-03-01 10:00:00'), "
            + "('4', 'notification-delivery', 'TICKET-3', null, timestamp '2026-03-01 10:00:00'), "
            + "('5', 'support-escalation', 'TICKET-4', null, timestamp '2026-03-01 10:00:00')");
        sql.execute("insert into escalation_intake (ticket_id, idempotency_key, process_instance_id, payload_sha256, "
            + "opened_by, created_at) values ('TICKET-4', 'key-4', '5', '" + "a".repeat(64) + "', 'ticketing', "
            + "timestamp with time zone '2026-03-01 10:00:00+00:00')");
      }

      migrate(db);
      migrate(db); // once only, even if it ran again

      assertThat(rows(db)).containsExactly("TICKET-1 2 sam.support null", "TICKET-2 3 sam.support null",
          "TICKET-4 5 ticketing key-4");
    }
  }

  @Test
  void aNewDatabaseHasNoEngineTablesYet_andNothingToDo() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:v6-new-" + System.nanoTime(), "sa", "")) {
      try (Statement sql = db.createStatement()) {
        sql.execute(Files.readString(Path.of("src/main/resources/db/migration/V3__escalation_intake.sql")));
      }
      migrate(db);
      assertThat(rows(db)).isEmpty();
    }
  }

  private static void migrate(Connection db) throws Exception {
    new V6__escalation_intake_for_every_ticket().migrate(new Context() {
      @Override
      public Configuration getConfiguration() {
        return null;
      }

      @Override
      public Connection getConnection() {
        return db;
      }
    });
  }

  private static List<String> rows(Connection db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("select ticket_id, process_instance_id, opened_by, idempotency_key "
            + "from escalation_intake order by ticket_id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
      }
    }
    return rows;
  }
}
