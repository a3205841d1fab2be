package com.octoacme.support.metrics;

import com.octoacme.support.metrics.MetricsFigures.CsatRow;
import com.octoacme.support.metrics.MetricsFigures.DurationRow;
import com.octoacme.support.metrics.MetricsFigures.EscalationRef;
import com.octoacme.support.metrics.MetricsFigures.OpenRow;
import com.octoacme.support.metrics.MetricsFigures.ReEscalationRow;
import com.octoacme.support.metrics.MetricsFigures.SlaComplianceRow;
import com.octoacme.support.metrics.MetricsFigures.VolumeRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures as SQL (standard SQL: PostgreSQL and H2) over the roll-ups of the facts ({@link MetricsRollup}:
 * whole months and days of the range) and, for the exact medians and p90, a few facts of the buckets that hold
 * them. The escalations behind a bar and the duration figures with a tier, category or issue type filter read
 * one or a few fact types of {@code escalation_fact} over a range of {@code escalated_at}, which the index
 * {@code idx_escalation_fact_figures} covers.
 * Subqueries about the same escalation repeat the range on {@code escalated_at}: all facts of an escalation
 * share it, so the result is the same and the database can read both sides from the same index range.
 */
@Repository
@Transactional(readOnly = true)
public class MetricsQueries {

  /** At most this many escalations behind a bar are listed. */
  public static final int MAX_ESCALATIONS_LISTED = 1000;

  private final NamedParameterJdbcTemplate jdbc;
  private final boolean postgres;

  public MetricsQueries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.postgres = Boolean.TRUE.equals(jdbc.getJdbcTemplate().execute((java.sql.Connection c) ->
        c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
  }

  public List<DurationRow> firstResponse(MetricsFilter filter) {
    return durations(FactType.FIRST_RESPONSE, filter);
  }

  public List<DurationRow> resolution(MetricsFilter filter) {
    return durations(FactType.RESOLVED, filter);
  }

  /**
   * From the duration roll-up (its slice of all facts, or of the one tier or category filtered by): per
   * level the facts, and per measure a histogram whose counts and sums give the average and the bucket of each
   * percentile's two neighbouring values; those are read from that bucket's facts in the range (the k-th on, in one
   * statement for all). The same values as percentile_cont over the facts. Filtered by an issue type, or by a tier
   * and a category: from the facts.
   */
  private List<DurationRow> durations(FactType type, MetricsFilter filter) {
    var slice = MetricsRollup.slice(filter.accountTier(), filter.category(), filter.issueType());
    if (slice.isEmpty()) {
      return durationsFromFacts(type, filter);
    }
    Periods periods = Periods.of(filter);
    MapSqlParameterSource params = periods.params().addValue("type", type.name()).addValue("slice", slice.get());
    String sql = "select d.level, d.measure, d.bucket, sum(d.n) n, sum(d.total) total from escalation_duration_rollup d"
        + " where d.fact_type = :type and d.slice = :slice and " + periods.sql("d")
        + (filter.level() != null ? " and d.level = :level" : "")
        + " group by d.level, d.measure, d.bucket order by d.level, d.measure, d.bucket";
    if (filter.level() != null) {
      params.addValue("level", filter.level());
    }
    Map<String, Histograms> byLevel = new java.util.TreeMap<>();
    jdbc.query(sql, params, rs -> {
      Histograms h = byLevel.computeIfAbsent(rs.getString("level"), k -> new Histograms());
      long n = rs.getLong("n");
      switch (rs.getString("measure")) {
        case MetricsRollup.FACTS -> h.facts += n;
        case MetricsRollup.WALL -> h.wall.add(rs.getInt("bucket"), n, rs.getLong("total"));
        default -> h.business.add(rs.getInt("bucket"), n, rs.getLong("total"));
      }
    });
    byLevel.values().removeIf(h -> h.facts == 0);
    // the values next to each percentile's position, from the facts: one subquery per (level, measure, position)
    List<Neighbours> wanted = new ArrayList<>();
    byLevel.forEach((level, h) -> {
      for (double p : new double[] {0.5, 0.9}) {
        h.wall.want(wanted, level, "wall", p);
        h.business.want(wanted, level, "business", p);
      }
    });
    if (!wanted.isEmpty()) {
      // parameters only: the statement's text depends on the number of subqueries alone, and each subquery reads
      // one bucket of one level in the range (idx_escalation_fact_wall_bucket / _business_bucket), whatever plan
      String dimension = filter.accountTier() != null ? " and f.account_tier = :dimension"
          : filter.category() != null ? " and f.category = :dimension" : "";
      MapSqlParameterSource reads = new MapSqlParameterSource().addValue("type", type.name())
          .addValue("from", OffsetDateTime.ofInstant(filter.fromInstant(), ZoneOffset.UTC))
          .addValue("to", OffsetDateTime.ofInstant(filter.toInstant(), ZoneOffset.UTC))
          .addValue("dimension", Objects.requireNonNullElse(filter.accountTier(), Objects.requireNonNullElse(filter.category(), "")));
      StringBuilder union = new StringBuilder();
      for (int i = 0; i < wanted.size(); i++) {
        Neighbours w = wanted.get(i);
        String measure = w.measure;
        union.append(i == 0 ? "" : " union all ").append("select ").append(i).append(" k, q").append(i).append(".v from (")
            .append("select f.").append(measure).append("_seconds v from escalation_fact f where f.fact_type = :type")
            .append(" and f.level = :level").append(i).append(" and f.").append(measure).append("_bucket = :bucket").append(i)
            .append(" and f.escalated_at >= :from and f.escalated_at < :to").append(dimension)
            .append(" order by f.").append(measure).append("_seconds offset :offset").append(i)
            .append(" rows fetch next 2 rows only) q").append(i);
        reads.addValue("level" + i, w.level).addValue("bucket" + i, w.bucket).addValue("offset" + i, w.offset);
      }
      jdbc.query(union.toString(), reads, rs -> { wanted.get(rs.getInt("k")).values.add(rs.getLong("v")); });
    }
    List<DurationRow> rows = new ArrayList<>();
    byLevel.forEach((level, h) -> rows.add(new DurationRow(level, h.facts, minutes(h.wall.average()),
        minutes(h.wall.percentile(0.5)), minutes(h.wall.percentile(0.9)),
        minutes(h.business.average()), minutes(h.business.percentile(0.5)),
        minutes(h.business.percentile(0.9)))));
    return rows;
  }

  /** A level's facts and its histograms of wall and business seconds. */
  private static final class Histograms {
    long facts;
    final Histogram wall = new Histogram();
    final Histogram business = new Histogram();
  }

  /** Buckets in ascending order with their counts and sums. */
  private static final class Histogram {
    final List<long[]> buckets = new ArrayList<>();
    long count;
    long total;
    final Map<Double, List<Neighbours>> positions = new java.util.HashMap<>();

    void add(int bucket, long n, long sum) {
      buckets.add(new long[] {bucket, n});
      count += n;
      total += sum;
    }

    double average() {
      return count == 0 ? 0 : (double) total / count;
    }

    /** percentile_cont: the values at floor(p (n - 1)) and the one after, read from the bucket holding the first. */
    void want(List<Neighbours> wanted, String level, String measure, double p) {
      if (count == 0) {
        return;
      }
      long position = (long) Math.floor(p * (count - 1));
      long below = 0;
      for (int i = 0; i < buckets.size(); i++) {
        long[] bucket = buckets.get(i);
        if (position < below + bucket[1]) {
          List<Neighbours> reads = new ArrayList<>(2);
          reads.add(new Neighbours(level, measure, (int) bucket[0], position - below));
          if (position + 1 == below + bucket[1] && i + 1 < buckets.size()) {
            // the value after it is the next bucket's first
            reads.add(new Neighbours(level, measure, (int) buckets.get(i + 1)[0], 0));
          }
          positions.put(p, reads);
          wanted.addAll(reads);
          return;
        }
        below += bucket[1];
      }
    }

    double percentile(double p) {
      List<Long> values = new ArrayList<>();
      for (Neighbours n : positions.getOrDefault(p, List.of())) {
        // each read's values in order, the bucket's before the next bucket's
        n.values.sort(null);
        values.addAll(n.values);
      }
      if (values.isEmpty()) {
        return 0;
      }
      double x = p * (count - 1);
      double fraction = x - Math.floor(x);
      double first = values.get(0);
      return fraction > 0 && values.size() > 1 ? first + fraction * (values.get(1) - first) : first;
    }
  }

  /** The two values from the offset-th on, in order, of a level's durations (wall or business) in one bucket. */
  private static final class Neighbours {
    final String level;
    final String measure;
    final int bucket;
    final long offset;
    final List<Long> values = new ArrayList<>(2);

    Neighbours(String level, String measure, int bucket, long offset) {
      this.level = level;
      this.measure = measure;
      this.bucket = bucket;
      this.offset = offset;
    }
  }

  /** The duration figures straight from the facts (with a tier, category or issue type filter; cross-checks). */
  List<DurationRow> durationsFromFacts(FactType type, MetricsFilter filter) {
    Where where = where("f", filter).type(type);
    // PostgreSQL computes both percentiles of a column from one sort (an array of fractions); H2 needs one each.
    String percentiles = postgres
        ? " percentile_cont(array[0.5, 0.9]) within group (order by f.wall_seconds) pw,"
            + " percentile_cont(array[0.5, 0.9]) within group (order by f.business_seconds) pb,"
        : " percentile_cont(0.5) within group (order by f.wall_seconds) mw,"
            + " percentile_cont(0.9) within group (order by f.wall_seconds) pw,"
            + " percentile_cont(0.5) within group (order by f.business_seconds) mb,"
            + " percentile_cont(0.9) within group (order by f.business_seconds) pb,";
    String sql = "select f.level, count(*) n," + percentiles
        + " avg(cast(f.wall_seconds as double precision)) aw,"
        + " avg(cast(f.business_seconds as double precision)) ab"
        + " from escalation_fact f where " + where.sql + " group by f.level order by f.level";
    return jdbc.query(sql, where.params, (rs, i) -> {
      double[] wall = percentiles(rs, "mw", "pw");
      double[] business = percentiles(rs, "mb", "pb");
      return new DurationRow(rs.getString("level"), rs.getLong("n"), minutes(rs.getDouble("aw")), minutes(wall[0]),
          minutes(wall[1]), minutes(rs.getDouble("ab")), minutes(business[0]), minutes(business[1]));
    });
  }

  /** Median and p90 in seconds: from two columns, or from one array column (PostgreSQL). */
  private double[] percentiles(ResultSet rs, String median, String p90) throws SQLException {
    if (postgres) {
      Object[] values = (Object[]) rs.getArray(p90).getArray();
      return new double[] {((Number) values[0]).doubleValue(), ((Number) values[1]).doubleValue()};
    }
    return new double[] {rs.getDouble(median), rs.getDouble(p90)};
  }

  public List<VolumeRow> volumeByCategory(MetricsFilter filter) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Arrays.stream(EscalationCategory.values()).forEach(c -> counts.put(c.name(), 0L));
    Rollup r = rollup(filter);
    jdbc.query("select r.category, sum(r.escalated) n from escalation_rollup r where " + r.sql
        + " group by r.category having sum(r.escalated) > 0", r.params,
        rs -> { counts.put(rs.getString("category"), rs.getLong("n")); });
    if (filter.category() != null) {
      counts.keySet().retainAll(List.of(filter.category()));
    }
    return counts.entrySet().stream().map(e -> new VolumeRow(e.getKey(), e.getValue())).toList();
  }

  public List<VolumeRow> volumeByLevel(MetricsFilter filter) {
    Rollup r = rollup(filter);
    return jdbc.query("select r.level, sum(r.escalated) n from escalation_rollup r where " + r.sql
        + " group by r.level having sum(r.escalated) > 0 order by r.level", r.params,
        (rs, i) -> new VolumeRow(rs.getString("level"), rs.getLong("n")));
  }

  /** The CSAT figure's counts: escalations per latest score, and those resolved without a score yet. */
  public record CsatCounts(List<CsatRow> rows, long pending) {}

  /**
   * From the roll-up of the resolutions and scored facts (CSAT received, closed): each escalation's latest
   * score, as every scored fact adds its score and takes away the one it replaces; pending = escalations with
   * a first resolution minus those with a first score. No escalation's history is read.
   */
  public CsatCounts csat(MetricsFilter filter) {
    Rollup r = rollup(filter);
    StringBuilder sql = new StringBuilder("select");
    for (int score = 1; score <= 5; score++) {
      sql.append(" sum(r.csat_").append(score).append(") s").append(score).append(',');
    }
    sql.append(" sum(r.csat_resolved) resolved, sum(r.csat_scored) scored from escalation_rollup r where ").append(r.sql);
    return jdbc.queryForObject(sql.toString(), r.params, (rs, i) -> {
      List<CsatRow> rows = new ArrayList<>();
      for (int score = 1; score <= 5; score++) {
        rows.add(new CsatRow(score, rs.getLong("s" + score)));
      }
      return new CsatCounts(rows, Math.max(0, rs.getLong("resolved") - rs.getLong("scored")));
    });
  }

  /**
   * Per opening level: escalations opened, and those of them that became re-escalations (RE_ESCALATED facts,
   * rolled up at their opening level, from_level).
   */
  public List<ReEscalationRow> reEscalation(MetricsFilter filter) {
    Rollup r = rollup(filter);
    return jdbc.query("select r.level, sum(r.escalated) n, sum(r.re_escalated) a from escalation_rollup r where " + r.sql
        + " group by r.level having sum(r.escalated) > 0 or sum(r.re_escalated) > 0 order by r.level", r.params,
        (rs, i) -> new ReEscalationRow(rs.getString("level"), rs.getLong("n"), rs.getLong("a"),
            percent(rs.getLong("a"), rs.getLong("n"))));
  }

  /**
   * Per level: first responses in time (met) and late or breached (missed), the same for resolutions; a level
   * has a row when it has a first response, resolution or breach.
   */
  public List<SlaComplianceRow> slaCompliance(MetricsFilter filter) {
    Rollup r = rollup(filter);
    String sql = "select r.level, sum(r.response_met) rm, sum(r.response_missed) rx, sum(r.resolution_met) sm,"
        + " sum(r.resolution_missed) sx from escalation_rollup r where " + r.sql
        + " group by r.level having sum(r.sla_facts) > 0 order by r.level";
    return jdbc.query(sql, r.params, (rs, i) -> {
      long rm = rs.getLong("rm"), rx = rs.getLong("rx"), sm = rs.getLong("sm"), sx = rs.getLong("sx");
      return new SlaComplianceRow(rs.getString("level"), rm, rx, rm + rx == 0 ? null : percent(rm, rm + rx),
          sm, sx, sm + sx == 0 ? null : percent(sm, sm + sx));
    });
  }

  /** The roll-up rows of a filter: its range as months and days, its dimensions. */
  private record Rollup(String sql, MapSqlParameterSource params) {}

  private static Rollup rollup(MetricsFilter filter) {
    Periods periods = Periods.of(filter);
    MapSqlParameterSource params = periods.params();
    StringBuilder sql = new StringBuilder(periods.sql("r"));
    dimension(sql, params, "level", "level", filter.level());
    dimension(sql, params, "account_tier", "tier", filter.accountTier());
    dimension(sql, params, "category", "category", filter.category());
    dimension(sql, params, "issue_type", "issueType", filter.issueType());
    return new Rollup(sql.toString(), params);
  }

  private static void dimension(StringBuilder sql, MapSqlParameterSource params, String column, String param, String value) {
    if (value != null) {
      sql.append(" and r.").append(column).append(" = :").append(param);
      params.addValue(param, value);
    }
  }

  /**
   * A range of whole days as roll-up periods: the whole months in it (grain M), the whole weeks (Monday to
   * Sunday, grain W) in what is left before and after them, and the days (grain D) left over.
   */
  record Periods(List<Object[]> intervals) {

    static Periods of(MetricsFilter filter) {
      java.time.LocalDate from = filter.from();
      java.time.LocalDate end = filter.to().plusDays(1);
      java.time.LocalDate monthsFrom = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
      java.time.LocalDate monthsTo = end.withDayOfMonth(1);
      List<Object[]> intervals = new ArrayList<>();
      if (monthsFrom.isBefore(monthsTo)) {
        intervals.add(new Object[] {MetricsRollup.MONTH, monthsFrom, monthsTo});
        weeksAndDays(intervals, from, monthsFrom);
        weeksAndDays(intervals, monthsTo, end);
      } else {
        weeksAndDays(intervals, from, end);
      }
      return new Periods(intervals);
    }

    private static void weeksAndDays(List<Object[]> intervals, java.time.LocalDate from, java.time.LocalDate end) {
      java.time.LocalDate weeksFrom = from.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
      java.time.LocalDate weeksTo = end.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      if (weeksFrom.isBefore(weeksTo)) {
        intervals.add(new Object[] {MetricsRollup.WEEK, weeksFrom, weeksTo});
        days(intervals, from, weeksFrom);
        days(intervals, weeksTo, end);
      } else {
        days(intervals, from, end);
      }
    }

    private static void days(List<Object[]> intervals, java.time.LocalDate from, java.time.LocalDate end) {
      if (from.isBefore(end)) {
        intervals.add(new Object[] {MetricsRollup.DAY, from, end});
      }
    }

    MapSqlParameterSource params() {
      return new MapSqlParameterSource();
    }

    /** With the dates as literals: the plan is made for them (see the refinement in durations). */
    String sql(String a) {
      List<String> parts = new ArrayList<>();
      for (Object[] interval : intervals) {
        parts.add("(" + a + ".grain = '" + interval[0] + "' and " + a + ".period_start >= " + date((java.time.LocalDate) interval[1])
            + " and " + a + ".period_start < " + date((java.time.LocalDate) interval[2]) + ")");
      }
      return "(" + String.join(" or ", parts) + ")";
    }

    private static String date(java.time.LocalDate date) {
      return "date '" + date + "'";
    }
  }

  /** Open now, by current level, from the projection escalation_open; the range does not apply. */
  public List<OpenRow> open(MetricsFilter filter) {
    Where where = where("o", filter).withoutRange().openEscalations();
    return jdbc.query("select o.level, count(*) n, sum(case when o.breached = true then 1 else 0 end) b"
        + " from escalation_open o where " + where.sql + " group by o.level order by o.level", where.params,
        (rs, i) -> new OpenRow(rs.getString("level"), rs.getLong("n"), rs.getLong("b")));
  }

  /**
   * The escalations behind a figure's bar: those with a fact of the figure's types matching the filter
   * (the bar's own level, category or score set as a filter), listed with their opening dimensions.
   */
  public List<EscalationRef> escalations(Figure figure, MetricsFilter filter, Integer score) {
    Where where = switch (figure) {
      case FIRST_RESPONSE -> where("f", filter).type(FactType.FIRST_RESPONSE);
      case RESOLUTION -> where("f", filter).type(FactType.RESOLVED);
      case VOLUME_BY_CATEGORY, VOLUME_BY_LEVEL -> where("f", filter).type(FactType.ESCALATED);
      case CSAT -> where("f", filter).types(FactType.CLOSED, FactType.CSAT_RECEIVED);
      case SLA_COMPLIANCE -> where("f", filter).types(FactType.FIRST_RESPONSE, FactType.RESOLVED, FactType.BREACH);
      case RE_ESCALATION, OPEN -> null;
    };
    if (figure == Figure.OPEN) {
      Where open = where("o", filter).withoutRange().openEscalations();
      String sql = "select o.ticket_id, e.level, o.account_tier, o.category, o.issue_type, o.escalated_at"
          + " from escalation_open o join escalation_fact e on e.process_instance_id = o.process_instance_id"
          + " and e.fact_type = 'ESCALATED' where " + open.sql
          + " order by o.escalated_at, o.ticket_id fetch first " + MAX_ESCALATIONS_LISTED + " rows only";
      return jdbc.query(sql, open.params, MetricsQueries::ref);
    }
    if (figure == Figure.RE_ESCALATION) {
      where = where("f", filter).withoutLevel().type(FactType.RE_ESCALATED);
      if (filter.level() != null) {
        where.sql += " and f.from_level = :level";
      }
    }
    String condition = switch (figure) {
      case CSAT -> score == null ? "" : " and f.csat_score = :score";
      case SLA_COMPLIANCE -> " and (f.within_sla = false or f.fact_type = 'BREACH')";
      default -> "";
    };
    if (score != null) {
      where.params.addValue("score", score);
    }
    String sql = select("e") + " where e.fact_type = 'ESCALATED' and e.process_instance_id in"
        + " (select f.process_instance_id from escalation_fact f where " + where.sql + condition + ")"
        + " order by e.escalated_at, e.ticket_id fetch first " + MAX_ESCALATIONS_LISTED + " rows only";
    return jdbc.query(sql, where.params, MetricsQueries::ref);
  }

  private static String select(String alias) {
    return "select " + alias + ".ticket_id, " + alias + ".level, " + alias + ".account_tier, " + alias + ".category, "
        + alias + ".issue_type, " + alias + ".escalated_at from escalation_fact " + alias;
  }

  private static EscalationRef ref(ResultSet rs, int row) throws SQLException {
    return new EscalationRef(rs.getString("ticket_id"), rs.getString("level"), rs.getString("account_tier"),
        rs.getString("category"), rs.getString("issue_type"),
        rs.getObject("escalated_at", OffsetDateTime.class).toInstant());
  }

  /** The figures of the API, by their path segment. */
  public enum Figure {
    FIRST_RESPONSE("first-response"), VOLUME_BY_CATEGORY("volume-by-category"), VOLUME_BY_LEVEL("volume-by-level"),
    CSAT("csat"), RE_ESCALATION("re-escalation"), RESOLUTION("resolution"), SLA_COMPLIANCE("sla-compliance"),
    OPEN("open");

    public final String path;

    Figure(String path) {
      this.path = path;
    }
  }

  private static double minutes(double seconds) {
    return Math.round(seconds / 60.0 * 100) / 100.0;
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 100.0;
  }

  private static Where where(String alias, MetricsFilter filter) {
    return new Where(alias, filter);
  }

  /** The WHERE clause of a filter on one alias: fact types, range, dimensions. */
  private static final class Where {
    final MapSqlParameterSource params = new MapSqlParameterSource();
    final String alias;
    final MetricsFilter filter;
    boolean range = true;
    boolean level = true;
    String sql;

    Where(String alias, MetricsFilter filter) {
      this.alias = alias;
      this.filter = filter;
    }

    Where withoutRange() { range = false; return this; }

    Where withoutLevel() { level = false; return this; }

    Where type(FactType type) {
      return types(type);
    }

    /** For the projection escalation_open: no fact types (its level is the current one). */
    Where openEscalations() {
      return types();
    }

    Where types(FactType... types) {
      StringBuilder s = new StringBuilder();
      if (types.length == 0) {
        s.append("1 = 1");
      } else {
        s.append(alias).append(".fact_type in (");
        for (int i = 0; i < types.length; i++) {
          s.append(i == 0 ? "" : ", ").append('\'').append(types[i].name()).append('\'');
        }
        s.append(')');
      }
      if (range) {
        s.append(" and ").append(alias).append(".escalated_at >= :from and ").append(alias).append(".escalated_at < :to");
        params.addValue("from", OffsetDateTime.ofInstant(filter.fromInstant(), ZoneOffset.UTC));
        params.addValue("to", OffsetDateTime.ofInstant(filter.toInstant(), ZoneOffset.UTC));
      }
      if (filter.level() != null) {
        params.addValue("level", filter.level());
        if (level) {
          s.append(" and ").append(alias).append(".level = :level");
        }
      }
      add(s, "account_tier", "tier", filter.accountTier());
      add(s, "category", "category", filter.category());
      add(s, "issue_type", "issueType", filter.issueType());
      sql = s.toString();
      return this;
    }

    private void add(StringBuilder s, String column, String param, String value) {
      if (value != null) {
        s.append(" and ").append(alias).append('.').append(column).append(" = :").append(param);
        params.addValue(param, value);
      }
    }
  }
}
