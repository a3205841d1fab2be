package com.octoacme.support.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table {@code escalation_intake}: one row per ticket opened through the API, unique by ticket ID
 * and by Idempotency-Key, written in the transaction that starts the escalation's process instance.
 */
@Repository
class IntakeRecords {

  /** One intake: which request opened which process instance. */
  record IntakeRecord(String ticketId, String idempotencyKey, String processInstanceId, String payloadSha256,
      String openedBy, Instant createdAt) {}

  private static final String COLUMNS =
      "ticket_id, idempotency_key, process_instance_id, payload_sha256, opened_by, created_at";

  private final JdbcTemplate jdbc;

  IntakeRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<IntakeRecord> byTicketId(String ticketId) {
    return jdbc.query("select " + COLUMNS + " from escalation_intake where ticket_id = ?", IntakeRecords::map, ticketId)
        .stream().findFirst();
  }

  Optional<IntakeRecord> byIdempotencyKey(String idempotencyKey) {
    return jdbc.query("select " + COLUMNS + " from escalation_intake where idempotency_key = ?", IntakeRecords::map,
        idempotencyKey).stream().findFirst();
  }

  /**
   * Claims the ticket (and the key). A concurrent claim of the same ticket or key waits here on the
   * unique index until the first one's transaction ends, then fails with a DuplicateKeyException.
   */
  void claim(String ticketId, String idempotencyKey, String payloadSha256, String openedBy, Instant createdAt) {
    jdbc.update("insert into escalation_intake (ticket_id, idempotency_key, payload_sha256, opened_by, created_at) "
        + "values (?, ?, ?, ?, ?)", ticketId, idempotencyKey, payloadSha256, openedBy, Timestamp.from(createdAt));
  }

  void recordProcessInstance(String ticketId, String processInstanceId) {
    jdbc.update("update escalation_intake set process_instance_id = ? where ticket_id = ?", processInstanceId, ticketId);
  }

  private static IntakeRecord map(ResultSet rs, int row) throws SQLException {
    Timestamp created = rs.getTimestamp("created_at");
    return new IntakeRecord(rs.getString("ticket_id"), rs.getString("idempotency_key"),
        rs.getString("process_instance_id"), rs.getString("payload_sha256"), rs.getString("opened_by"),
        created == null ? null : created.toInstant());
  }
}
