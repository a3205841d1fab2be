package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.CUSTOMER_NAME;
import static com.octoacme.support.escalation.EscalationVariables.ISSUE_SUMMARY;
import static com.octoacme.support.intake.IntakeApi.ticketOf;
import static com.octoacme.support.intake.IntakeApi.validRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.intake.IntakeApi.Reply;
import com.octoacme.support.intake.IntakeApi.Snapshot;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.ProcessTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Opening is idempotent by ticket ID and by Idempotency-Key: a repeat returns the first escalation and starts none. */
@ProcessTest
class EscalationIntakeIdempotencyTest {

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;

  IntakeApi api;

  @BeforeEach
  void setUp() {
    api = new IntakeApi(rest);
  }

  @Test
  void theSameTicketTwice_200_withTheFirstEscalation() {
    Map<String, Object> request = validRequest();
    Reply first = api.open(request);
    assertThat(first.status()).isEqualTo(HttpStatus.CREATED);
    Snapshot afterFirst = Snapshot.of(engine, jdbc);

    Reply second = api.open(request);

    assertThat(second.status()).isEqualTo(HttpStatus.OK);
    assertThat(second.response().getHeaders().getLocation()).isNull();
    assertThat(second.text("processInstanceId")).isEqualTo(first.text("processInstanceId"));
    assertThat(second.text("ticketId")).isEqualTo(ticketOf(request));
    assertThat(second.text("status")).isEqualTo("OPEN");
    assertThat(instancesOf(ticketOf(request))).isOne();
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(afterFirst);
  }

  @Test
  void theSameTicketWithAnotherBody_200_theFirstEscalationStays() {
    Map<String, Object> request = validRequest();
    String first = api.open(request).text("processInstanceId");
    Map<String, Object> changed = new LinkedHashMap<>(request);
    changed.put(ISSUE_SUMMARY.name(), "Checkout fails for every customer now");

    Reply second = api.open(changed);

    assertThat(second.status()).isEqualTo(HttpStatus.OK);
    assertThat(second.text("processInstanceId")).isEqualTo(first);
    assertThat(ISSUE_SUMMARY.from(runtime.getVariables(first))).isEqualTo("Checkout fails with HTTP 500");
  }

  @Test
  void theSameIdempotencyKeyTwice_200_withTheFirstEscalation() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> request = validRequest();
    Reply first = api.open(request, key);
    assertThat(first.status()).isEqualTo(HttpStatus.CREATED);
    Snapshot afterFirst = Snapshot.of(engine, jdbc);

    Reply second = api.open(request, key);

    assertThat(second.status()).isEqualTo(HttpStatus.OK);
    assertThat(second.text("processInstanceId")).isEqualTo(first.text("processInstanceId"));
    assertThat(instancesOf(ticketOf(request))).isOne();
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(afterFirst);
    assertThat(jdbc.queryForObject("select idempotency_key from escalation_intake where ticket_id = ?", String.class,
        ticketOf(request))).isEqualTo(key);
  }

  @Test
  void theSameIdempotencyKeyForAnotherTicket_422() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> first = validRequest();
    api.open(first, key);
    Map<String, Object> other = validRequest();
    Snapshot before = Snapshot.of(engine, jdbc);

    Reply reply = api.open(other, key).isError(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key");

    assertThat(reply.message()).contains(key).contains("already used to open ticket " + ticketOf(first))
        .contains("cannot open ticket " + ticketOf(other));
    assertThat(reply.text("ticketId")).isEqualTo(ticketOf(other));
    assertThat(instancesOf(ticketOf(other))).isZero();
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBody_422() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> request = validRequest();
    api.open(request, key);
    Map<String, Object> changed = new LinkedHashMap<>(request);
    changed.put(CUSTOMER_NAME.name(), "Initech");
    Snapshot before = Snapshot.of(engine, jdbc);

    Reply reply = api.open(changed, key).isError(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key");

    assertThat(reply.message()).contains("different request body");
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  @Test
  void aTicketOpenedInTasklist_200_withThatEscalation() {
    Map<String, Object> request = validRequest();
    ProcessInstance fromTasklist = new EscalationDriver(engine).start(request);

    Reply reply = api.open(request);

    assertThat(reply.status()).isEqualTo(HttpStatus.OK);
    assertThat(reply.text("processInstanceId")).isEqualTo(fromTasklist.getId());
    assertThat(instancesOf(ticketOf(request))).isOne();
  }

  @Test
  void aReplayedKeyAfterTheEscalationEnded_200_whileTheTicketAlone_409() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> request = validRequest();
    String processInstanceId = api.open(request, key).text("processInstanceId");
    runtime.deleteProcessInstance(processInstanceId, "the customer withdrew the ticket");

    Reply replay = api.open(request, key);
    assertThat(replay.status()).isEqualTo(HttpStatus.OK);
    assertThat(replay.text("processInstanceId")).isEqualTo(processInstanceId);
    assertThat(replay.text("status")).isEqualTo("CLOSED");

    api.open(request).isError(HttpStatus.CONFLICT, null);
    api.open(request, UUID.randomUUID().toString()).isError(HttpStatus.CONFLICT, null);
    assertThat(instancesOf(ticketOf(request))).isOne();
  }

  @Test
  void aMalformedIdempotencyKey_400() {
    Snapshot before = Snapshot.of(engine, jdbc);
    api.open(validRequest(), "x".repeat(256)).isError(HttpStatus.BAD_REQUEST, "Idempotency-Key");
    api.open(validRequest(), "two words").isError(HttpStatus.BAD_REQUEST, "Idempotency-Key");
    assertThat(Snapshot.of(engine, jdbc)).isEqualTo(before);
  }

  /** Process instances ever started for the ticket, running or ended. */
  private long instancesOf(String ticketId) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ticketId).count();
  }
}
