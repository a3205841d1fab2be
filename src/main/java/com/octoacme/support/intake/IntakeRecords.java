package com.octoacme.support.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationRequest;
import com.octoacme.support.escalation.EscalationRequestValidator;
import com.octoacme.support.escalation.OpenEscalations;
import com.octoacme.support.escalation.TicketClaims;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The table {@code escalation_intake}: one row per ticket that was ever escalated, unique by ticket ID
 * and by Idempotency-Key, written in the transaction that starts the escalation's process instance, by
 * whichever door it came in (the API claims it first, with its key; a start through the engine claims it
 * in "Validate escalation request"). The unique index on the ticket ID is the one guard of its uniqueness.
 */
@Repository
class IntakeRecords implements TicketClaims {

  /** One intake: which request opened which process instance. */
  record IntakeRecord(String ticketId, String idempotencyKey, String processInstanceId, String payloadSha256,
      String openedBy, Instant createdAt) {}

  private static final String COLUMNS =
      "ticket_id, idempotency_key, process_instance_id, payload_sha256, opened_by, created_at";

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IntakeRecords.class);

  private final JdbcTemplate jdbc;
  private final OpenEscalations openEscalations;
  private final EscalationRequestValidator validator;
  private final ObjectMapper canonicalJson;

  IntakeRecords(JdbcTemplate jdbc, OpenEscalations openEscalations, EscalationRequestValidator validator,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.openEscalations = openEscalations;
    this.validator = validator;
    this.canonicalJson = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
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
   * The API's claim of the ticket (and the key), before it starts the instance in the same transaction.
   * A concurrent claim of the same ticket or key waits here on the unique index until the first one's
   * transaction ends, then fails with a DuplicateKeyException.
   */
  void claimForApi(EscalationRequest request, String idempotencyKey, String openedBy) {
    jdbc.update("insert into escalation_intake (ticket_id, idempotency_key, payload_sha256, opened_by, created_at) "
        + "values (?, ?, ?, ?, ?)", request.ticketId(), idempotencyKey, sha256(request), openedBy,
        Timestamp.from(EscalationHistory.now()));
  }

  @Override
  public String claim(EscalationRequest request, String processInstanceId, String startedBy) {
    String ticketId = request.ticketId();
    // The API's claim of this transaction: a committed row always has its process instance (same transaction).
    if (jdbc.update("update escalation_intake set process_instance_id = ? where ticket_id = ? and process_instance_id is null",
        processInstanceId, ticketId) == 1) {
      return byTicketId(ticketId).map(IntakeRecord::openedBy).orElse(startedBy);
    }
    if (byTicketId(ticketId).isPresent()) {
      throw taken(ticketId, openEscalations.isOpen(ticketId));
    }
    try {
      jdbc.update("insert into escalation_intake (ticket_id, payload_sha256, opened_by, created_at, process_instance_id) "
          + "values (?, ?, ?, ?, ?)", ticketId, sha256(request), startedBy, Timestamp.from(EscalationHistory.now()),
          processInstanceId);
    } catch (DuplicateKeyException concurrently) {
      // Started at the same time through another door, which committed first.
      throw taken(ticketId, true);
    }
    return startedBy;
  }

  private TicketAlreadyEscalated taken(String ticketId, boolean open) {
    String has = open ? " already has an open escalation" : " already had an escalation, which has ended (a new problem needs a new ticket)";
    log.warn("Escalation request {} refused: ticketId{}", ticketId, has);
    return new TicketAlreadyEscalated("ticketId " + ticketId + has,
        validator.labelOf("ticketId") + ": ticket " + ticketId + has);
  }

  /** SHA-256 of the request's fields as canonical JSON (keys sorted): the same request hashes the same. */
  String sha256(EscalationRequest request) {
    try {
      byte[] canonical = canonicalJson.writeValueAsBytes(new TreeMap<>(request.fields()));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the request", e);
    }
  }

  private static IntakeRecord map(ResultSet rs, int row) throws SQLException {
    Timestamp created = rs.getTimestamp("created_at");
    return new IntakeRecord(rs.getString("ticket_id"), rs.getString("idempotency_key"),
        rs.getString("process_instance_id"), rs.getString("payload_sha256"), rs.getString("opened_by"),
        created == null ? null : created.toInstant());
  }
}
