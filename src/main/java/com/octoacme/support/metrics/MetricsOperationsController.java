package com.octoacme.support.metrics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' actions on the metrics (admins only: /api/operations/**). */
@RestController
@Tag(name = "Operations")
class MetricsOperationsController {

  private final MetricsBackfill backfill;
  private final MetricsRollup rollup;

  MetricsOperationsController(MetricsBackfill backfill, MetricsRollup rollup) {
    this.backfill = backfill;
    this.rollup = rollup;
  }

  @PostMapping("/api/operations/metrics/rollups")
  @Operation(summary = "Rebuild the figures' roll-ups from the facts",
      description = "Recomputes the daily, weekly and monthly roll-ups from escalation_fact (the truth), e.g. after "
          + "facts were restored or corrected outside the application. Live steps wait meanwhile (PostgreSQL: a "
          + "table lock); the figures never count a fact twice. Answers the facts read and rows written.")
  MetricsRollup.Rebuilt rebuildRollups() {
    return rollup.rebuild();
  }

  @PostMapping("/api/operations/metrics/backfill")
  @Operation(summary = "Backfill the metric facts of escalations recorded before the facts existed",
      description = "Replays each escalation's audit trail into facts; a fact already there is skipped, so running "
          + "it twice adds nothing the second time. Answers how many escalations it read and facts it added.")
  MetricsBackfill.Result backfill() {
    return backfill.backfill();
  }
}
