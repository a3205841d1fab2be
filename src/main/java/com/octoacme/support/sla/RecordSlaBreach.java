package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.Actors;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.LevelOutcome;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A response or resolution timer fired: records the breach with its due instant and hands the
 * policy's breach action to the process. Which SLA comes from the task's input {@code breachedSla}.
 * If the clock's warning has not happened (both timers overdue at once after a backlog: the breach runs
 * first and removes the warning's timer), records the warning as skipped, with the reason.
 */
@Component("recordSlaBreach")
public class RecordSlaBreach implements JavaDelegate {

  private final EscalationHistory history;
  private final SlaClock clock;
  private final SlaWarnings warnings;

  public RecordSlaBreach(EscalationHistory history, SlaClock clock, SlaWarnings warnings) {
    this.history = history;
    this.clock = clock;
    this.warnings = warnings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaKind kind = SlaKind.valueOf(BREACHED_SLA.fromLocal(execution));
    Date dueAt = (kind == SlaKind.RESPONSE ? RESPONSE_DUE_AT : RESOLUTION_DUE_AT).require(execution);
    String level = ESCALATION_LEVEL.require(execution);
    String reason = (kind == SlaKind.RESPONSE ? "Response time" : "Resolution target") + " of " + level
        + " exceeded (due " + dueAt.toInstant() + ")";
    String ticketId = TICKET_ID.require(execution);
    boolean warningMissing = !warnings.warnedOrSkipped(ticketId, kind, dueAt);
    EscalationEvent breach = history.recordEvent(execution, execution.getProcessInstanceId(), SlaWarnings.breachOf(kind),
        reason, Actors.SLA_CLOCK, dueAt);
    if (warningMissing) {
      // No warning lost without a trace: the breach mail says so too (informLevelLead reads this event).
      Date warningAt = (kind == SlaKind.RESPONSE ? RESPONSE_WARNING_AT : RESOLUTION_WARNING_AT).from(execution).orElse(null);
      history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.SLA_WARNING_SKIPPED,
          SlaWarnings.skippedDetail(kind, warningAt, breach.getOccurredAt()), Actors.SLA_CLOCK, dueAt);
    }
    LEVEL_OUTCOME.set(execution, LevelOutcome.SLA_BREACHED.name());
    LEVEL_CHANGE_REASON.set(execution, reason);
    LEVEL_CHANGE_REQUESTED_BY.set(execution, Actors.SLA_CLOCK);
    BREACH_ACTION.set(execution, clock.policyOf(EscalationHandlers.currentLevel(execution)).breachAction().name());
  }
}
