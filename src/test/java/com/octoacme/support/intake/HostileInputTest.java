package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.intake.IntakeApi.json;
import static com.octoacme.support.intake.IntakeApi.validRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.escalation.ProcessVariable;
import com.octoacme.support.intake.IntakeApi.Reply;
import com.octoacme.support.intake.IntakeApi.Snapshot;
import com.octoacme.support.testing.ProcessTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile and broken payloads: each is answered 4xx in the /api error shape, naming the field where
 * there is one, and afterwards no process instance, task, variable, job or audit row has changed.
 */
@ProcessTest
class HostileInputTest {

  private static final String TEN_THOUSAND = "A".repeat(10_000);

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  IntakeApi api;
  /** An open escalation the customer-event payloads are aimed at. */
  static String openTicket;

  @BeforeEach
  void setUp() {
    api = new IntakeApi(rest);
    if (openTicket == null) {
      Map<String, Object> request = validRequest();
      assertThat(api.open(request).status()).isEqualTo(HttpStatus.CREATED);
      openTicket = IntakeApi.ticketOf(request);
    }
  }

  /** One hostile request: where it goes, what it sends, and the answer it must get. */
  record Hostile(String name, String path, byte[] body, MediaType contentType, String idempotencyKey,
      HttpStatus expected, String field) {

    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileOpenings")
  void aHostileOpeningIsRefusedAndChangesNothing(Hostile hostile) {
    assertRefusedWithoutChange(hostile, "/api/escalations");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCustomerEvents")
  void aHostileCustomerEventIsRefusedAndChangesNothing(Hostile hostile) {
    assertRefusedWithoutChange(hostile, "/api/escalations/" + openTicket + "/events/" + hostile.path());
  }

  private void assertRefusedWithoutChange(Hostile hostile, String path) {
    Snapshot before = Snapshot.of(engine, jdbc);

    Reply reply = api.send(HttpMethod.POST, path, hostile.body(), hostile.contentType(), hostile.idempotencyKey());

    reply.isError(hostile.expected(), hostile.field());
    if (hostile.field() != null && hostile.expected() == HttpStatus.BAD_REQUEST) {
      assertThat(reply.message()).contains(hostile.field());
    }
    assertThat(Snapshot.of(engine, jdbc)).as("engine and tables after %s", hostile.name()).isEqualTo(before);
  }

  static Stream<Hostile> hostileOpenings() {
    List<Hostile> cases = new ArrayList<>();
    // --- not JSON, or not a JSON object
    cases.add(raw("malformed JSON: cut off", "{\"ticketId\": ", null));
    cases.add(raw("not JSON at all", "hello escalation", null));
    cases.add(raw("trailing garbage after the object", json(validRequest()) + "}", null));
    cases.add(raw("a JSON array instead of an object", "[" + json(validRequest()) + "]", null));
    cases.add(raw("JSON null", "null", null));
    cases.add(raw("a JSON string", "\"TICKET-1\"", null));
    cases.add(raw("an empty body", "", null));
    // Malformed inside a field's value: the field is named.
    cases.add(raw("an unescaped control byte inside a string",
        json(validRequest()).replace("Globex Corporation", "Globex\u0001Corporation"), CUSTOMER_NAME.name()));
    cases.add(new Hostile("invalid UTF-8", "", withBytes(json(validRequest()), new byte[] {(byte) 0xC3, (byte) 0x28}),
        MediaType.APPLICATION_JSON, null, HttpStatus.BAD_REQUEST, CUSTOMER_NAME.name()));
    cases.add(raw("a duplicate field", json(validRequest()).replaceFirst("\\{", "{\"customerName\": \"Initech\", "),
        CUSTOMER_NAME.name()));
    // --- wrong JSON types
    cases.add(opening("a number as text", r -> r.put(USERS_AFFECTED.name(), "40"), USERS_AFFECTED));
    cases.add(opening("a fraction for a whole number", r -> r.put(USERS_AFFECTED.name(), 4.5), USERS_AFFECTED));
    cases.add(opening("text where a flag belongs", r -> r.put(WORKAROUND_AVAILABLE.name(), "yes"), WORKAROUND_AVAILABLE));
    cases.add(opening("a number where a flag belongs", r -> r.put(WORKAROUND_AVAILABLE.name(), 1), WORKAROUND_AVAILABLE));
    cases.add(opening("a number where text belongs", r -> r.put(CUSTOMER_NAME.name(), 42), CUSTOMER_NAME));
    cases.add(opening("a flag where text belongs", r -> r.put(ISSUE_SUMMARY.name(), true), ISSUE_SUMMARY));
    cases.add(opening("a nested object where text belongs",
        r -> r.put(CUSTOMER_NAME.name(), Map.of("first", "Globex", "$gt", "")), CUSTOMER_NAME));
    cases.add(opening("an array where the ticket ID belongs", r -> r.put(TICKET_ID.name(), List.of("TICKET-1")), TICKET_ID));
    cases.add(opening("deeply nested arrays where text belongs",
        r -> r.put(PROBLEM_DESCRIPTION.name(), List.of(List.of(List.of(List.of(List.of("x")))))), PROBLEM_DESCRIPTION));
    cases.add(opening("a date in another format", r -> r.put(REPORTED_DATE.name(), "20/11/2026"), REPORTED_DATE));
    cases.add(opening("a date that does not exist", r -> r.put(REPORTED_DATE.name(), "2026-02-30"), REPORTED_DATE));
    cases.add(opening("a date as epoch number", r -> r.put(REPORTED_DATE.name(), 1763596800), REPORTED_DATE));
    cases.add(opening("a date-time without offset", r -> r.put(NEXT_UPDATE_DUE.name(), "2026-11-21T09:00"), NEXT_UPDATE_DUE));
    // --- numbers out of range
    cases.add(opening("negative users affected", r -> r.put(USERS_AFFECTED.name(), -1), USERS_AFFECTED));
    cases.add(raw("users affected beyond a long",
        json(validRequest()).replace("\"usersAffected\":1", "\"usersAffected\":99999999999999999999"), USERS_AFFECTED.name()));
    cases.add(opening("users affected as 1e30", r -> r.put(USERS_AFFECTED.name(), 1e30), USERS_AFFECTED));
    cases.add(opening("a negative account value", r -> r.put(ACCOUNT_VALUE.name(), -5), ACCOUNT_VALUE));
    cases.add(opening("NaN as account value", r -> r.put(ACCOUNT_VALUE.name(), "NaN"), ACCOUNT_VALUE));
    // --- missing or blank required fields
    cases.add(opening("no ticket ID", r -> r.remove(TICKET_ID.name()), TICKET_ID));
    cases.add(opening("no customer name", r -> r.remove(CUSTOMER_NAME.name()), CUSTOMER_NAME));
    cases.add(opening("a blank issue summary", r -> r.put(ISSUE_SUMMARY.name(), "   "), ISSUE_SUMMARY));
    cases.add(opening("null priority justification", r -> r.put(PRIORITY_JUSTIFICATION.name(), null), PRIORITY_JUSTIFICATION));
    cases.add(opening("an unknown field", r -> r.put("isAdmin", true), null, "isAdmin"));
    cases.add(opening("a prototype-pollution field", r -> r.put("__proto__", Map.of("admin", true)), null, "__proto__"));
    // --- unknown enumeration values, patterns
    cases.add(opening("an unknown account tier", r -> r.put(ACCOUNT_TIER.name(), "PLATINUM"), ACCOUNT_TIER));
    cases.add(opening("an unknown issue type", r -> r.put(ISSUE_TYPE.name(), "ALIENS"), ISSUE_TYPE));
    cases.add(opening("a lower-case urgency", r -> r.put(URGENCY.name(), "high"), URGENCY));
    cases.add(opening("an unknown time zone", r -> r.put(ACCOUNT_TIME_ZONE.name(), "Mars/Olympus_Mons"), ACCOUNT_TIME_ZONE));
    cases.add(opening("SQL in the ticket ID",
        r -> r.put(TICKET_ID.name(), "TICKET-1'; DROP TABLE act_ru_task;--"), TICKET_ID));
    cases.add(opening("a lower-case ticket ID", r -> r.put(TICKET_ID.name(), "ticket-1"), TICKET_ID));
    cases.add(opening("path traversal in the ticket ID", r -> r.put(TICKET_ID.name(), "../../engine-rest/TICKET-1"), TICKET_ID));
    cases.add(opening("a ticket ID too long for its column", r -> r.put(TICKET_ID.name(), "TICKET-" + "1".repeat(60)), TICKET_ID));
    // --- markup and control characters
    cases.add(opening("a script tag", r -> r.put(CUSTOMER_NAME.name(), "<script>alert(1)</script>"), CUSTOMER_NAME));
    cases.add(opening("an img onerror", r -> r.put(PROBLEM_DESCRIPTION.name(), "<img src=x onerror=alert(1)>"),
        PROBLEM_DESCRIPTION));
    cases.add(opening("a javascript: link", r -> r.put(RELEVANT_URLS.name(), "javascript:alert(document.cookie)"),
        RELEVANT_URLS));
    cases.add(opening("an HTML entity", r -> r.put(BUSINESS_IMPACT.name(), "&lt;b&gt;orders&lt;/b&gt;"), BUSINESS_IMPACT));
    cases.add(opening("NUL in text", r -> r.put(CUSTOMER_NAME.name(), "Globex\u0000Corporation"), CUSTOMER_NAME));
    cases.add(opening("an ANSI escape in text", r -> r.put(ISSUE_SUMMARY.name(), "\u001b[31mCheckout fails\u001b[0m"),
        ISSUE_SUMMARY));
    cases.add(opening("a line break in a one-line field", r -> r.put(ISSUE_SUMMARY.name(), "Checkout\nfails"), ISSUE_SUMMARY));
    // --- sizes
    cases.add(opening("10,000 characters for a one-line field", r -> r.put(CUSTOMER_NAME.name(), TEN_THOUSAND), CUSTOMER_NAME));
    cases.add(opening("10,000 characters for a text field", r -> r.put(PROBLEM_DESCRIPTION.name(), TEN_THOUSAND),
        PROBLEM_DESCRIPTION));
    cases.add(opening("10,000 characters for the ticket ID", r -> r.put(TICKET_ID.name(), TEN_THOUSAND), TICKET_ID));
    Map<String, Object> huge = validRequest();
    huge.put(LOGS.name(), "z".repeat(70 * 1024));
    cases.add(new Hostile("an oversized body", "", json(huge).getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON,
        null, HttpStatus.PAYLOAD_TOO_LARGE, null));
    // --- media type and header
    cases.add(new Hostile("text/plain", "", json(validRequest()).getBytes(StandardCharsets.UTF_8), MediaType.TEXT_PLAIN,
        null, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null));
    cases.add(new Hostile("no content type", "", json(validRequest()).getBytes(StandardCharsets.UTF_8), null,
        null, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null));
    cases.add(new Hostile("an Idempotency-Key of 300 characters", "",
        json(validRequest()).getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON, "k".repeat(300),
        HttpStatus.BAD_REQUEST, "Idempotency-Key"));
    cases.add(new Hostile("an Idempotency-Key with SQL", "",
        json(validRequest()).getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON, "1' OR '1'='1",
        HttpStatus.BAD_REQUEST, "Idempotency-Key"));
    return cases.stream();
  }

  static Stream<Hostile> hostileCustomerEvents() {
    String replied = "customer-replied";
    String csat = "csat-received";
    String reopened = "reopened";
    return Stream.of(
        event("a reply that is malformed JSON", replied, "{\"summary\": \"hi\"", null),
        event("a reply without summary", replied, "{}", "summary"),
        event("a reply with a script tag", replied, json(Map.of("summary", "<script>alert(1)</script>")), "summary"),
        event("a reply with an img onerror", replied, json(Map.of("summary", "<img src=x onerror=alert(1)>")), "summary"),
        event("a reply with NUL", replied, json(Map.of("summary", "ok\u0000")), "summary"),
        event("a reply of 10,000 characters", replied, json(Map.of("summary", TEN_THOUSAND)), "summary"),
        event("a reply as an object", replied, json(Map.of("summary", Map.of("text", "hi"))), "summary"),
        event("a reply with an unknown field", replied, json(Map.of("summary", "hi", "status", "CLOSED")), "status"),
        event("a CSAT of 6", csat, json(Map.of("score", 6)), "score"),
        event("a CSAT of 0", csat, json(Map.of("score", 0)), "score"),
        event("a CSAT as text", csat, json(Map.of("score", "5")), "score"),
        event("a CSAT of 4.5", csat, json(Map.of("score", 4.5)), "score"),
        event("a CSAT without score", csat, json(Map.of("comment", "great")), "score"),
        event("a CSAT comment with markup", csat, json(Map.of("score", 5, "comment", "<b>great</b>")), "comment"),
        event("a CSAT comment with an ANSI escape", csat, json(Map.of("score", 5, "comment", "\u001b[2J")), "comment"),
        event("a reopening without reason", reopened, "{\"reason\": null}", "reason"),
        event("a reopening as an array", reopened, "[\"again\"]", null),
        new Hostile("a reopening as text/plain", reopened, "{\"reason\":\"again\"}".getBytes(StandardCharsets.UTF_8),
            MediaType.TEXT_PLAIN, null, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null));
  }

  private static Hostile opening(String name, Consumer<Map<String, Object>> change, ProcessVariable<?> field) {
    return opening(name, change, field, field.name());
  }

  private static Hostile opening(String name, Consumer<Map<String, Object>> change, ProcessVariable<?> unused,
      String field) {
    Map<String, Object> request = new LinkedHashMap<>(validRequest());
    change.accept(request);
    return raw(name, json(request), field);
  }

  private static Hostile raw(String name, String body, String field) {
    return new Hostile(name, "", body.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON, null,
        HttpStatus.BAD_REQUEST, field);
  }

  private static Hostile event(String name, String event, String body, String field) {
    return new Hostile(name, event, body.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON, null,
        HttpStatus.BAD_REQUEST, field);
  }

  private static byte[] withBytes(String json, byte[] bad) {
    byte[] text = json.replace("Globex Corporation", "Globex #").getBytes(StandardCharsets.UTF_8);
    int at = new String(text, StandardCharsets.UTF_8).indexOf('#');
    byte[] result = new byte[text.length - 1 + bad.length];
    System.arraycopy(text, 0, result, 0, at);
    System.arraycopy(bad, 0, result, at, bad.length);
    System.arraycopy(text, at + 1, result, at + bad.length, text.length - at - 1);
    return result;
  }
}
