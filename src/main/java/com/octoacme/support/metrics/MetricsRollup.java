package com.octoacme.support.metrics;

import com.octoacme.support.sla.BusinessCalendar;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The roll-ups of the facts (V11, V13): counts per opening day, week and month and dimension, and histograms of
 * the durations per opening day, week and month, level and slice (all facts, or one tier's or category's). What
 * a fact adds is decided in one place ({@link #add}), for the live recording and for the rebuild from the facts
 * alike, so a rebuild gives what the live recording gave. Live, a transaction's additions are summed and written just before it commits, in key
 * order (no deadlocks between transactions, row locks held only for the commit).
 */
@Component
public class MetricsRollup implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(MetricsRollup.class);

  static final List<String> COUNTERS = List.of("escalated", "re_escalated", "first_responses", "resolutions",
      "sla_facts", "response_met", "response_missed", "resolution_met", "resolution_missed", "csat_1", "csat_2",
      "csat_3", "csat_4", "csat_5", "csat_resolved", "csat_scored");
  private static final int ESCALATED = 0, RE_ESCALATED = 1, FIRST_RESPONSES = 2, RESOLUTIONS = 3, SLA_FACTS = 4,
      RESPONSE_MET = 5, RESPONSE_MISSED = 6, RESOLUTION_MET = 7, RESOLUTION_MISSED = 8, CSAT_1 = 9, CSAT_RESOLVED = 14,
      CSAT_SCORED = 15;
  private static final EnumSet<FactType> CSAT_TYPES = EnumSet.of(FactType.RESOLVED, FactType.CSAT_RECEIVED, FactType.CLOSED);
  static final EnumSet<FactType> DURATION_TYPES = EnumSet.of(FactType.FIRST_RESPONSE, FactType.RESOLVED);
  /** Measures of the duration roll-up: the facts, their wall and their business seconds. */
  static final String FACTS = "N", WALL = "W", BUSINESS = "B";
  static final String DAY = "D", WEEK = "W", MONTH = "M";

  /** A rebuild writes what it summed once it holds this many rows' additions (about 200 bytes each). */
  int rebuildFlushRows = 100_000;

  private static final String FACT_COLUMNS = "fact_type, escalated_at, level, from_level, account_tier, category,"
      + " issue_type, within_sla, sla_kind, csat_score, csat_replaces, first_of_type, wall_seconds, business_seconds";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ZoneId zone;
  private final boolean postgres;

  public MetricsRollup(JdbcTemplate jdbc, TransactionTemplate transaction, BusinessCalendar calendar) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.zone = calendar.defaultZone();
    this.postgres = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) ->
        c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
  }

  /** What the roll-ups read of a fact. */
  record Fact(FactType type, Instant escalatedAt, String level, String fromLevel, String accountTier, String category,
      String issueType, Boolean withinSla, String slaKind, Short csatScore, Short csatReplaces, Boolean firstOfType,
      Long wallSeconds, Long businessSeconds) {

    static Fact of(EscalationFact f) {
      return new Fact(f.getType(), f.getEscalatedAt(), f.getLevel(), f.getFromLevel(), f.getAccountTier(),
          f.getCategory(), f.getIssueType(), f.getWithinSla(), f.getSlaKind(), f.getCsatScore(), f.getCsatReplaces(),
          f.getFirstOfType(), f.getWallSeconds(), f.getBusinessSeconds());
    }
  }

  record CountKey(String grain, LocalDate period, String level, String accountTier, String category, String issueType) {}

  record DurationKey(String factType, String slice, String grain, LocalDate period, String level, String measure,
      int bucket) {}

  /** The slice of all facts in the duration roll-up. */
  static final String ALL = "";

  /**
   * The duration roll-up's slice for a filter by account tier or category (one of them, or none: all facts); empty
   * for any other filter by dimension (an issue type, or two at once): those figures read the facts. Issue types
   * have no slices: there are many, each with few facts (fast enough from the facts, BENCHMARKS.md), and slices
   * for them would double the roll-up.
   */
  static Optional<String> slice(String accountTier, String category, String issueType) {
    if (issueType != null || accountTier != null && category != null) {
      return Optional.empty();
    }
    return Optional.of(accountTier != null ? "accountTier:" + accountTier : category != null ? "category:" + category : ALL);
  }

  /** The slices a fact's durations count in: all facts, and its tier's and its category's. */
  private static List<String> slices(Fact f) {
    List<String> slices = new ArrayList<>(3);
    slices.add(ALL);
    if (f.accountTier() != null) {
      slices.add(slice(f.accountTier(), null, null).orElseThrow());
    }
    if (f.category() != null) {
      slices.add(slice(null, f.category(), null).orElseThrow());
    }
    return slices;
  }

  private static final Comparator<CountKey> COUNT_ORDER = Comparator.comparing(CountKey::grain)
      .thenComparing(CountKey::period).thenComparing(CountKey::level).thenComparing(CountKey::accountTier)
      .thenComparing(CountKey::category).thenComparing(CountKey::issueType);
  private static final Comparator<DurationKey> DURATION_ORDER = Comparator.comparing(DurationKey::factType)
      .thenComparing(DurationKey::slice).thenComparing(DurationKey::grain).thenComparing(DurationKey::period)
      .thenComparing(DurationKey::level)
      .thenComparing(DurationKey::measure).thenComparingInt(DurationKey::bucket);

  /** Sums of additions to the roll-ups, by row. */
  static final class Sums {
    final Map<CountKey, long[]> counts = new HashMap<>();
    final Map<DurationKey, long[]> durations = new HashMap<>();

    boolean isEmpty() {
      return counts.isEmpty() && durations.isEmpty();
    }

    /** Removes and returns the rows of periods that end before the given day (no later fact can add to them). */
    Sums takeCompleteBefore(LocalDate day) {
      Sums complete = new Sums();
      move(counts, complete.counts, k -> k.period().isBefore(periodStart(k.grain(), day)));
      move(durations, complete.durations, k -> k.period().isBefore(periodStart(k.grain(), day)));
      return complete;
    }

    private static <K> void move(Map<K, long[]> from, Map<K, long[]> to, java.util.function.Predicate<K> which) {
      for (var rows = from.entrySet().iterator(); rows.hasNext(); ) {
        var row = rows.next();
        if (which.test(row.getKey())) {
          to.put(row.getKey(), row.getValue());
          rows.remove();
        }
      }
    }
  }

  /** The first day of the day's, week's (Monday) or month's period a day is in. */
  static LocalDate periodStart(String grain, LocalDate day) {
    return switch (grain) {
      case DAY -> day;
      case WEEK -> day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      default -> day.withDayOfMonth(1);
    };
  }

  /** What one fact adds to the roll-ups: the rule, for live recording and rebuild alike. */
  void add(Sums sums, Fact f) {
    LocalDate day = f.escalatedAt().atZone(zone).toLocalDate();
    long[] c = new long[COUNTERS.size()];
    String level = Objects.toString(f.level(), "");
    switch (f.type()) {
      case ESCALATED -> c[ESCALATED] = 1;
      case RE_ESCALATED -> {
        c[RE_ESCALATED] = 1;
        level = Objects.toString(f.fromLevel(), ""); // counted at the opening level
      }
      case FIRST_RESPONSE -> {
        c[FIRST_RESPONSES] = 1;
        c[SLA_FACTS] = 1;
        met(c, f.withinSla(), RESPONSE_MET, RESPONSE_MISSED);
      }
      case RESOLVED -> {
        c[RESOLUTIONS] = 1;
        c[SLA_FACTS] = 1;
        met(c, f.withinSla(), RESOLUTION_MET, RESOLUTION_MISSED);
        c[CSAT_RESOLVED] = Boolean.TRUE.equals(f.firstOfType()) ? 1 : 0;
      }
      case BREACH -> {
        c[SLA_FACTS] = 1;
        if ("RESPONSE".equals(f.slaKind())) {
          c[RESPONSE_MISSED] = 1;
        } else if ("RESOLUTION".equals(f.slaKind())) {
          c[RESOLUTION_MISSED] = 1;
        }
      }
      default -> { }
    }
    if (CSAT_TYPES.contains(f.type())) {
      // the escalation's latest score: +1 for its score, -1 for the score it replaces
      if (f.csatScore() != null && f.csatScore() >= 1 && f.csatScore() <= 5) {
        c[CSAT_1 + f.csatScore() - 1]++;
      }
      if (f.csatReplaces() != null && f.csatReplaces() >= 1 && f.csatReplaces() <= 5) {
        c[CSAT_1 + f.csatReplaces() - 1]--;
      }
      if (f.type() != FactType.RESOLVED && f.csatScore() != null && f.csatReplaces() == null) {
        c[CSAT_SCORED] = 1;
      }
    }
    boolean counts = false;
    for (long v : c) {
      counts |= v != 0;
    }
    String tier = Objects.toString(f.accountTier(), "");
    String issueType = Objects.toString(f.issueType(), "");
    for (String grain : List.of(DAY, WEEK, MONTH)) {
      LocalDate period = periodStart(grain, day);
      if (counts) {
        long[] row = sums.counts.computeIfAbsent(new CountKey(grain, period, level, tier, f.category(), issueType),
            k -> new long[COUNTERS.size()]);
        for (int i = 0; i < c.length; i++) {
          row[i] += c[i];
        }
      }
      if (DURATION_TYPES.contains(f.type())) {
        String type = f.type().name();
        for (String slice : slices(f)) {
          duration(sums, new DurationKey(type, slice, grain, period, level, FACTS, 0), 0);
          if (f.wallSeconds() != null) {
            duration(sums, new DurationKey(type, slice, grain, period, level, WALL, bucket(f.wallSeconds())),
                f.wallSeconds());
          }
          if (f.businessSeconds() != null) {
            duration(sums, new DurationKey(type, slice, grain, period, level, BUSINESS, bucket(f.businessSeconds())),
                f.businessSeconds());
          }
        }
      }
    }
  }

  private static void met(long[] c, Boolean within, int met, int missed) {
    if (within != null) {
      c[within ? met : missed] = 1;
    }
  }

  private static void duration(Sums sums, DurationKey key, long seconds) {
    long[] row = sums.durations.computeIfAbsent(key, k -> new long[2]);
    row[0]++;
    row[1] += seconds;
  }

  /**
   * The histogram bucket of a duration in seconds: 0 up to 0 s, one per second up to 15 s, then eight per
   * doubling (about 9 % wide). Monotone; {@link #lowerBound} is the smallest duration of a bucket.
   */
  public static int bucket(long seconds) {
    if (seconds <= 0) {
      return 0;
    }
    if (seconds < 16) {
      return (int) seconds;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(seconds); // >= 4
    int mantissa = (int) ((seconds >> (exponent - 3)) & 7);
    return 16 + (exponent - 4) * 8 + mantissa;
  }

  static long lowerBound(int bucket) {
    if (bucket <= 0) {
      return Long.MIN_VALUE;
    }
    if (bucket < 16) {
      return bucket;
    }
    int exponent = (bucket - 16) / 8 + 4;
    int mantissa = (bucket - 16) % 8;
    return (8L + mantissa) << (exponent - 3);
  }

  /** Live: the fact's additions are written just before the transaction commits (now, without one). */
  void record(EscalationFact fact) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      Sums sums = new Sums();
      add(sums, Fact.of(fact));
      write(sums, true);
      return;
    }
    Pending pending = TransactionSynchronizationManager.getSynchronizations().stream()
        .filter(s -> s instanceof Pending p && p.owner == this).map(Pending.class::cast).findFirst()
        .orElseGet(() -> {
          Pending p = new Pending(this);
          TransactionSynchronizationManager.registerSynchronization(p);
          return p;
        });
    add(pending.sums, Fact.of(fact));
  }

  /** A transaction's additions, written before it commits. */
  private static final class Pending implements TransactionSynchronization {
    final MetricsRollup owner;
    final Sums sums = new Sums();

    Pending(MetricsRollup owner) {
      this.owner = owner;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      owner.write(sums, true);
    }
  }

  /** Writes the sums in key order: adding to the rows there (upsert), or as new rows (rebuild). */
  private void write(Sums sums, boolean upsert) {
    if (sums.isEmpty()) {
      return;
    }
    List<Map.Entry<CountKey, long[]>> counts = new ArrayList<>(sums.counts.entrySet());
    counts.sort(Map.Entry.comparingByKey(COUNT_ORDER));
    List<Object[]> countRows = new ArrayList<>(counts.size());
    for (var e : counts) {
      CountKey k = e.getKey();
      Object[] row = new Object[6 + COUNTERS.size()];
      row[0] = k.grain();
      row[1] = k.period();
      row[2] = k.level();
      row[3] = k.accountTier();
      row[4] = k.category();
      row[5] = k.issueType();
      for (int i = 0; i < COUNTERS.size(); i++) {
        row[6 + i] = e.getValue()[i];
      }
      countRows.add(row);
    }
    List<Map.Entry<DurationKey, long[]>> durations = new ArrayList<>(sums.durations.entrySet());
    durations.sort(Map.Entry.comparingByKey(DURATION_ORDER));
    List<Object[]> durationRows = new ArrayList<>(durations.size());
    for (var e : durations) {
      DurationKey k = e.getKey();
      durationRows.add(new Object[] {k.factType(), k.slice(), k.grain(), k.period(), k.level(), k.measure(), k.bucket(),
          e.getValue()[0], e.getValue()[1]});
    }
    String countKey = "grain, period_start, level, account_tier, category, issue_type";
    String durationKey = "fact_type, slice, grain, period_start, level, measure, bucket";
    batches(sql("escalation_rollup", countKey, String.join(", ", COUNTERS), upsert), countRows);
    batches(sql("escalation_duration_rollup", durationKey, "n, total", upsert), durationRows);
  }

  private void batches(String sql, List<Object[]> rows) {
    for (int i = 0; i < rows.size(); i += 1000) {
      jdbc.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + 1000)));
    }
  }

  /** An insert, or an insert that adds to the row already there (PostgreSQL: ON CONFLICT; H2: MERGE). */
  private String sql(String table, String key, String values, boolean upsert) {
    List<String> keys = List.of(key.split(", "));
    List<String> columns = List.of(values.split(", "));
    String all = key + ", " + values;
    String marks = String.join(", ", java.util.Collections.nCopies(keys.size() + columns.size(), "?"));
    if (!upsert) {
      return "insert into " + table + " (" + all + ") values (" + marks + ")";
    }
    if (postgres) {
      return "insert into " + table + " (" + all + ") values (" + marks + ") on conflict (" + key + ") do update set "
          + String.join(", ", columns.stream().map(c -> c + " = " + table + "." + c + " + excluded." + c).toList());
    }
    return "merge into " + table + " t using (values (" + marks + ")) s(" + all + ") on ("
        + String.join(" and ", keys.stream().map(k -> "t." + k + " = s." + k).toList()) + ")"
        + " when matched then update set " + String.join(", ", columns.stream().map(c -> c + " = t." + c + " + s." + c).toList())
        + " when not matched then insert (" + all + ") values ("
        + String.join(", ", java.util.stream.Stream.concat(keys.stream(), columns.stream()).map(c -> "s." + c).toList()) + ")";
  }

  public record Rebuilt(long facts, int countRows, int durationRows, long millis) {}

  /**
   * Rebuilds both roll-ups from the facts, in one transaction. On PostgreSQL the roll-ups are locked first,
   * so a fact committed meanwhile is either read here or added after (its writer waits for the lock).
   */
  public Rebuilt rebuild() {
    long started = System.nanoTime();
    return transaction.execute(status -> {
      if (postgres) {
        jdbc.execute("lock table escalation_rollup, escalation_duration_rollup in exclusive mode");
      }
      jdbc.update("delete from escalation_rollup");
      jdbc.update("delete from escalation_duration_rollup");
      Sums sums = new Sums();
      long[] facts = {0};
      LocalDate[] lastDay = {null};
      jdbc.query(connection -> {
        var statement = connection.prepareStatement("select " + FACT_COLUMNS + " from escalation_fact order by escalated_at",
            ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(5000);
        return statement;
      }, (ResultSet rs) -> {
        Fact f = fact(rs);
        LocalDate day = f.escalatedAt().atZone(zone).toLocalDate();
        // in opening order, the rows of the periods before this day's are complete: once there are many, they
        // are written (bounded memory; each row written once)
        if (!day.equals(lastDay[0]) && sums.counts.size() + sums.durations.size() >= rebuildFlushRows) {
          write(sums.takeCompleteBefore(day), false);
        }
        lastDay[0] = day;
        add(sums, f);
        facts[0]++;
      });
      write(sums, false);
      jdbc.update("delete from metrics_rollup_state");
      jdbc.update("insert into metrics_rollup_state (id, zone, rebuilt_at) values (1, ?, ?)", zone.getId(),
          OffsetDateTime.now(ZoneOffset.UTC));
      Rebuilt rebuilt = new Rebuilt(facts[0], count("escalation_rollup"), count("escalation_duration_rollup"),
          (System.nanoTime() - started) / 1_000_000);
      log.info("Metrics roll-ups rebuilt from {} facts: {} count rows, {} duration rows, in {} ms ({})", rebuilt.facts(),
          rebuilt.countRows(), rebuilt.durationRows(), rebuilt.millis(), zone);
      return rebuilt;
    });
  }

  private int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

  private static Fact fact(ResultSet rs) throws SQLException {
    return new Fact(FactType.valueOf(rs.getString("fact_type")),
        rs.getObject("escalated_at", OffsetDateTime.class).toInstant(), rs.getString("level"),
        rs.getString("from_level"), rs.getString("account_tier"), rs.getString("category"), rs.getString("issue_type"),
        rs.getObject("within_sla", Boolean.class), rs.getString("sla_kind"), shortOrNull(rs, "csat_score"),
        shortOrNull(rs, "csat_replaces"), rs.getObject("first_of_type", Boolean.class), longOrNull(rs, "wall_seconds"),
        longOrNull(rs, "business_seconds"));
  }

  private static Short shortOrNull(ResultSet rs, String column) throws SQLException {
    short value = rs.getShort(column);
    return rs.wasNull() ? null : value;
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /** At start-up: roll-ups never built (first start after V11) or built in another zone are rebuilt. */
  @Override
  public void afterSingletonsInstantiated() {
    Optional<String> builtIn = jdbc.queryForList("select zone from metrics_rollup_state where id = 1", String.class)
        .stream().findFirst();
    if (builtIn.isEmpty() || !builtIn.get().equals(zone.getId())) {
      log.info("Metrics roll-ups {}: rebuilding them from the facts", builtIn.map(z -> "were built in " + z)
          .orElse("not built yet"));
      rebuild();
    }
  }
}
