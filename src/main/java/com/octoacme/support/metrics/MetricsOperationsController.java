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

  MetricsOperationsController(MetricsBackfill backfill) {
    this.backfill = backfill;
  }

  @PostMapping("/api/operations/metrics/backfill")
  @Operation(summary = "Backfill the metric facts of escalations recorded before the facts existed",
      description = "Replays each escalation's audit trail into facts; a fact already there is skipped, so running "
          + "it twice adds nothing the second time. Answers how many escalations it read and facts it added.")
  MetricsBackfill.Result backfill() {
    return backfill.backfill();
  }
}
