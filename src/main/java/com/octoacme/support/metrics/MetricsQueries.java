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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures as SQL over {@code escalation_fact} (standard SQL: PostgreSQL and H2). Each reads one or a few
 * fact types over a range of {@code escalated_at}, which the index {@code idx_escalation_fact_figures} covers.
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

  private List<DurationRow> durations(FactType type, MetricsFilter filter) {
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
    Where where = where("f", filter).type(FactType.ESCALATED);
    jdbc.query("select f.category, count(*) n from escalation_fact f where " + where.sql + " group by f.category",
        where.params, rs -> { counts.put(rs.getString("category"), rs.getLong("n")); });
    if (filter.category() != null) {
      counts.keySet().retainAll(List.of(filter.category()));
    }
    return counts.entrySet().stream().map(e -> new VolumeRow(e.getKey(), e.getValue())).toList();
  }

  public List<VolumeRow> volumeByLevel(MetricsFilter filter) {
    Where where = where("f", filter).type(FactType.ESCALATED);
    return jdbc.query("select f.level, count(*) n from escalation_fact f where " + where.sql
        + " group by f.level order by f.level", where.params, (rs, i) -> new VolumeRow(rs.getString("level"), rs.getLong("n")));
  }

  /** The CSAT figure's counts: escalations per latest score, and those resolved without a score yet. */
  public record CsatCounts(List<CsatRow> rows, long pending) {}

  /**
   * In one pass over the resolutions and scored facts (CSAT received, closed): each escalation's latest score,
   * as every scored fact adds its score and takes away the one it replaces; pending = escalations with a first
   * resolution minus those with a first score. No escalation's history is read.
   */
  public CsatCounts csat(MetricsFilter filter) {
    Where where = where("f", filter).types(FactType.RESOLVED, FactType.CSAT_RECEIVED, FactType.CLOSED);
    StringBuilder sql = new StringBuilder("select");
    for (int score = 1; score <= 5; score++) {
      sql.append(" sum(case when f.csat_score = ").append(score).append(" then 1 else 0 end)")
          .append(" - sum(case when f.csat_replaces = ").append(score).append(" then 1 else 0 end) s").append(score).append(',');
    }
    sql.append(" sum(case when f.fact_type = 'RESOLVED' and f.first_of_type = true then 1 else 0 end) resolved,")
        .append(" sum(case when f.fact_type <> 'RESOLVED' and f.csat_score is not null and f.csat_replaces is null")
        .append(" then 1 else 0 end) scored from escalation_fact f where ").append(where.sql);
    return jdbc.queryForObject(sql.toString(), where.params, (rs, i) -> {
      List<CsatRow> rows = new ArrayList<>();
      for (int score = 1; score <= 5; score++) {
        rows.add(new CsatRow(score, rs.getLong("s" + score)));
      }
      return new CsatCounts(rows, Math.max(0, rs.getLong("resolved") - rs.getLong("scored")));
    });
  }

  /** Per opening level: escalations opened, and those of them that became re-escalations (RE_ESCALATED facts). */
  public List<ReEscalationRow> reEscalation(MetricsFilter filter) {
    Where opened = where("f", filter).type(FactType.ESCALATED);
    Where again = where("f", filter).withoutLevel().type(FactType.RE_ESCALATED);
    Map<String, long[]> byLevel = new java.util.TreeMap<>();
    jdbc.query("select f.level, count(*) n from escalation_fact f where " + opened.sql + " group by f.level",
        opened.params, rs -> { byLevel.computeIfAbsent(rs.getString("level"), k -> new long[2])[0] = rs.getLong("n"); });
    jdbc.query("select f.from_level, count(*) n from escalation_fact f where " + again.sql
        + (filter.level() != null ? " and f.from_level = :level" : "") + " group by f.from_level", again.params,
        rs -> { byLevel.computeIfAbsent(rs.getString("from_level"), k -> new long[2])[1] = rs.getLong("n"); });
    return byLevel.entrySet().stream().map(e -> new ReEscalationRow(e.getKey(), e.getValue()[0], e.getValue()[1],
        percent(e.getValue()[1], e.getValue()[0]))).toList();
  }

  public List<SlaComplianceRow> slaCompliance(MetricsFilter filter) {
    Where where = where("f", filter).types(FactType.FIRST_RESPONSE, FactType.RESOLVED, FactType.BREACH);
    String sql = "select f.level,"
        + " sum(case when f.fact_type = 'FIRST_RESPONSE' and f.within_sla = true then 1 else 0 end) rm,"
        + " sum(case when (f.fact_type = 'FIRST_RESPONSE' and f.within_sla = false)"
        + "   or (f.fact_type = 'BREACH' and f.sla_kind = 'RESPONSE') then 1 else 0 end) rx,"
        + " sum(case when f.fact_type = 'RESOLVED' and f.within_sla = true then 1 else 0 end) sm,"
        + " sum(case when (f.fact_type = 'RESOLVED' and f.within_sla = false)"
        + "   or (f.fact_type = 'BREACH' and f.sla_kind = 'RESOLUTION') then 1 else 0 end) sx"
        + " from escalation_fact f where " + where.sql + " group by f.level order by f.level";
    return jdbc.query(sql, where.params, (rs, i) -> {
      long rm = rs.getLong("rm"), rx = rs.getLong("rx"), sm = rs.getLong("sm"), sx = rs.getLong("sx");
      return new SlaComplianceRow(rs.getString("level"), rm, rx, rm + rx == 0 ? null : percent(rm, rm + rx),
          sm, sx, sm + sx == 0 ? null : percent(sm, sm + sx));
    });
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
