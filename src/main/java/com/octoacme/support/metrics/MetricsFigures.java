package com.octoacme.support.metrics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The figures' JSON shapes. Durations are in minutes (two decimals), shares in percent (two decimals). */
public final class MetricsFigures {

  private MetricsFigures() {}

  @Schema(name = "Figure", description = "A figure's rows, with the range and filters it was computed with.")
  public record Figure<R>(String figure, MetricsFilter filter, List<R> rows) {}

  @Schema(name = "DurationRow", description = "Durations at one level: average, median and 90th percentile "
      + "(linear interpolation), in minutes, in wall-clock time and in business time of the level's SLA calendar "
      + "(24x7 levels: the same as wall-clock time).")
  public record DurationRow(String level, long count, double avgWallMinutes, double medianWallMinutes,
      double p90WallMinutes, double avgBusinessMinutes, double medianBusinessMinutes, double p90BusinessMinutes) {}

  @Schema(name = "VolumeRow", description = "Escalations opened in the range, per category or per opening level.")
  public record VolumeRow(String key, long escalations) {}

  @Schema(name = "CsatRow", description = "Escalations whose latest CSAT score is this score (1-5).")
  public record CsatRow(int score, long escalations) {}

  @Schema(name = "CsatFigure", description = "CSAT of escalations opened in the range: the latest score of each "
      + "escalation; pending = resolved, not closed, no score received yet.")
  public record CsatFigure(String figure, MetricsFilter filter, Double average, long scored, long pending,
      List<CsatRow> rows) {}

  @Schema(name = "ReEscalationRow", description = "Per opening level: escalations, and those re-escalated "
      + "(changed level upward more than once, or reopened after resolution).")
  public record ReEscalationRow(String level, long escalations, long reEscalated, double ratePercent) {}

  @Schema(name = "ReEscalationFigure")
  public record ReEscalationFigure(String figure, MetricsFilter filter, long escalations, long reEscalated,
      double ratePercent, List<ReEscalationRow> rows) {}

  @Schema(name = "SlaComplianceRow", description = "Per level: response clocks met (first response within the SLA) "
      + "and missed (late, or breached), resolution clocks met and missed, and the share met in percent "
      + "(null when none ended).")
  public record SlaComplianceRow(String level, long responsesMet, long responsesMissed, Double responsePercent,
      long resolutionsMet, long resolutionsMissed, Double resolutionPercent) {}

  @Schema(name = "OpenRow", description = "Escalations open now at their current level, and those of them with an "
      + "SLA breach. Not limited by the date range.")
  public record OpenRow(String level, long open, long breached) {}

  @Schema(name = "EscalationRef", description = "An escalation behind a figure: its ticket ID (business key in "
      + "Cockpit and Tasklist) and dimensions. No customer names or contact data.")
  public record EscalationRef(String ticketId, String openedAtLevel, String accountTier, String category,
      String issueType, Instant escalatedAt) {}
}
