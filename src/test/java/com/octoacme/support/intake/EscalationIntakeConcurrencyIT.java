package com.octoacme.support.intake;

import static com.octoacme.support.intake.IntakeApi.json;
import static com.octoacme.support.intake.IntakeApi.ticketOf;
import static com.octoacme.support.intake.IntakeApi.validRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.SupportEscalationApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.Ordered;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Concurrent duplicates on a real PostgreSQL 17 (embedded, booted as SupportEscalationPostgresIT does):
 * the intake row's unique index makes every duplicate wait for the first request's transaction and then
 * answer with its escalation, so exactly one process instance is started.
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = EscalationIntakeConcurrencyIT.StopDatabaseAfterApplication.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class EscalationIntakeConcurrencyIT {

  static final String TICKETING_API_KEY = "it-ticketing-" + Long.toHexString(System.nanoTime());

  private static final int REQUESTS = 50;

  private static EmbeddedPostgres postgres;
  private static final String ADMIN_PASSWORD = "it-admin-" + Long.toHexString(System.nanoTime());

  @Autowired TestRestTemplate rest;

  @DynamicPropertySource
  static void postgresDatabase(DynamicPropertyRegistry registry) {
    registry.add("DB_URL", () -> postgres().getJdbcUrl("postgres", "postgres"));
    registry.add("DB_USERNAME", () -> "postgres");
    registry.add("DB_PASSWORD", () -> "postgres");
    registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
    registry.add("security.ticketing-api-key", () -> TICKETING_API_KEY);
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return postgres;
  }

  /** Stops the database after Spring has closed the application (see SupportEscalationPostgresIT). */
  static class StopDatabaseAfterApplication implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) throws IOException {
      synchronized (EscalationIntakeConcurrencyIT.class) {
        if (postgres != null) {
          postgres.close();
          postgres = null;
        }
      }
    }
  }

  record Answer(int status, JsonNode body) {}

  @Test
  void fiftyConcurrentDuplicatesOfOneTicketStartExactlyOneEscalation() throws Exception {
    Map<String, Object> request = validRequest("CONFIRMED_BUG", "PRO", "MEDIUM", 40);
    String ticketId = ticketOf(request);
    String body = json(request);

    List<Answer> answers = concurrently(i -> post(body, null));

    assertThat(answers).extracting(Answer::status).as("every answer").allMatch(s -> s == 201 || s == 200);
    assertThat(answers).filteredOn(a -> a.status() == 201).as("opened").hasSize(1);
    String processInstanceId = answers.get(0).body().get("processInstanceId").asText();
    assertThat(answers).extracting(a -> a.body().get("processInstanceId").asText()).containsOnly(processInstanceId);
    assertThat(answers).extracting(a -> a.body().get("ticketId").asText()).containsOnly(ticketId);
    assertThat(count("select count(*) from act_hi_procinst where business_key_ = ?", ticketId)).isOne();
    assertThat(count("select count(*) from act_ru_execution where business_key_ = ? and parent_id_ is null", ticketId))
        .isOne();
    assertThat(count("select count(*) from escalation_intake where ticket_id = ?", ticketId)).isOne();
    assertThat(count("select count(*) from escalation_event where ticket_id = ? and event_type = 'OPENED'", ticketId))
        .isOne();
  }

  @Test
  void fiftyConcurrentRequestsWithOneIdempotencyKeyForDifferentTicketsOpenOne() throws Exception {
    String key = UUID.randomUUID().toString();
    List<Map<String, Object>> requests = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(validRequest());
    }

    List<Answer> answers = concurrently(i -> post(json(requests.get(i)), key));

    assertThat(answers).filteredOn(a -> a.status() == 201).as("opened").hasSize(1);
    assertThat(answers).filteredOn(a -> a.status() == 422).as("refused: the key is taken").hasSize(REQUESTS - 1);
    assertThat(answers).filteredOn(a -> a.status() == 422)
        .allSatisfy(a -> assertThat(a.body().get("field").asText()).isEqualTo("Idempotency-Key"));
    assertThat(count("select count(*) from escalation_intake where idempotency_key = ?", key)).isOne();
    List<String> tickets = requests.stream().map(IntakeApi::ticketOf).toList();
    assertThat(database().queryForObject("select count(*) from act_hi_procinst where business_key_ in ("
        + String.join(",", tickets.stream().map(t -> "?").toList()) + ")", Long.class, tickets.toArray()))
        .isOne();
  }

  @Test
  void theSameTicketThroughTheApiAndTasklistAtOnce_oneEscalation_oneIntakeRecord() throws Exception {
    Map<String, Object> request = validRequest("CONFIRMED_BUG", "PRO", "MEDIUM", 40);
    String ticketId = ticketOf(request);
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    request.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    String startForm = json(Map.of("variables", variables));

    // every other request is Tasklist's start form through the engine REST API (the admin: no demo users here)
    List<Answer> answers = concurrently(i -> i % 2 == 0 ? post(json(request), null) : submitStartForm(startForm));

    List<Answer> api = new ArrayList<>();
    List<Answer> tasklist = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      (i % 2 == 0 ? api : tasklist).add(answers.get(i));
    }
    // the API finds the escalation whichever door opened it; Tasklist is refused a taken ticket, naming the field
    assertThat(api).extracting(Answer::status).as("API answers").allMatch(s -> s == 201 || s == 200);
    assertThat(tasklist).extracting(Answer::status).as("Tasklist answers").allMatch(s -> s == 200 || s == 400);
    assertThat(tasklist).filteredOn(a -> a.status() == 400)
        .allSatisfy(a -> assertThat(a.body().get("field").asText()).isEqualTo("ticketId"));
    assertThat(answers).filteredOn(a -> a.status() == 201 || (a.status() == 200 && a.body().has("definitionId")))
        .as("opened").hasSize(1);
    assertThat(count("select count(*) from act_hi_procinst where business_key_ = ?", ticketId)).isOne();
    assertThat(count("select count(*) from escalation_intake where ticket_id = ?", ticketId)).isOne();
    assertThat(count("select count(*) from escalation_event where ticket_id = ? and event_type = 'OPENED'", ticketId))
        .isOne();
  }

  private Answer submitStartForm(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    ResponseEntity<String> response = rest.withBasicAuth("admin", ADMIN_PASSWORD).exchange(
        "/engine-rest/process-definition/key/support-escalation/submit-form", HttpMethod.POST,
        new HttpEntity<>(body, headers), String.class);
    try {
      return new Answer(response.getStatusCode().value(), IntakeApi.JSON.readTree(response.getBody()));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.getBody(), e);
    }
  }

  /** Sends REQUESTS requests at once: a fixed pool whose threads all wait at one start gate. */
  private List<Answer> concurrently(Function<Integer, Answer> send) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
    CountDownLatch ready = new CountDownLatch(REQUESTS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int index = i;
        Callable<Answer> call = () -> {
          ready.countDown();
          start.await();
          return send.apply(index);
        };
        futures.add(pool.submit(call));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get(120, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private Answer post(String body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    // the ticketing system's webhook, as in production: authenticated by its API key
    headers.set("X-API-Key", TICKETING_API_KEY);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    ResponseEntity<String> response = rest.exchange("/api/escalations", HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class);
    try {
      return new Answer(response.getStatusCode().value(), IntakeApi.JSON.readTree(response.getBody()));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.getBody(), e);
    }
  }

  private static long count(String sql, Object... args) {
    return database().queryForObject(sql, Long.class, args);
  }

  private static JdbcTemplate database() {
    return new JdbcTemplate(postgres().getPostgresDatabase());
  }
}
