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
public record AppProcess(int port, Process process, Path log, Duration untilReady) implements AutoCloseable {

  private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * The application as the image runs it (Dockerfile): the jar extracted (no nested jars to read classes from) and a
   * class data sharing archive of the classes a start loads, made by one training start that stops once the context
   * is up. Returns the JVM options and jar to start it with.
   */
  public static List<String> imageLayout(List<String> jvmOptions) throws Exception {
    Path root = Path.of("target", "benchmark", "image-layout");
    Path jar = root.resolve(builtJar().getFileName());
    Path archive = root.resolve("application.jsa");
    String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    if (Files.exists(root)) {
      try (var old = Files.walk(root)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(root.getParent());
    run(List.of(javaCommand, "-Djarmode=tools", "-jar", builtJar().toString(), "extract", "--destination", root.toString()),
        root.resolveSibling("image-layout-extract.log"));
    List<String> training = new ArrayList<>(List.of(javaCommand));
    training.addAll(jvmOptions);
    training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
        "--spring.datasource.url=jdbc:h2:mem:training", "--server.port=0", "--notification.embedded-smtp.enabled=false"));
    run(training, root.resolveSibling("image-layout-training.log"));
    return List.of("-XX:SharedArchiveFile=" + archive, "-jar", jar.toString());
  }

  private static void run(List<String> command, Path log) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
    }
  }

  /** Starts the application and waits until its readiness probe answers 200. */
  public static AppProcess start(String name, List<String> jvmOptions, List<String> launch, Map<String, String> environment,
      List<String> arguments) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Path.of("target", "benchmark", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(launch);
    command.add("--server.port=" + port);
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

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public long pid() {
    return process.pid();
  }

  /** What Spring Boot logged as its start-up time ("Started … in N seconds"), in seconds; -1 if not found. */
  public double springStartedSeconds() throws IOException {
    Matcher matcher = STARTED.matcher(Files.readString(log));
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
  }

  /** The process's resident memory (VmRSS of /proc), in MiB. */
  public double residentMiB() throws IOException {
    return statusMiB("VmRSS:");
  }

  /** Resident memory with its parts: anonymous (heap, metaspace, code, stacks) and file-backed (jars, CDS archive). */
  public String resident() throws IOException {
    return String.format("%.0f MiB (anonymous %.0f, files %.0f)", statusMiB("VmRSS:"), statusMiB("RssAnon:"),
        statusMiB("RssFile:"));
  }

  private double statusMiB(String field) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
        .filter(l -> l.startsWith(field)).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
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

  /** The JVM options the image gives the application (the Dockerfile's JAVA_TOOL_OPTIONS). */
  public static List<String> imageJvmOptions() throws IOException {
    Matcher options = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(Files.readString(Path.of("Dockerfile")));
    if (!options.find()) {
      throw new IllegalStateException("the Dockerfile sets no ENV JAVA_TOOL_OPTIONS=\"...\"");
    }
    return List.of(options.group(1).trim().split("\\s+"));
  }

  /** The environment the image gives the JVM besides its options (the Dockerfile's MALLOC_ARENA_MAX). */
  public static Map<String, String> imageEnvironment() throws IOException {
    Matcher arenas = Pattern.compile("(?m)^ENV MALLOC_ARENA_MAX=(\\d+)").matcher(Files.readString(Path.of("Dockerfile")));
    return arenas.find() ? Map.of("MALLOC_ARENA_MAX", arenas.group(1)) : Map.of();
  }

  /** The built jar as {@code java -jar} starts it. */
  public static List<String> fatJar() throws IOException {
    return List.of("-jar", builtJar().toString());
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
