package com.octoacme.support.sla;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.Actors;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.notification.Notifications;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A share of an SLA has passed (the policy's warning threshold): tells whoever has the task, the
 * assignee, or else the candidate groups. Input {@code warnedSla}: RESPONSE or RESOLUTION. A warning whose
 * breach came first never runs: the breach ends the level's scope ("SLA breached" is a terminate end event),
 * which deletes the pending warning job, and the breach records the warning as skipped.
 */
@Component("warnOfSlaBreach")
public class WarnOfSlaBreach implements JavaDelegate {

  static final String ACKNOWLEDGE_TASK = EscalationModel.TASK_ACKNOWLEDGE_ESCALATION;
  static final String RESOLVE_TASK = EscalationModel.TASK_RESOLVE_ESCALATION;

  private final EscalationHistory history;
  private final Notifications notifications;
  private final TaskHolders holders;

  public WarnOfSlaBreach(EscalationHistory history, Notifications notifications, TaskHolders holders) {
    this.history = history;
    this.notifications = notifications;
    this.holders = holders;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaKind kind = SlaKind.valueOf(WARNED_SLA.fromLocal(execution));
    Date dueAt = (kind == SlaKind.RESPONSE ? RESPONSE_DUE_AT : RESOLUTION_DUE_AT).require(execution);
    Set<String> recipients = holders.of(execution.getProcessInstanceId(), kind == SlaKind.RESPONSE ? ACKNOWLEDGE_TASK : RESOLVE_TASK);
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.SLA_WARNING,
        kind + " due " + dueAt.toInstant() + "; warned " + String.join(", ", recipients), Actors.SLA_CLOCK, dueAt);
    notifications.warnOfSla(execution, kind.name(), dueAt, recipients);
  }
}
