package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationLevel;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Computes every SLA due instant of the escalation process: the timers and the tasks' due dates use these. */
@Service
public class SlaClock {

  public record DueInstants(Instant response, Instant resolution) {}

  private final SlaTargets targets;

  public SlaClock(SlaTargets targets) {
    this.targets = targets;
  }

  public DueInstants dueInstants(EscalationLevel level, Instant levelEnteredAt) {
    SlaTargets.Target target = targets.of(level);
    return new DueInstants(levelEnteredAt.plus(target.response()), levelEnteredAt.plus(target.resolution()));
  }
}
