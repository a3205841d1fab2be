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

  public MetricsQueries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<DurationRow> firstResponse(MetricsFilter filter) {
    return durations(FactType.FIRST_RESPONSE, filter);
  }

  public List<DurationRow> resolution(MetricsFilter filter) {
    return durations(FactType.RESOLVED, filter);
  }

  private List<DurationRow> durations(FactType type, MetricsFilter filter) {
    Where where = where("f", filter).type(type);
    String sql = "select f.level, count(*) n,"
        + " avg(cast(f.wall_seconds as double precision)) aw,"
        + " percentile_cont(0.5) within group (order by f.wall_seconds) mw,"
        + " percentile_cont(0.9) within group (order by f.wall_seconds) pw,"
        + " avg(cast(f.business_seconds as double precision)) ab,"
        + " percentile_cont(0.5) within group (order by f.business_seconds) mb,"
        + " percentile_cont(0.9) within group (order by f.business_seconds) pb"
        + " from escalation_fact f where " + where.sql + " group by f.level order by f.level";
    return jdbc.query(sql, where.params, (rs, i) -> new DurationRow(rs.getString("level"), rs.getLong("n"),
        minutes(rs, "aw"), minutes(rs, "mw"), minutes(rs, "pw"), minutes(rs, "ab"), minutes(rs, "mb"), minutes(rs, "pb")));
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

  /** Each escalation's latest score: that of its closing (which always carries one), else its latest received. */
  public List<CsatRow> csat(MetricsFilter filter) {
    Where closed = where("f", filter).type(FactType.CLOSED);
    Where received = where("f", filter).type(FactType.CSAT_RECEIVED);
    String sql = "select s.csat_score, count(*) n from ("
        + " select f.csat_score from escalation_fact f where " + closed.sql + " and f.csat_score is not null"
        + " union all"
        + " select f.csat_score from escalation_fact f where " + received.sql + " and f.csat_score is not null"
        + " and not exists (select 1 from escalation_fact c where c.process_instance_id = f.process_instance_id"
        + "   and c.fact_type = 'CLOSED' and c.escalated_at = f.escalated_at)"
        + " and not exists (select 1 from escalation_fact n where n.process_instance_id = f.process_instance_id"
        + "   and n.fact_type = 'CSAT_RECEIVED' and n.escalated_at = f.escalated_at and n.id > f.id)"
        + ") s group by s.csat_score";
    long[] counts = new long[6];
    jdbc.query(sql, closed.params, rs -> {
      int score = rs.getInt("csat_score");
      if (score >= 1 && score <= 5) {
        counts[score] = rs.getLong("n");
      }
    });
    List<CsatRow> rows = new ArrayList<>();
    for (int score = 1; score <= 5; score++) {
      rows.add(new CsatRow(score, counts[score]));
    }
    return rows;
  }

  /** Resolved (at the filtered level), not closed, and no CSAT received. */
  public long csatPending(MetricsFilter filter) {
    Where where = where("f", filter).type(FactType.RESOLVED);
    String sql = "select count(distinct f.process_instance_id) from escalation_fact f where " + where.sql
        + " and not exists (select 1 from escalation_fact c where c.process_instance_id = f.process_instance_id"
        + "   and c.fact_type in ('CLOSED', 'CSAT_RECEIVED') and c.escalated_at = f.escalated_at)";
    return jdbc.queryForObject(sql, where.params, Long.class);
  }

  public List<ReEscalationRow> reEscalation(MetricsFilter filter) {
    Where where = where("f", filter).type(FactType.ESCALATED);
    String sql = "select f.level, count(*) n, sum(case when " + reEscalated("f") + " then 1 else 0 end) r"
        + " from escalation_fact f where " + where.sql + " group by f.level order by f.level";
    return jdbc.query(sql, where.params, (rs, i) -> new ReEscalationRow(rs.getString("level"), rs.getLong("n"),
        rs.getLong("r"), percent(rs.getLong("r"), rs.getLong("n"))));
  }

  /** Changed level upward more than once, or reopened: about the escalation of the ESCALATED fact {@code e}. */
  private static String reEscalated(String e) {
    return "((select count(*) from escalation_fact u where u.process_instance_id = " + e + ".process_instance_id"
        + " and u.fact_type = 'LEVEL_CHANGED' and u.upward = true and u.escalated_at = " + e + ".escalated_at) > 1"
        + " or exists (select 1 from escalation_fact o where o.process_instance_id = " + e + ".process_instance_id"
        + " and o.fact_type = 'REOPENED' and o.escalated_at = " + e + ".escalated_at))";
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

  /** Open now (no CLOSED fact), by current level (that of its latest fact); the range does not apply. */
  public List<OpenRow> open(MetricsFilter filter) {
    Where where = where("e", filter).withoutRange().withoutLevel().type(FactType.ESCALATED);
    String sql = "select o.level, count(*) n, sum(o.breached) b from (select"
        + " (select l.level from escalation_fact l where l.process_instance_id = e.process_instance_id"
        + "   order by l.id desc fetch first 1 rows only) level,"
        + " case when exists (select 1 from escalation_fact b where b.process_instance_id = e.process_instance_id"
        + "   and b.fact_type = 'BREACH') then 1 else 0 end breached"
        + " from escalation_fact e where " + where.sql
        + " and not exists (select 1 from escalation_fact c where c.process_instance_id = e.process_instance_id"
        + "   and c.fact_type = 'CLOSED')) o"
        + (filter.level() != null ? " where o.level = :level" : "") + " group by o.level order by o.level";
    return jdbc.query(sql, where.params, (rs, i) -> new OpenRow(rs.getString("level"), rs.getLong("n"), rs.getLong("b")));
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
      case RE_ESCALATION -> where("f", filter).type(FactType.ESCALATED);
      case OPEN -> null;
    };
    if (figure == Figure.OPEN) {
      Where open = where("f", filter).withoutRange().withoutLevel().type(FactType.ESCALATED);
      String sql = select("f") + " where " + open.sql
          + " and not exists (select 1 from escalation_fact c where c.process_instance_id = f.process_instance_id"
          + "   and c.fact_type = 'CLOSED')"
          + (filter.level() != null ? " and (select l.level from escalation_fact l where l.process_instance_id ="
              + " f.process_instance_id order by l.id desc fetch first 1 rows only) = :level" : "")
          + " order by f.escalated_at, f.ticket_id fetch first " + MAX_ESCALATIONS_LISTED + " rows only";
      return jdbc.query(sql, open.params, MetricsQueries::ref);
    }
    String condition = switch (figure) {
      case CSAT -> score == null ? "" : " and f.csat_score = :score";
      case SLA_COMPLIANCE -> " and (f.within_sla = false or f.fact_type = 'BREACH')";
      case RE_ESCALATION -> " and " + reEscalated("f");
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

  private static double minutes(ResultSet rs, String column) throws SQLException {
    double seconds = rs.getDouble(column);
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

    Where types(FactType... types) {
      StringBuilder s = new StringBuilder(alias + ".fact_type in (");
      for (int i = 0; i < types.length; i++) {
        s.append(i == 0 ? "" : ", ").append('\'').append(types[i].name()).append('\'');
      }
      s.append(')');
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
