package com.octoacme.support.sla;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin operation after a calendar change (a new holiday or closure in sla.calendar, other
 * working hours, a changed sla-policy.dmn): {@code POST /api/operations/sla/recalculate}.
 */
@RestController
@RequestMapping("/api/operations/sla")
public class SlaOperationsController {

  private final SlaRecalculation recalculation;

  public SlaOperationsController(SlaRecalculation recalculation) {
    this.recalculation = recalculation;
  }

  @PostMapping("/recalculate")
  public SlaRecalculation.Result recalculate() {
    return recalculation.recalculateRunningEscalations();
  }
}
