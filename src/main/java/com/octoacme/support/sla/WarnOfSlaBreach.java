package com.octoacme.support.sla;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.Actors;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.notification.Notifications;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A share of an SLA has passed (the policy's warning threshold): tells whoever has the task, the
 * assignee, or else the candidate groups. Input {@code warnedSla}: RESPONSE or RESOLUTION.
 */
@Component("warnOfSlaBreach")
public class WarnOfSlaBreach implements JavaDelegate {

  static final String ACKNOWLEDGE_TASK = "Task_AcknowledgeEscalation";
  static final String RESOLVE_TASK = "Task_ResolveEscalation";

  private static final Logger log = LoggerFactory.getLogger(WarnOfSlaBreach.class);

  private final EscalationHistory history;
  private final Notifications notifications;
  private final SlaWarnings warnings;

  public WarnOfSlaBreach(EscalationHistory history, Notifications notifications, SlaWarnings warnings) {
    this.history = history;
    this.notifications = notifications;
    this.warnings = warnings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SlaKind kind = SlaKind.valueOf(WARNED_SLA.fromLocal(execution));
    Date dueAt = (kind == SlaKind.RESPONSE ? RESPONSE_DUE_AT : RESOLUTION_DUE_AT).require(execution);
    String ticketId = TICKET_ID.require(execution);
    if (warnings.breached(ticketId, kind, dueAt)) {
      // The warning's timer fired but the breach ran first: it recorded this warning as skipped and its
      // mail says so; a warning now would come after the breach.
      log.info("{} warning of {} (due {}) not sent: the breach came first and recorded it as skipped", kind, ticketId,
          dueAt.toInstant());
      return;
    }
    Set<String> recipients = recipients(execution, kind == SlaKind.RESPONSE ? ACKNOWLEDGE_TASK : RESOLVE_TASK);
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.SLA_WARNING,
        kind + " due " + dueAt.toInstant() + "; warned " + String.join(", ", recipients), Actors.SLA_CLOCK, dueAt);
    notifications.warnOfSla(execution, kind.name(), dueAt, recipients);
  }

  /** The assignees of the open tasks, or the candidate groups of unassigned ones. */
  static Set<String> recipients(DelegateExecution execution, String taskDefinitionKey) {
    var taskService = execution.getProcessEngineServices().getTaskService();
    Set<String> recipients = new LinkedHashSet<>();
    for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskDefinitionKey).list()) {
      if (task.getAssignee() != null) {
        recipients.add("user:" + task.getAssignee());
      } else {
        taskService.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
            .map(IdentityLink::getGroupId).forEach(group -> recipients.add("group:" + group));
      }
    }
    return recipients;
  }
}
