package com.octoacme.support.metrics.benchmark;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.octoacme.support.SupportEscalationApplication;
import com.octoacme.support.metrics.MetricsQueries;
import com.octoacme.support.metrics.MetricsRollup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Escalation metrics benchmark (a harness, not a pass/fail test; see BENCHMARKS.md). The whole application in
 * its production profile on an embedded PostgreSQL 17; {@link FactLoader} writes 100,000 escalations' facts
 * (about a million rows) straight into escalation_fact with COPY, then VACUUM ANALYZE. Several concurrent HTTP
 * clients (HTTP Basic as a support lead, through Spring Security as in production) call every /api/metrics
 * figure for a one-year and a 30-day range; latency per figure and range: p50, p95, max. Then EXPLAIN ANALYZE of
 * the slowest figure's SQL, as MetricsQueries runs it.
 *
 * <p>Run: {@code mvn -B -Pbenchmark verify -Dtest=MetricsFiguresBenchmark} (options: -Dbench.escalations,
 * -Dbench.clients, -Dbench.requests). Figures go to stdout and target/benchmark/metrics-*.txt.
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT)
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MetricsFiguresBenchmark {

  private static final int ESCALATIONS = Integer.getInteger("bench.escalations", 100_000);
  private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
  /** Measured requests per figure and range (after as many warm-up requests again, a quarter). */
  private static final int REQUESTS = Integer.getInteger("bench.requests", 100);
  private static final Duration SPAN = Duration.ofDays(730);
  /** The duration figures with a dimension filter: read from the facts (V12's indexes), not the roll-ups. */
  private static final List<String> FILTERED = List.of("first-response?accountTier=ENTERPRISE",
      "resolution?category=BUG", "first-response?issueType=CONFIRMED_BUG");
  private static final List<String> FIGURES = java.util.stream.Stream.concat(java.util.stream.Stream.of("first-response",
      "volume-by-category", "volume-by-level", "csat", "re-escalation", "resolution", "sla-compliance", "open"),
      FILTERED.stream()).toList();
  private static final String PASSWORD = "bench-" + Long.toHexString(System.nanoTime());

  private static EmbeddedPostgres postgres;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired NamedParameterJdbcTemplate applicationJdbc;
  @Autowired MetricsRollup rollup;
  @Autowired MetricsQueries metricsQueries;
  @Autowired com.octoacme.support.security.CamundaIdentityAuthenticationProvider identities;

  private final StringBuilder report = new StringBuilder();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("DB_URL", () -> postgres().getJdbcUrl("postgres", "postgres"));
    registry.add("DB_USERNAME", () -> "postgres");
    registry.add("DB_PASSWORD", () -> "postgres");
    registry.add("ADMIN_PASSWORD", () -> PASSWORD);
    // the demo users (lee.lead, a support lead) are the benchmark's clients
    registry.add("escalation.demo-users.enabled", () -> "true");
    registry.add("escalation.demo-users.password", () -> PASSWORD);
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        // stopped after the application (which Spring closes after the test class), at JVM exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException e) {
            // the JVM is ending anyway
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  @Test
  void figuresUnderConcurrentClients() throws Exception {
    line("Escalation metrics benchmark, " + Instant.now() + "; " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + System.getProperty("java.version") + ", PostgreSQL "
        + new JdbcTemplate(dataSource).queryForObject("show server_version", String.class) + " (embedded)");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    load(jdbc);

    ZoneId zone = ZoneId.of("Europe/Berlin");
    LocalDate today = LocalDate.now(zone);
    Map<String, String> ranges = new LinkedHashMap<>();
    ranges.put("one year", "from=" + today.minusDays(364) + "&to=" + today);
    ranges.put("30 days", "from=" + today.minusDays(29) + "&to=" + today);
    for (var range : ranges.entrySet()) {
      line(String.format("  %-8s: %,d escalations opened, %,d facts", range.getKey(),
          jdbc.queryForObject("select count(*) from escalation_fact where fact_type = 'ESCALATED' and escalated_at >= ?::date",
              Long.class, range.getValue().substring(5, 15)),
          jdbc.queryForObject("select count(*) from escalation_fact where escalated_at >= ?::date", Long.class,
              range.getValue().substring(5, 15))));
    }

    for (String range : ranges.values()) {
      crossCheck(jdbc, range);
    }
    floor(ranges);
    Map<String, List<Long>> single = measure(ranges, 1, Math.max(8, REQUESTS / 4));
    // A dashboard asks for its figures over one range: the clients of each range's phase ask for that range only.
    // Then all figures of both ranges at once (a harsher mix: one-year reads beside the 30-day ones).
    Map<String, List<Long>> latencies = new LinkedHashMap<>();
    for (var range : ranges.entrySet()) {
      latencies.putAll(measure(Map.of(range.getKey(), range.getValue()), CLIENTS, REQUESTS));
    }
    Map<String, List<Long>> mixed = measure(ranges, CLIENTS, REQUESTS);
    line("");
    line(String.format("%-40s %-9s %8s %8s %8s %5s   %-16s %s", "figure", "range", "p50 ms", "p95 ms", "max ms", "n",
        "mixed p50 / p95", "1 client: p50 / p95 ms"));
    String slowest = null;
    double slowestP95 = -1;
    for (String figure : FIGURES) {
      for (String range : ranges.keySet()) {
        List<Long> nanos = new ArrayList<>(latencies.get(figure + "|" + range));
        Collections.sort(nanos);
        double p95 = ms(rank(nanos, 0.95));
        List<Long> alone = new ArrayList<>(single.get(figure + "|" + range));
        Collections.sort(alone);
        List<Long> both = new ArrayList<>(mixed.get(figure + "|" + range));
        Collections.sort(both);
        line(String.format("%-40s %-9s %8.1f %8.1f %8.1f %5d   %-16s %.1f / %.1f", figure, range, ms(rank(nanos, 0.50)),
            p95, ms(nanos.get(nanos.size() - 1)), nanos.size(),
            String.format("%.1f / %.1f", ms(rank(both, 0.50)), ms(rank(both, 0.95))), ms(rank(alone, 0.50)),
            ms(rank(alone, 0.95))));
        if (range.equals("one year") && p95 > slowestP95) {
          slowestP95 = p95;
          slowest = figure;
        }
      }
    }
    line("");
    line("Slowest figure (one-year p95): " + slowest);
    for (var range : ranges.entrySet()) {
      explain(slowest, range.getKey(), range.getValue());
    }
    Path out = Path.of("target", "benchmark", "metrics-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC).format(Instant.now()) + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("Written to " + out);
  }

  private void load(JdbcTemplate jdbc) throws Exception {
    // Load without the indexes, then build them (faster than maintaining them row by row), as a restore would.
    List<String> indexes = jdbc.queryForList("select indexdef from pg_indexes where tablename = 'escalation_fact'"
        + " and indexname like 'idx_%'", String.class);
    jdbc.queryForList("select indexname from pg_indexes where tablename = 'escalation_fact' and indexname like 'idx_%'",
        String.class).forEach(name -> jdbc.execute("drop index " + name));
    FactLoader.Loaded loaded;
    try (Connection connection = dataSource.getConnection()) {
      loaded = new FactLoader().load(connection, ESCALATIONS, Instant.now(), SPAN);
    }
    long indexing = System.nanoTime();
    indexes.forEach(jdbc::execute);
    jdbc.execute("vacuum analyze escalation_fact");
    jdbc.execute("vacuum analyze escalation_open");
    // the facts came in by COPY, past the recorder: the roll-ups are rebuilt from them, as after a restore
    MetricsRollup.Rebuilt rebuilt = rollup.rebuild();
    jdbc.execute("vacuum analyze escalation_rollup");
    jdbc.execute("vacuum analyze escalation_duration_rollup");
    line(String.format("Roll-ups rebuilt from %,d facts in %.1f s: %,d count rows (%s), %,d duration rows (%s)",
        rebuilt.facts(), rebuilt.millis() / 1000.0, rebuilt.countRows(),
        jdbc.queryForObject("select pg_size_pretty(pg_total_relation_size('escalation_rollup'))", String.class),
        rebuilt.durationRows(),
        jdbc.queryForObject("select pg_size_pretty(pg_total_relation_size('escalation_duration_rollup'))", String.class)));
    line(String.format("Loaded %,d escalations, %,d facts (COPY) in %.1f s; indexes and VACUUM ANALYZE %.1f s; "
            + "table %s, indexes %s", loaded.escalations(), loaded.facts(), loaded.took().toMillis() / 1000.0,
        (System.nanoTime() - indexing) / 1e9,
        jdbc.queryForObject("select pg_size_pretty(pg_table_size('escalation_fact'))", String.class),
        jdbc.queryForObject("select pg_size_pretty(pg_indexes_size('escalation_fact'))", String.class)));
  }

  private Map<String, List<Long>> measure(Map<String, String> ranges, int clientCount, int requests) throws Exception {
    // HTTP/1.1 with keep-alive, as the dashboard's browser asks (no h2c upgrade offered on plain http)
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
    String auth = "Basic " + Base64.getEncoder().encodeToString(("lee.lead:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    record Call(String figure, String range, URI uri, boolean measured) {}
    List<Call> calls = new ArrayList<>();
    for (String figure : FIGURES) {
      for (var range : ranges.entrySet()) {
        URI uri = URI.create("http://localhost:" + port + "/api/metrics/" + figure
            + (figure.contains("?") ? "&" : "?") + range.getValue());
        for (int i = 0; i < requests + requests / 4; i++) {
          calls.add(new Call(figure, range.getKey(), uri, i >= requests / 4));
        }
      }
    }
    // warm-up calls first (each figure and range in turn), then the measured ones in random order
    List<Call> warmUp = new ArrayList<>(calls.stream().filter(c -> !c.measured()).toList());
    List<Call> measured = new ArrayList<>(calls.stream().filter(Call::measured).toList());
    Collections.shuffle(measured, new Random(7));
    Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    long started = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(clientCount);
    try {
      for (List<Call> phase : List.of(warmUp, measured)) {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
          int client = c;
          done.add(clients.submit(() -> {
            for (int i = client; i < phase.size(); i += clientCount) {
              Call call = phase.get(i);
              HttpRequest request = HttpRequest.newBuilder(call.uri()).header("Authorization", auth)
                  .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
              long t = System.nanoTime();
              try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - t;
                if (response.statusCode() != 200) {
                  failures.add(call.figure() + " " + response.statusCode() + " " + response.body());
                } else if (call.measured()) {
                  latencies.computeIfAbsent(call.figure() + "|" + call.range(), k -> new CopyOnWriteArrayList<>()).add(took);
                }
              } catch (Exception e) {
                failures.add(call.figure() + " " + e);
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      }
    } finally {
      clients.shutdown();
    }
    line(String.format("%d concurrent clients, %,d requests (%,d measured) in %.1f s; failures: %d %s", clientCount,
        calls.size(), measured.size(), (System.nanoTime() - started) / 1e9, failures.size(),
        failures.isEmpty() ? "" : failures.subList(0, Math.min(3, failures.size()))));
    return latencies;
  }

  /**
   * The roll-up path against the facts: the duration figures against percentile_cont over the facts (every
   * level and value), the first response's L2 p90 also against plain SQL, so the timed answers are the right ones.
   */
  private void crossCheck(JdbcTemplate jdbc, String range) {
    var filter = com.octoacme.support.metrics.BenchmarkAccess.filter(range);
    MetricsQueries queries = new MetricsQueries(applicationJdbc);
    for (boolean firstResponse : new boolean[] {true, false}) {
      var fromRollup = firstResponse ? queries.firstResponse(filter) : queries.resolution(filter);
      var fromFacts = com.octoacme.support.metrics.BenchmarkAccess.durationsFromFacts(queries, firstResponse, filter);
      if (!fromRollup.equals(fromFacts)) {
        line("CROSS-CHECK FAILED: roll-up path " + fromRollup + " differs from the facts' " + fromFacts);
      }
    }
    var row = queries.firstResponse(filter).stream().filter(r -> r.level().equals("L2")).findFirst().orElseThrow();
    Double p90 = jdbc.queryForObject("select percentile_cont(0.9) within group (order by wall_seconds) / 60 from"
        + " escalation_fact where fact_type = 'FIRST_RESPONSE' and level = 'L2' and escalated_at >= ? and escalated_at < ?",
        Double.class, java.sql.Timestamp.from(filter.fromInstant()), java.sql.Timestamp.from(filter.toInstant()));
    line(String.format("Cross-check %s: first response and resolution, every level, roll-up path = percentile_cont over"
        + " the facts; first response L2 p90 wall minutes: API %.2f, plain SQL %.2f (%d responses)", range,
        row.p90WallMinutes(), p90, row.count()));
  }

  /**
   * Where a request's time goes, one caller alone: HTTP without authentication (liveness), the HTTP Basic check
   * against Camunda's identity service in-process, each figure's queries in-process (30 days), and an
   * authenticated request whose figure is empty.
   */
  private void floor(Map<String, String> ranges) throws Exception {
    String range = ranges.get("30 days");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String auth = "Basic " + Base64.getEncoder().encodeToString(("lee.lead:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    List<String> parts = new ArrayList<>();
    parts.add(timed("HTTP, no credentials (/actuator/health/liveness)", () -> http.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.ofString())));
    HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    parts.add(timed("the same, client on HTTP/1.1 (no h2c upgrade offer)", () -> http11.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.ofString())));
    parts.add(timed("HTTP/1.1 + Basic + an empty figure", () -> http11.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/metrics/volume-by-level?from=2000-01-01&to=2000-01-01"))
        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString())));
    parts.add(timed("HTTP Basic check in-process (password + groups)", () -> identities.authenticate(
        org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated("lee.lead", PASSWORD))));
    var filter = com.octoacme.support.metrics.BenchmarkAccess.filter(range);
    parts.add(timed("first-response queries in-process", () -> metricsQueries.firstResponse(filter)));
    parts.add(timed("first-response in-process from the facts (percentile_cont)", () ->
        com.octoacme.support.metrics.BenchmarkAccess.durationsFromFacts(metricsQueries, true, filter)));
    var year = com.octoacme.support.metrics.BenchmarkAccess.filter(ranges.get("one year"));
    parts.add(timed("first-response queries in-process, one year", () -> metricsQueries.firstResponse(year)));
    parts.add(timed("first-response in-process from the facts, one year", () ->
        com.octoacme.support.metrics.BenchmarkAccess.durationsFromFacts(metricsQueries, true, year)));
    parts.add(timed("volume-by-level query in-process", () -> metricsQueries.volumeByLevel(filter)));
    parts.add(timed("open query in-process", () -> metricsQueries.open(filter)));
    parts.add(timed("HTTP + Basic + an empty figure (volume-by-level, 1 day in 2000)", () -> http.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/metrics/volume-by-level?from=2000-01-01&to=2000-01-01"))
        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString())));
    line("");
    line("One caller alone, 200 calls each after 50 warm-up, p50 / p95 ms:");
    parts.forEach(this::line);
  }

  private String timed(String what, java.util.concurrent.Callable<?> call) throws Exception {
    for (int i = 0; i < 50; i++) {
      call.call();
    }
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long t = System.nanoTime();
      call.call();
      nanos.add(System.nanoTime() - t);
    }
    Collections.sort(nanos);
    return String.format("  %-70s %6.2f / %6.2f", what, ms(rank(nanos, 0.5)), ms(rank(nanos, 0.95)));
  }

  /** Runs the figure through MetricsQueries on a JDBC template that also EXPLAINs each statement it runs. */
  private void explain(String figure, String rangeName, String range) {
    List<String> plans = new ArrayList<>();
    NamedParameterJdbcTemplate explaining = new NamedParameterJdbcTemplate(applicationJdbc.getJdbcTemplate()) {
      @Override
      protected PreparedStatementCreator getPreparedStatementCreator(String sql, SqlParameterSource params) {
        if (!sql.startsWith("explain")) {
          plans.add(String.join("\n", query("explain (analyze, buffers) " + sql, params, (rs, i) -> rs.getString(1))));
        }
        return super.getPreparedStatementCreator(sql, params);
      }
    };
    MetricsQueries queries = new MetricsQueries(explaining);
    String[] figureAndFilter = figure.split("\\?", 2);
    var filter = com.octoacme.support.metrics.BenchmarkAccess.filter(
        figureAndFilter.length > 1 ? range + "&" + figureAndFilter[1] : range);
    switch (figureAndFilter[0]) {
      case "first-response" -> queries.firstResponse(filter);
      case "resolution" -> queries.resolution(filter);
      case "volume-by-category" -> queries.volumeByCategory(filter);
      case "volume-by-level" -> queries.volumeByLevel(filter);
      case "csat" -> queries.csat(filter);
      case "re-escalation" -> queries.reEscalation(filter);
      case "sla-compliance" -> queries.slaCompliance(filter);
      default -> queries.open(filter);
    }
    line("");
    line("EXPLAIN (ANALYZE, BUFFERS) " + figure + ", " + rangeName + ":");
    plans.forEach(plan -> line(plan.indent(2)));
  }

  private static long rank(List<Long> sorted, double percentile) {
    return sorted.get(Math.max(0, (int) Math.ceil(percentile * sorted.size()) - 1));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }
}
