package com.octoacme.support.metrics.benchmark;

import com.octoacme.support.metrics.MetricsRollup;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The benchmark's loader: synthetic escalations and their facts written straight into escalation_fact with
 * PostgreSQL's COPY (no process instances: the figures read the facts only). Deterministic (seed 42).
 * Each escalation opens at a uniformly random instant of the span before {@code end}: it is escalated at a
 * level (L1 40 %, L2 35 %, L3 20 %, L4 5 %), gets a first response per handler group (two at L3), SLA
 * warnings (60 % per clock), waits for the customer 0-3 times (paused + resumed), is breached (15 %: breach,
 * level change up, first response at the new level), changed by hand (10 %), resolved, reopened (5 %: reopened,
 * level change, first response, resolved again), gets CSAT (60 %, 10 % twice) and is closed; those opened in the
 * last 14 days are 40 % still open, older ones 1 %. About 10 facts per escalation.
 */
final class FactLoader {

  static final String COLUMNS = "fact_key, fact_type, ticket_id, process_instance_id, escalated_at, occurred_at, level, "
      + "from_level, change_kind, upward, sla_kind, handler_group, account_tier, category, issue_type, due_at, "
      + "within_sla, wall_seconds, business_seconds, csat_score, csat_replaces, first_of_type, wall_bucket, business_bucket";
  static final String OPEN_COLUMNS = "process_instance_id, ticket_id, escalated_at, level, breached, account_tier, "
      + "category, issue_type";
  private static final String[] TIERS = {"FREE", "PRO", "ENTERPRISE"};
  private static final String[] CATEGORIES = {"BUG", "FEATURE", "CONFIGURATION", "DOCUMENTATION", "OTHER"};
  private static final String[][] ISSUE_TYPES = {
      {"CONFIRMED_BUG", "DATA_INCONSISTENCY", "KNOWN_ISSUE_WITH_WORKAROUND"}, {"HOW_TO_QUESTION", "CHURN_THREAT"},
      {"BASIC_CONFIGURATION", "INTEGRATION_PROBLEM"}, {"HOW_TO_QUESTION"},
      {"PRODUCTION_OUTAGE", "ACCOUNT_BILLING", "SEVERE_PERFORMANCE_DEGRADATION", "LEGAL_OR_COMPLIANCE"}};
  /** Mean minutes to first response per level (L1..L4), and the response target in minutes. */
  private static final int[] RESPONSE_MEAN = {120, 300, 40, 10};
  private static final int[] RESPONSE_TARGET = {240, 480, 120, 15};
  private static final int[] RESOLUTION_TARGET = {960, 2400, 600, 60};

  private final Random random = new Random(42);
  private final StringBuilder rows = new StringBuilder();
  private final StringBuilder openRows = new StringBuilder();
  /** Per escalation while it is generated. */
  private Integer lastScore;
  private boolean resolvedOnce;
  private int upward;
  private boolean reEscalated;
  private boolean breached;
  private int openingLevel;
  private int rowsInBuffer;
  private long facts;
  private int factNo;

  record Loaded(int escalations, long facts, Duration took) {}

  Loaded load(Connection connection, int escalations, Instant end, Duration span) throws SQLException, IOException {
    long started = System.nanoTime();
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    Instant start = end.minus(span);
    for (int n = 0; n < escalations; n++) {
      Instant opened = start.plusSeconds((long) (random.nextDouble() * span.toSeconds()));
      escalation(n, opened, end);
      if (rowsInBuffer >= 50_000) {
        flush(copy);
      }
    }
    flush(copy);
    return new Loaded(escalations, facts, Duration.ofNanos(System.nanoTime() - started));
  }

  private void escalation(int n, Instant opened, Instant end) {
    String ticket = "BENCH-" + n;
    String pid = "bench-pi-" + n;
    int category = random.nextInt(CATEGORIES.length);
    String[] types = ISSUE_TYPES[category];
    Dims d = new Dims(ticket, pid, opened, TIERS[random.nextInt(TIERS.length)], CATEGORIES[category],
        types[random.nextInt(types.length)]);
    factNo = 0;
    lastScore = null;
    resolvedOnce = false;
    upward = 0;
    reEscalated = false;
    breached = false;
    double p = random.nextDouble();
    int level = p < 0.40 ? 1 : p < 0.75 ? 2 : p < 0.95 ? 3 : 4;
    openingLevel = level;
    Instant t = opened.plus(minutes(5 + random.nextInt(55)));
    fact(d, "ESCALATED", t, level, null, "DECIDED", false, null, null, null, null, null, null, null);
    Instant levelEntered = t.plus(minutes(level > 1 ? 10 : 0));
    boolean open = opened.isAfter(end.minus(Duration.ofDays(14))) ? random.nextDouble() < 0.4 : random.nextDouble() < 0.01;
    t = respond(d, level, levelEntered);
    for (String clock : new String[] {"RESPONSE", "RESOLUTION"}) {
      if (random.nextDouble() < 0.6) {
        fact(d, "WARNING", t.minus(minutes(1)), level, null, null, null, clock, null, t, null, null, null, null);
      }
    }
    int pauses = random.nextDouble() < 0.6 ? 1 + (random.nextDouble() < 0.5 ? 1 + (random.nextDouble() < 0.5 ? 1 : 0) : 0) : 0;
    for (int i = 0; i < pauses; i++) {
      t = t.plus(minutes(30 + random.nextInt(600)));
      fact(d, "PAUSED", t, level, null, null, null, null, null, null, null, null, null, null);
      t = t.plus(minutes(60 + random.nextInt(1440)));
      fact(d, "RESUMED", t, level, null, null, null, null, null, null, null, null, null, null);
    }
    if (random.nextDouble() < 0.15) {
      String clock = random.nextBoolean() ? "RESPONSE" : "RESOLUTION";
      t = t.plus(minutes(30 + random.nextInt(300)));
      fact(d, "BREACH", t, level, null, null, null, clock, null, t, false, null, null, null);
      int to = Math.min(level + 1, 4);
      fact(d, "LEVEL_CHANGED", t, to, "L" + level, "SLA_BREACH", to > level, null, null, null, null, null, null, null);
      level = to;
      t = respond(d, level, t);
    }
    if (random.nextDouble() < 0.10) {
      int to = level < 4 && random.nextDouble() < 0.7 ? level + 1 : Math.max(level - 1, 1);
      t = t.plus(minutes(60 + random.nextInt(600)));
      fact(d, "LEVEL_CHANGED", t, to, "L" + level, to > level ? "ESCALATED" : "HANDED_BACK", to > level, null, null, null,
          null, null, null, null);
      level = to;
      t = respond(d, level, t);
    }
    if (open && random.nextBoolean()) {
      open(d, level);
      return; // open before its resolution
    }
    t = resolve(d, level, t);
    if (random.nextDouble() < 0.05) {
      t = t.plus(minutes(60 + random.nextInt(2880)));
      fact(d, "LEVEL_CHANGED", t, level, "L" + level, "REOPENED", false, null, null, null, null, null, null, null);
      fact(d, "REOPENED", t, level, null, null, null, null, null, null, null, null, null, null);
      t = resolve(d, level, respond(d, level, t));
    }
    Integer score = null;
    for (int i = 0; i < (random.nextDouble() < 0.6 ? (random.nextDouble() < 0.17 ? 2 : 1) : 0); i++) {
      double q = random.nextDouble(); // 1: 5 %, 2: 8 %, 3: 17 %, 4: 35 %, 5: 35 %
      score = q < 0.05 ? 1 : q < 0.13 ? 2 : q < 0.30 ? 3 : q < 0.65 ? 4 : 5;
      t = t.plus(minutes(30 + random.nextInt(1440)));
      fact(d, "CSAT_RECEIVED", t, level, null, null, null, null, null, null, null, null, null, score);
    }
    if (!open) {
      t = t.plus(minutes(30 + random.nextInt(1440)));
      fact(d, "CLOSED", t, level, null, null, null, null, null, null, null, null, null, score != null ? score : 1 + random.nextInt(5));
    } else {
      open(d, level);
    }
  }

  /** A first response per handler group (two at L3); returns when the last came. */
  private Instant respond(Dims d, int level, Instant entered) {
    List<String> groups = switch (level) {
      case 1 -> List.of("support");
      case 2 -> List.of("engineering");
      case 3 -> List.of("engineering-leads", "product-managers");
      default -> List.of("executives");
    };
    Instant last = entered;
    for (String group : groups) {
      long wall = Math.max(60, (long) (-Math.log(1 - random.nextDouble()) * RESPONSE_MEAN[level - 1] * 60));
      long business = level <= 2 ? (long) (wall * 0.35) : wall;
      Instant at = entered.plusSeconds(wall);
      Instant due = entered.plus(minutes(RESPONSE_TARGET[level - 1] * (level <= 2 ? 3 : 1)));
      fact(d, "FIRST_RESPONSE", at, level, null, null, null, null, group, due, !at.isAfter(due), wall, business, null);
      last = at.isAfter(last) ? at : last;
    }
    return last;
  }

  private Instant resolve(Dims d, int level, Instant after) {
    Instant at = after.plus(minutes(30 + random.nextInt(RESOLUTION_TARGET[level - 1] * 3)));
    long wall = Duration.between(d.opened(), at).toSeconds();
    long business = level <= 2 ? (long) (wall * 0.3) : wall;
    Instant due = d.opened().plus(minutes(RESOLUTION_TARGET[level - 1] * (level <= 2 ? 3 : 1)));
    fact(d, "RESOLVED", at, level, null, null, null, null, null, due, !at.isAfter(due), wall, business, null);
    return at;
  }

  private record Dims(String ticket, String pid, Instant opened, String tier, String category, String issueType) {}

  private void fact(Dims d, String type, Instant at, int level, String from, String kind, Boolean upward, String sla,
      String group, Instant due, Boolean within, Long wall, Long business, Integer csat) {
    Integer replaces = null;
    Boolean first = null;
    if (csat != null) {
      replaces = lastScore;
      lastScore = csat;
    }
    if (type.equals("RESOLVED")) {
      first = !resolvedOnce;
      resolvedOnce = true;
    }
    if (type.equals("BREACH")) {
      breached = true;
    }
    Object[] values = {"bench:" + d.ticket() + ":" + (factNo++), type, d.ticket(), d.pid(), d.opened(), at, "L" + level,
        from, kind, upward, sla, group, d.tier(), d.category(), d.issueType(), due, within, wall, business, csat,
        replaces, first, wall == null ? null : MetricsRollup.bucket(wall),
        business == null ? null : MetricsRollup.bucket(business)};
    for (int i = 0; i < values.length; i++) {
      rows.append(i == 0 ? "" : "\t").append(values[i] == null ? "\\N" : values[i].toString());
    }
    rows.append('\n');
    rowsInBuffer++;
    facts++;
    if (!reEscalated && (type.equals("REOPENED") || Boolean.TRUE.equals(upward) && ++this.upward >= 2)) {
      reEscalated = true;
      fact(d, "RE_ESCALATED", at, level, "L" + openingLevel, null, null, null, null, null, null, null, null, null);
    }
  }

  private void open(Dims d, int level) {
    openRows.append(d.pid()).append('\t').append(d.ticket()).append('\t').append(d.opened()).append("\tL").append(level)
        .append('\t').append(breached).append('\t').append(d.tier()).append('\t').append(d.category()).append('\t')
        .append(d.issueType()).append('\n');
  }

  private void flush(CopyManager copy) throws SQLException, IOException {
    if (openRows.length() > 0) {
      copy.copyIn("COPY escalation_open (" + OPEN_COLUMNS + ") FROM STDIN", new StringReader(openRows.toString()));
      openRows.setLength(0);
    }
    if (rowsInBuffer > 0) {
      copy.copyIn("COPY escalation_fact (" + COLUMNS + ") FROM STDIN", new StringReader(rows.toString()));
      rows.setLength(0);
      rowsInBuffer = 0;
    }
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
