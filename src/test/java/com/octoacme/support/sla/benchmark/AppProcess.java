package com.octoacme.support.sla.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application as operators run it: the jar that {@code mvn package} built, in a JVM of its own (options as
 * given), on the benchmark's database, so its start-up time and resident memory are its own and not the harness's.
 */
final class AppProcess implements AutoCloseable {

  private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final int port;
  final Duration untilReady;
  private final Process process;
  private final Path log;

  private AppProcess(int port, Process process, Path log, Duration untilReady) {
    this.port = port;
    this.process = process;
    this.log = log;
    this.untilReady = untilReady;
  }

  /** Starts the built jar and waits until its readiness probe answers 200. */
  static AppProcess start(String name, List<String> jvmOptions, Map<String, String> environment, List<String> arguments)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Path.of("target", "benchmark", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", builtJar().toString(), "--server.port=" + port));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process = builder.start();
    long deadline = started + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start; see " + log);
      }
      try {
        HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return new AppProcess(port, process, log, Duration.ofNanos(System.nanoTime() - started));
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " not ready within 3 minutes; see " + log);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  /** What Spring Boot logged as its start-up time ("Started … in N seconds"), in seconds; -1 if not found. */
  double springStartedSeconds() throws IOException {
    Matcher matcher = STARTED.matcher(Files.readString(log));
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
  }

  /** The process's resident memory (VmRSS of /proc), in MiB. */
  double residentMiB() throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
        .findFirst().orElseThrow() / 1024.0;
  }

  /** A graceful stop (SIGTERM), as a rolling restart does. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Path builtJar() throws IOException {
    Path target = Path.of("target");
    Path classes = target.resolve("classes");
    try (var files = Files.list(target)) {
      Path jar = files.filter(p -> p.getFileName().toString().matches("support-escalation-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no jar in target/: run mvn -DskipTests package first"));
      try (var built = Files.walk(classes)) {
        long newestClass = built.mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
        if (newestClass > jar.toFile().lastModified()) {
          throw new IllegalStateException(jar + " is older than target/classes: run mvn -DskipTests package first");
        }
      }
      return jar;
    }
  }
}
