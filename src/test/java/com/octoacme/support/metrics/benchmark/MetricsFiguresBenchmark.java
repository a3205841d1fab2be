package com.octoacme.support.metrics.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.metrics.MetricsFigures;
import com.octoacme.support.metrics.MetricsQueries;
import com.octoacme.support.sla.benchmark.AppProcess;
import com.octoacme.support.sla.benchmark.BenchmarkDatabase;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Escalation metrics benchmark (a harness, not a pass/fail test; see BENCHMARKS.md). The application as operators
 * run it ({@link AppProcess}: the built jar in a JVM of its own, in the image's layout and with the image's JVM
 * options) in its production profile on an embedded PostgreSQL 17; {@link FactLoader} writes 100,000 escalations'
 * facts (about a million rows) straight into escalation_fact with COPY, then VACUUM ANALYZE, and the roll-ups are
 * rebuilt through the operators' endpoint. Several concurrent HTTP clients in this JVM (HTTP Basic as a support
 * lead, through Spring Security as in production) call every /api/metrics figure for a one-year and a 30-day
 * range; latency per figure and range: p50, p95, max. Then EXPLAIN ANALYZE of the slowest figure's SQL, as
 * MetricsQueries runs it (here over the harness's own connection).
 *
 * <p>Run: {@code mvn -B -DskipTests package && mvn -B -Pbenchmark test -Dtest=MetricsFiguresBenchmark} (options:
 * -Dbench.escalations, -Dbench.clients, -Dbench.requests, -Dbench.jvm, -Dbench.layout=jar). Figures go to stdout
 * and target/benchmark/metrics-*.txt.
 */
class MetricsFiguresBenchmark {

  private static final int ESCALATIONS = Integer.getInteger("bench.escalations", 100_000);
  private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
  /** Measured requests per figure and range (after as many warm-up requests again, a quarter). */
  private static final int REQUESTS = Integer.getInteger("bench.requests", 100);
  /** The application's JVM options: the image's (the Dockerfile's JAVA_TOOL_OPTIONS) unless set. */
  private static final String JVM = System.getProperty("bench.jvm", "");
  /** "image": extracted jar and class data sharing archive, as the Dockerfile runs it; "jar": java -jar. */
  private static final String LAYOUT = System.getProperty("bench.layout", "image");
  private static final Duration SPAN = Duration.ofDays(730);
  /** The duration figures with a dimension filter: read from the facts (V12's indexes), not the roll-ups. */
  private static final List<String> FILTERED = List.of("first-response?accountTier=ENTERPRISE",
      "resolution?category=BUG", "first-response?issueType=CONFIRMED_BUG");
  private static final List<String> FIGURES = java.util.stream.Stream.concat(java.util.stream.Stream.of("first-response",
      "volume-by-category", "volume-by-level", "csat", "re-escalation", "resolution", "sla-compliance", "open"),
      FILTERED.stream()).toList();
  /** Calls before each timed part of a request: the JIT compilers of both JVMs settle on the paths first. */
  private static final int WARM_UP = 300;
  private static final String PASSWORD = "bench-" + Long.toHexString(System.nanoTime());

  private final StringBuilder report = new StringBuilder();
  private final ObjectMapper json = new ObjectMapper();
  private DataSource dataSource;
  /** The figures' SQL run in this JVM over the harness's connection: cross-checks, in-process times, plans. */
  private MetricsQueries harnessQueries;
  private AppProcess app;
  private int port;

  @AfterAll
  static void stopDatabase() throws IOException {
    BenchmarkDatabase.stop();
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void figuresUnderConcurrentClients() throws Exception {
    dataSource = BenchmarkDatabase.harnessDataSource();
    harnessQueries = new MetricsQueries(new NamedParameterJdbcTemplate(dataSource));
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    List<String> jvm = JVM.isBlank() ? AppProcess.imageJvmOptions() : List.of(JVM.trim().split("\\s+"));
    List<String> launch = LAYOUT.equals("jar") ? AppProcess.fatJar() : AppProcess.imageLayout(jvm);
    Map<String, String> environment = new LinkedHashMap<>(BenchmarkDatabase.environment());
    if (JVM.isBlank()) {
      environment.putAll(AppProcess.imageEnvironment());
    }
    environment.put("ADMIN_PASSWORD", PASSWORD);
    // the demo users (lee.lead, a support lead) are the benchmark's clients; no job runs (the facts are loaded)
    app = AppProcess.start("metrics-app", jvm, launch, environment, List.of("--spring.profiles.active=postgres",
        "--escalation.demo-users.enabled=true", "--escalation.demo-users.password=" + PASSWORD,
        "--camunda.bpm.job-execution.enabled=false"));
    port = app.port();
    try {
      line("Escalation metrics benchmark, " + Instant.now() + "; " + Runtime.getRuntime().availableProcessors()
          + " cores, Java " + System.getProperty("java.version") + ", PostgreSQL "
          + jdbc.queryForObject("show server_version", String.class) + " (" + BenchmarkDatabase.description() + ")");
      line("application: " + LAYOUT + " layout, JVM options " + jvm + ", ready after " + app.untilReady().toMillis() / 1000.0
          + " s; clients in the harness's JVM");
      figures(jdbc);
      line("resident memory of the application after the run: " + app.resident());
    } finally {
      app.close();
    }
    Path out = Path.of("target", "benchmark", "metrics-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC).format(Instant.now()) + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("Written to " + out);
  }

  private void figures(JdbcTemplate jdbc) throws Exception {
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
    // the facts came in by COPY, past the recorder: the roll-ups are rebuilt from them, as after a restore, through
    // the operators' endpoint
    HttpResponse<String> rebuild = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri(
        "/api/operations/metrics/rollups")).POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", basic("admin"))
        .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (rebuild.statusCode() != 200) {
      throw new IllegalStateException("roll-up rebuild: " + rebuild.statusCode() + " " + rebuild.body());
    }
    JsonNode rebuilt = json.readTree(rebuild.body());
    jdbc.execute("vacuum analyze escalation_rollup");
    jdbc.execute("vacuum analyze escalation_duration_rollup");
    line(String.format("Roll-ups rebuilt from %,d facts in %.1f s: %,d count rows (%s), %,d duration rows (%s)",
        rebuilt.get("facts").asLong(), rebuilt.get("millis").asLong() / 1000.0, rebuilt.get("countRows").asLong(),
        jdbc.queryForObject("select pg_size_pretty(pg_total_relation_size('escalation_rollup'))", String.class),
        rebuilt.get("durationRows").asLong(),
        jdbc.queryForObject("select pg_size_pretty(pg_total_relation_size('escalation_duration_rollup'))", String.class)));
    line(String.format("Loaded %,d escalations, %,d facts (COPY) in %.1f s; indexes and VACUUM ANALYZE %.1f s; "
            + "table %s, indexes %s", loaded.escalations(), loaded.facts(), loaded.took().toMillis() / 1000.0,
        (System.nanoTime() - indexing) / 1e9,
        jdbc.queryForObject("select pg_size_pretty(pg_table_size('escalation_fact'))", String.class),
        jdbc.queryForObject("select pg_size_pretty(pg_indexes_size('escalation_fact'))", String.class)));
  }

  private Map<String, List<Long>> measure(Map<String, String> ranges, int clientCount, int requests) throws Exception {
    String auth = basic("lee.lead");
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
              long t = System.nanoTime();
              try {
                Answer response = send(call.uri(), auth);
                long took = System.nanoTime() - t;
                if (response.status() != 200) {
                  failures.add(call.figure() + " " + response.status() + " " + response.body());
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
   * level and value), the API's answer against both, the first response's L2 p90 also against plain SQL, so the
   * timed answers are the right ones.
   */
  private void crossCheck(JdbcTemplate jdbc, String range) throws Exception {
    var filter = com.octoacme.support.metrics.BenchmarkAccess.filter(range);
    for (String figure : List.of("first-response", "resolution")) {
      boolean firstResponse = figure.equals("first-response");
      var fromRollup = firstResponse ? harnessQueries.firstResponse(filter) : harnessQueries.resolution(filter);
      var fromFacts = com.octoacme.support.metrics.BenchmarkAccess.durationsFromFacts(harnessQueries, firstResponse, filter);
      List<MetricsFigures.DurationRow> fromApi = new ArrayList<>();
      for (JsonNode row : json.readTree(get("/api/metrics/" + figure + "?" + range)).get("rows")) {
        fromApi.add(json.treeToValue(row, MetricsFigures.DurationRow.class));
      }
      if (!fromRollup.equals(fromFacts) || !fromApi.equals(fromRollup)) {
        line("CROSS-CHECK FAILED: " + figure + " API " + fromApi + ", roll-up path " + fromRollup + ", facts " + fromFacts);
      }
    }
    var row = harnessQueries.firstResponse(filter).stream().filter(r -> r.level().equals("L2")).findFirst().orElseThrow();
    Double p90 = jdbc.queryForObject("select percentile_cont(0.9) within group (order by wall_seconds) / 60 from"
        + " escalation_fact where fact_type = 'FIRST_RESPONSE' and level = 'L2' and escalated_at >= ? and escalated_at < ?",
        Double.class, java.sql.Timestamp.from(filter.fromInstant()), java.sql.Timestamp.from(filter.toInstant()));
    line(String.format("Cross-check %s: first response and resolution, every level: API = roll-up path = percentile_cont"
        + " over the facts; first response L2 p90 wall minutes: API %.2f, plain SQL %.2f (%d responses)", range,
        row.p90WallMinutes(), p90, row.count()));
  }

  private String get(String path) throws Exception {
    Answer response = send(app.uri(path), basic("lee.lead"));
    if (response.status() != 200) {
      throw new IllegalStateException(path + ": " + response.status() + " " + response.body());
    }
    return response.body();
  }

  record Answer(int status, String body) {}

  /**
   * One GET as the dashboard's browser sends it: HTTP/1.1 on a kept-alive connection (one per client thread, reused),
   * latency up to the whole body read. HttpURLConnection, the lightest client in the JDK: the clients share the two
   * cores with the application and PostgreSQL, so what they spend is not the application's (java.net.http's client
   * took 3-4 ms of a 1 ms liveness probe here).
   */
  private static Answer send(URI uri, String authorization) throws IOException {
    java.net.HttpURLConnection connection = (java.net.HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(30_000);
    connection.setRequestProperty("Accept", "application/json");
    if (authorization != null) {
      connection.setRequestProperty("Authorization", authorization);
    }
    int status = connection.getResponseCode();
    try (var body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      return new Answer(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Where a request's time goes, one caller alone: HTTP without authentication (liveness), an authenticated
   * request whose figure is empty, and the figures' SQL run from the harness over its own connection (the same
   * statements the application runs, without the request around them).
   */
  private void floor(Map<String, String> ranges) throws Exception {
    String range = ranges.get("30 days");
    String auth = basic("lee.lead");
    List<String> parts = new ArrayList<>();
    parts.add(timed("HTTP, no credentials (/actuator/health/liveness)", () -> send(app.uri("/actuator/health/liveness"), null)));
    parts.add(timed("HTTP + Basic + an empty figure (volume-by-level, 1 day in 2000)", () -> send(app.uri(
        "/api/metrics/volume-by-level?from=2000-01-01&to=2000-01-01"), auth)));
    var filter = com.octoacme.support.metrics.BenchmarkAccess.filter(range);
    parts.add(timed("first-response SQL, 30 days", () -> harnessQueries.firstResponse(filter)));
    parts.add(timed("first-response SQL from the facts (percentile_cont), 30 days", () ->
        com.octoacme.support.metrics.BenchmarkAccess.durationsFromFacts(harnessQueries, true, filter)));
    var year = com.octoacme.support.metrics.BenchmarkAccess.filter(ranges.get("one year"));
    parts.add(timed("first-response SQL, one year", () -> harnessQueries.firstResponse(year)));
    parts.add(timed("first-response SQL from the facts, one year", () ->
        com.octoacme.support.metrics.BenchmarkAccess.durationsFromFacts(harnessQueries, true, year)));
    parts.add(timed("volume-by-level SQL, 30 days", () -> harnessQueries.volumeByLevel(filter)));
    parts.add(timed("open SQL", () -> harnessQueries.open(filter)));
    line("");
    line("One caller alone, 200 calls each after " + WARM_UP + " warm-up, p50 / p95 ms:");
    parts.forEach(this::line);
  }

  private String timed(String what, java.util.concurrent.Callable<?> call) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
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
    NamedParameterJdbcTemplate explaining = new NamedParameterJdbcTemplate(new JdbcTemplate(dataSource)) {
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
