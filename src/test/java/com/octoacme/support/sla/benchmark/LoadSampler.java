package com.octoacme.support.sla.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the machine every second: 1-minute load average, busy CPU (all processes, from /proc/stat) and
 * this JVM's CPU, so a report can tell whether other builds shared the cores during a phase. The
 * benchmark's own work is this JVM plus its PostgreSQL processes.
 */
final class LoadSampler implements AutoCloseable {

  /** One sample; CPU figures are cumulative (jiffies for the machine, nanoseconds for this JVM). */
  record Sample(Instant at, double load1, long busyJiffies, long totalJiffies, long jvmCpuNanos) {}

  private static final Path LOADAVG = Path.of("/proc/loadavg");
  private static final Path STAT = Path.of("/proc/stat");
  private static final int CPUS = Runtime.getRuntime().availableProcessors();

  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "bench-load-sampler");
    thread.setDaemon(true);
    return thread;
  });

  LoadSampler() {
    timer.scheduleAtFixedRate(() -> samples.add(sample()), 0, 1, TimeUnit.SECONDS);
  }

  private static Sample sample() {
    long busy = -1;
    long total = -1;
    try {
      String[] cpu = Files.readAllLines(STAT).get(0).trim().split("\\s+"); // cpu user nice system idle iowait ...
      total = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        total += Long.parseLong(cpu[i]);
      }
      busy = total - Long.parseLong(cpu[4]) - Long.parseLong(cpu[5]);
    } catch (IOException | RuntimeException e) {
      // not Linux: no CPU figures
    }
    long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
    return new Sample(Instant.now(), now(), busy, total, jvm);
  }

  /** The current 1-minute load average, or -1 where /proc/loadavg does not exist. */
  static double now() {
    try {
      return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** "load max 2.10, CPU busy 85% (this JVM 60%) of 2 cores" between the two instants. */
  String describe(Instant from, Instant to) {
    List<Sample> in = samples.stream().filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to)).toList();
    if (in.size() < 2) {
      return "no load samples";
    }
    Sample first = in.get(0);
    Sample last = in.get(in.size() - 1);
    double maxLoad = in.stream().mapToDouble(Sample::load1).max().orElse(-1);
    double busy = 100.0 * (last.busyJiffies() - first.busyJiffies()) / Math.max(1, last.totalJiffies() - first.totalJiffies());
    double wallNanos = Math.max(1, java.time.Duration.between(first.at(), last.at()).toNanos()) * (double) CPUS;
    double jvm = 100.0 * (last.jvmCpuNanos() - first.jvmCpuNanos()) / wallNanos;
    return String.format("load average max %.2f; CPU busy %.0f%% of %d cores, of which this JVM %.0f%%", maxLoad, busy,
        CPUS, jvm);
  }

  double maxLoadBetween(Instant from, Instant to) {
    return samples.stream().filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to))
        .mapToDouble(Sample::load1).max().orElse(-1);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
