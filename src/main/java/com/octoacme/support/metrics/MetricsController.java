package com.octoacme.support.metrics;

import com.octoacme.support.escalation.InvalidFieldException;
import com.octoacme.support.metrics.MetricsFigures.CsatFigure;
import com.octoacme.support.metrics.MetricsFigures.CsatRow;
import com.octoacme.support.metrics.MetricsFigures.DurationRow;
import com.octoacme.support.metrics.MetricsFigures.EscalationRef;
import com.octoacme.support.metrics.MetricsFigures.OpenRow;
import com.octoacme.support.metrics.MetricsFigures.ReEscalationFigure;
import com.octoacme.support.metrics.MetricsFigures.ReEscalationRow;
import com.octoacme.support.metrics.MetricsFigures.SlaComplianceRow;
import com.octoacme.support.metrics.MetricsFigures.VolumeRow;
import com.octoacme.support.metrics.MetricsQueries.Figure;
import com.octoacme.support.sla.BusinessCalendar;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The escalation metrics for support leads: JSON per figure, and each figure's rows as CSV
 * ({@code <figure>.csv}). Who may read what is in SecurityConfiguration (the product team: the volume by
 * category only).
 */
@RestController
@RequestMapping(MetricsController.BASE_PATH)
@Tag(name = "Escalation metrics", description = "Figures over the escalations opened in a date range, filterable "
    + "by level, account tier, category and issue type. Durations in minutes, shares in percent. Each figure "
    + "also as CSV: append .csv to its path. For support and the leads (engineering-leads, product-managers, "
    + "executives); the product team reads the volume by category only.")
class MetricsController {

  static final String BASE_PATH = "/api/metrics";
  static final String CSV = "text/csv";
  static final List<String> PARAMETERS = List.of("from", "to", "level", "accountTier", "category", "issueType", "score");

  private final MetricsQueries queries;
  private final BusinessCalendar calendar;

  MetricsController(MetricsQueries queries, BusinessCalendar calendar) {
    this.queries = queries;
    this.calendar = calendar;
  }

  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(in = ParameterIn.QUERY, name = "from", description = "First opening date (inclusive), e.g. 2026-11-01; "
      + "default 29 days before 'to'.", schema = @Schema(type = "string", format = "date"))
  @Parameter(in = ParameterIn.QUERY, name = "to", description = "Last opening date (inclusive); default today, in "
      + "the support centre's time zone.", schema = @Schema(type = "string", format = "date"))
  @Parameter(in = ParameterIn.QUERY, name = "level", description = "Only facts at this level, e.g. L2 (volume and "
      + "re-escalation: the opening level; open: the current level).")
  @Parameter(in = ParameterIn.QUERY, name = "accountTier", description = "Only escalations of this account tier, e.g. ENTERPRISE.")
  @Parameter(in = ParameterIn.QUERY, name = "category", description = "BUG, FEATURE, CONFIGURATION, DOCUMENTATION or OTHER.")
  @Parameter(in = ParameterIn.QUERY, name = "issueType", description = "Only escalations of this issue type, e.g. CONFIRMED_BUG.")
  @ApiResponse(responseCode = "400", description = "A bad parameter; 'field' names it.",
      content = @Content(schema = @Schema(implementation = com.octoacme.support.intake.ApiError.class)))
  @ApiResponse(responseCode = "401", description = "No or wrong credentials.", content = @Content)
  @ApiResponse(responseCode = "403", description = "Not for the caller's groups.", content = @Content)
  @interface FilterParameters {}

  @GetMapping(value = "/first-response", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Time to first response by level", description = "From entering the level to each handler "
      + "group's acknowledgement: average, median and p90, in business time of the level's SLA calendar and in wall "
      + "time.")
  @ApiResponse(responseCode = "200", description = "One row per level.")
  @FilterParameters
  MetricsFigures.Figure<DurationRow> firstResponse(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return figure(Figure.FIRST_RESPONSE, params, queries::firstResponse);
  }

  @GetMapping(value = "/first-response.csv", produces = CSV)
  @Operation(summary = "Time to first response by level, as CSV")
  @FilterParameters
  ResponseEntity<String> firstResponseCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.FIRST_RESPONSE, DurationRow.class, firstResponse(params).rows());
  }

  @GetMapping(value = "/resolution", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Resolution time by level", description = "From opening the escalation to its resolution, by "
      + "the level that resolved it: average, median and p90, business time (the resolving level's SLA calendar) and "
      + "wall time. A reopened escalation resolved again counts once per resolution.")
  @ApiResponse(responseCode = "200", description = "One row per level.")
  @FilterParameters
  MetricsFigures.Figure<DurationRow> resolution(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return figure(Figure.RESOLUTION, params, queries::resolution);
  }

  @GetMapping(value = "/resolution.csv", produces = CSV)
  @Operation(summary = "Resolution time by level, as CSV")
  @FilterParameters
  ResponseEntity<String> resolutionCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.RESOLUTION, DurationRow.class, resolution(params).rows());
  }

  @GetMapping(value = "/volume-by-category", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Escalation volume by category", description = "Escalations opened, per category: the "
      + "Requested Action (bug fix, feature enhancement, configuration change, documentation update, in this order), "
      + "else the issue type (a bug or a configuration issue), else OTHER.")
  @ApiResponse(responseCode = "200", description = "One row per category, all five.")
  @FilterParameters
  MetricsFigures.Figure<VolumeRow> volumeByCategory(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return figure(Figure.VOLUME_BY_CATEGORY, params, queries::volumeByCategory);
  }

  @GetMapping(value = "/volume-by-category.csv", produces = CSV)
  @Operation(summary = "Escalation volume by category, as CSV")
  @FilterParameters
  ResponseEntity<String> volumeByCategoryCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.VOLUME_BY_CATEGORY, VolumeRow.class, volumeByCategory(params).rows());
  }

  @GetMapping(value = "/volume-by-level", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Escalation volume by level", description = "Escalations opened, per the level they opened at.")
  @ApiResponse(responseCode = "200", description = "One row per level.")
  @FilterParameters
  MetricsFigures.Figure<VolumeRow> volumeByLevel(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return figure(Figure.VOLUME_BY_LEVEL, params, queries::volumeByLevel);
  }

  @GetMapping(value = "/volume-by-level.csv", produces = CSV)
  @Operation(summary = "Escalation volume by level, as CSV")
  @FilterParameters
  ResponseEntity<String> volumeByLevelCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.VOLUME_BY_LEVEL, VolumeRow.class, volumeByLevel(params).rows());
  }

  @GetMapping(value = "/csat", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Customer satisfaction (CSAT) of escalated issues", description = "Average and distribution "
      + "(1-5) of each escalation's latest score, and the count still pending (resolved, not closed, no score yet).")
  @ApiResponse(responseCode = "200", description = "Average, counts, one row per score.")
  @FilterParameters
  CsatFigure csat(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    MetricsFilter filter = filter(params);
    MetricsQueries.CsatCounts counts = queries.csat(filter);
    List<CsatRow> rows = counts.rows();
    long scored = rows.stream().mapToLong(CsatRow::escalations).sum();
    long sum = rows.stream().mapToLong(r -> r.score() * r.escalations()).sum();
    Double average = scored == 0 ? null : Math.round(sum * 100.0 / scored) / 100.0;
    return new CsatFigure(Figure.CSAT.path, filter, average, scored, counts.pending(), rows);
  }

  @GetMapping(value = "/csat.csv", produces = CSV)
  @Operation(summary = "CSAT distribution, as CSV")
  @FilterParameters
  ResponseEntity<String> csatCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.CSAT, CsatRow.class, csat(params).rows());
  }

  @GetMapping(value = "/re-escalation", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Re-escalation rate", description = "Escalations that changed level upward more than once "
      + "(by hand or on an SLA breach), or were reopened after their resolution, over all escalations opened in the "
      + "range; in total and per opening level.")
  @ApiResponse(responseCode = "200", description = "The rate in total, one row per opening level.")
  @FilterParameters
  ReEscalationFigure reEscalation(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    MetricsFilter filter = filter(params);
    List<ReEscalationRow> rows = queries.reEscalation(filter);
    long all = rows.stream().mapToLong(ReEscalationRow::escalations).sum();
    long again = rows.stream().mapToLong(ReEscalationRow::reEscalated).sum();
    return new ReEscalationFigure(Figure.RE_ESCALATION.path, filter, all, again,
        all == 0 ? 0 : Math.round(again * 10000.0 / all) / 100.0, rows);
  }

  @GetMapping(value = "/re-escalation.csv", produces = CSV)
  @Operation(summary = "Re-escalation rate per opening level, as CSV")
  @FilterParameters
  ResponseEntity<String> reEscalationCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.RE_ESCALATION, ReEscalationRow.class, reEscalation(params).rows());
  }

  @GetMapping(value = "/sla-compliance", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "SLA compliance by level", description = "Response: first responses within the response SLA "
      + "over first responses and response breaches at the level. Resolution: resolutions within the resolution SLA "
      + "over resolutions and resolution breaches at the level.")
  @ApiResponse(responseCode = "200", description = "One row per level.")
  @FilterParameters
  MetricsFigures.Figure<SlaComplianceRow> slaCompliance(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return figure(Figure.SLA_COMPLIANCE, params, queries::slaCompliance);
  }

  @GetMapping(value = "/sla-compliance.csv", produces = CSV)
  @Operation(summary = "SLA compliance by level, as CSV")
  @FilterParameters
  ResponseEntity<String> slaComplianceCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.SLA_COMPLIANCE, SlaComplianceRow.class, slaCompliance(params).rows());
  }

  @GetMapping(value = "/open", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Open escalations and open breaches now, by current level", description = "Escalations not "
      + "closed, by the level they are at now, and those of them that had an SLA breach. The date range does not "
      + "apply; the other filters do.")
  @ApiResponse(responseCode = "200", description = "One row per level.")
  @FilterParameters
  MetricsFigures.Figure<OpenRow> open(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return figure(Figure.OPEN, params, queries::open);
  }

  @GetMapping(value = "/open.csv", produces = CSV)
  @Operation(summary = "Open escalations and breaches by level, as CSV")
  @FilterParameters
  ResponseEntity<String> openCsv(@Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(Figure.OPEN, OpenRow.class, open(params).rows());
  }

  @GetMapping(value = "/{figure}/escalations", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The escalations behind a bar of a figure", description = "Ticket IDs (business keys: "
      + "search them in Cockpit or Tasklist) with their opening level, tier, category and issue type. Set the bar's "
      + "level, category (or, for csat, score) as a filter. sla-compliance lists the misses; re-escalation the "
      + "re-escalated. At most " + MetricsQueries.MAX_ESCALATIONS_LISTED + ", oldest first.")
  @ApiResponse(responseCode = "200", description = "The escalations.")
  @FilterParameters
  @Parameter(in = ParameterIn.QUERY, name = "score", description = "csat only: the score (1-5) of the bar.")
  @Parameter(in = ParameterIn.PATH, name = "figure", description = "first-response, volume-by-category, "
      + "volume-by-level, csat, re-escalation, resolution, sla-compliance or open; another is refused (400).")
  MetricsFigures.Figure<EscalationRef> escalations(@PathVariable("figure") String figure,
      @Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    Figure which = figureOf(figure);
    MetricsFilter filter = filter(params);
    return new MetricsFigures.Figure<>(which.path + "/escalations", filter,
        queries.escalations(which, filter, score(params.get("score"))));
  }

  @GetMapping(value = "/{figure}/escalations.csv", produces = CSV)
  @Operation(summary = "The escalations behind a bar of a figure, as CSV")
  @FilterParameters
  ResponseEntity<String> escalationsCsv(@PathVariable("figure") String figure,
      @Parameter(hidden = true) @RequestParam java.util.Map<String, String> params) {
    return csv(figureOf(figure), "-escalations", EscalationRef.class, escalations(figure, params).rows());
  }

  private <R> MetricsFigures.Figure<R> figure(Figure figure, java.util.Map<String, String> params,
      Function<MetricsFilter, List<R>> query) {
    MetricsFilter filter = filter(params);
    return new MetricsFigures.Figure<>(figure.path, filter, query.apply(filter));
  }

  private MetricsFilter filter(java.util.Map<String, String> params) {
    params.keySet().stream().filter(name -> !PARAMETERS.contains(name)).findFirst().ifPresent(name -> {
      throw new InvalidFieldException(name, "unknown parameter '" + name + "'; known: " + PARAMETERS);
    });
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(calendar.defaultZone()).toLocalDate();
    return MetricsFilter.parse(params.get("from"), params.get("to"), params.get("level"), params.get("accountTier"),
        params.get("category"), params.get("issueType"), calendar.defaultZone(), today);
  }

  private static Figure figureOf(String path) {
    return Arrays.stream(Figure.values()).filter(f -> f.path.equals(path)).findFirst()
        .orElseThrow(() -> new InvalidFieldException("figure", "no figure '" + path + "'; one of "
            + Arrays.stream(Figure.values()).map(f -> f.path).toList()));
  }

  private static Integer score(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int score = Integer.parseInt(value.trim());
      if (score >= 1 && score <= 5) {
        return score;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new InvalidFieldException("score", "score must be a whole number from 1 to 5");
  }

  private static <R extends Record> ResponseEntity<String> csv(Figure figure, Class<R> type, List<R> rows) {
    return csv(figure, "", type, rows);
  }

  private static <R extends Record> ResponseEntity<String> csv(Figure figure, String suffix, Class<R> type, List<R> rows) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + figure.path + suffix + ".csv\"")
        .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(Csv.of(type, rows));
  }
}
