package com.octoacme.support.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.SupportEscalationApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.Ordered;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Health probes and fail-fast in the production profile on a real PostgreSQL 17 that is stopped and
 * started again: liveness and readiness open (details only with credentials); while the database is
 * down, API calls fail within 5 s with a 503 in the API's error shape (with the API key and with HTTP
 * Basic), readiness is DOWN and liveness stays UP; when it is back the node recovers by itself.
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT,
    properties = "security.ticketing-api-key=" + DatabaseOutageIT.API_KEY)
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = DatabaseOutageIT.StopDatabaseAfterApplication.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class DatabaseOutageIT {

  static final String API_KEY = "outage-it-key";
  private static final String ADMIN_PASSWORD = "it-admin-" + Long.toHexString(System.nanoTime());
  private static final Duration FAIL_FAST = Duration.ofSeconds(5);

  private static Path dataDirectory;
  private static int port;
  private static EmbeddedPostgres postgres;

  private final ObjectMapper json = new ObjectMapper();

  @Autowired TestRestTemplate http;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    startDatabase();
    registry.add("DB_URL", () -> "jdbc:postgresql://localhost:" + port + "/postgres");
    registry.add("DB_USERNAME", () -> "postgres");
    registry.add("DB_PASSWORD", () -> "postgres");
    registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
  }

  @Test
  @Timeout(180)
  void probesAnswer_aDatabaseOutageIsA503WithinFiveSeconds_andTheNodeRecoversByItself() throws Exception {
    // Up: both probes open, no details for anonymous callers; the admin sees the database and the job executor.
    assertThat(status(get("/actuator/health/liveness", null))).isEqualTo("UP");
    ResponseEntity<String> readiness = get("/actuator/health/readiness", null);
    assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(parse(readiness).get("status").asText()).isEqualTo("UP");
    assertThat(parse(readiness).has("components")).as("no details without credentials").isFalse();
    JsonNode detailed = parse(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/health/readiness", String.class));
    assertThat(detailed.get("components").fieldNames()).toIterable().contains("db", "jobExecutor", "readinessState");
    assertThat(detailed.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
    assertThat(get("/actuator/env", null).getStatusCode()).as("nothing else of Actuator").isIn(HttpStatus.UNAUTHORIZED,
        HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(get("/api/escalations/TICKET-404", apiKey()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    stopDatabase();
    try {
      assertFailsFastWith503(() -> get("/api/escalations/TICKET-404", apiKey()), "TICKET-404");
      // HTTP Basic whose check is remembered (the admin's, above: security.credential-cache-ttl): the read fails
      assertFailsFastWith503(() -> http.withBasicAuth("admin", ADMIN_PASSWORD)
          .exchange("/api/escalations/TICKET-405", HttpMethod.GET, new HttpEntity<>(jsonHeaders()), String.class),
          "TICKET-405");
      // a credential not checked before: the password check itself needs the database
      assertFailsFastWith503(() -> http.withBasicAuth("admin", "not-" + ADMIN_PASSWORD)
          .exchange("/api/escalations/TICKET-406", HttpMethod.GET, new HttpEntity<>(jsonHeaders()), String.class), null);
      long started = System.nanoTime();
      ResponseEntity<String> down = get("/actuator/health/readiness", null);
      System.out.printf("readiness with the database down: %s after %d ms%n", down.getStatusCode(),
          (System.nanoTime() - started) / 1_000_000);
      assertThat(down.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(status(get("/actuator/health/liveness", null))).as("alive: do not restart it").isEqualTo("UP");
    } finally {
      startDatabase();
    }

    // Back: the pool reconnects by itself, no restart of the node.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long back = System.nanoTime();
    while (get("/actuator/health/readiness", null).getStatusCode() != HttpStatus.OK) {
      assertThat(System.nanoTime()).as("ready again within 60 s").isLessThan(deadline);
      Thread.sleep(250);
    }
    System.out.printf("ready again %d ms after the database was back%n", (System.nanoTime() - back) / 1_000_000);
    assertThat(get("/api/escalations/TICKET-404", apiKey()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/escalations/TICKET-405", HttpMethod.GET,
        new HttpEntity<>(jsonHeaders()), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void assertFailsFastWith503(Supplier<ResponseEntity<String>> call, String ticketId) throws IOException {
    long started = System.nanoTime();
    ResponseEntity<String> response = call.get();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("with the database down: %s after %d ms%n", response.getStatusCode(), took.toMillis());
    assertThat(took).as("fails fast").isLessThan(FAIL_FAST);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    JsonNode error = parse(response);
    assertThat(error.get("status").asInt()).isEqualTo(503);
    assertThat(error.get("error").asText()).isEqualTo("Service Unavailable");
    assertThat(error.get("message").asText()).contains("database is unavailable");
    assertThat(error.get("ticketId").isNull() ? null : error.get("ticketId").asText()).isEqualTo(ticketId);
  }

  private ResponseEntity<String> get(String path, HttpHeaders headers) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers == null ? jsonHeaders() : headers), String.class);
  }

  private static HttpHeaders apiKey() {
    HttpHeaders headers = jsonHeaders();
    headers.set("X-API-Key", API_KEY);
    return headers;
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
    return headers;
  }

  private String status(ResponseEntity<String> response) throws IOException {
    return parse(response).get("status").asText();
  }

  private JsonNode parse(ResponseEntity<String> response) {
    try {
      return json.readTree(response.getBody());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }

  // --- the database, stopped and started on the same data directory and port ---------------------

  private static synchronized void startDatabase() {
    if (postgres != null) {
      return;
    }
    try {
      if (dataDirectory == null) {
        dataDirectory = Files.createTempDirectory("outage-it-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
      }
      postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  private static synchronized void stopDatabase() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  /** Stops the database after Spring has closed the application (see SupportEscalationPostgresIT). */
  static class StopDatabaseAfterApplication implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) throws IOException {
      stopDatabase();
      if (dataDirectory != null) {
        org.springframework.util.FileSystemUtils.deleteRecursively(dataDirectory);
      }
    }
  }
}
