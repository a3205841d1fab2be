package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.LEVEL_ENTERED_AT;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import com.octoacme.support.escalation.EscalationHandlers;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * On entering a level whose policy mails its handlers (bpmn/level-policy.dmn; the model routes here only
 * then): the template's "Initial Escalation Email to Engineering" to the level's handler groups. Once per entry into a level (keyed by the level's entry
 * instant), so re-entering a level mails again but a retried step does not. Needs the level's SLA
 * clocks started (its response due date is in the mail).
 */
@Component("notifyHandlerGroup")
public class NotifyHandlerGroup implements JavaDelegate {

  private final Notifications notifications;
  private final EscalationHandlers handlers;
  private final MailModel mailModel;

  public NotifyHandlerGroup(Notifications notifications, EscalationHandlers handlers, MailModel mailModel) {
    this.notifications = notifications;
    this.handlers = handlers;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String level = EscalationHandlers.currentLevel(execution);
    List<String> groups = handlers.groupsOf(execution);
    String ticketId = TICKET_ID.require(execution);
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("handlerGroups", String.join(", ", groups));
    notifications.enqueue(new Notification(NotificationKind.ENGINEERING_ESCALATION,
        Notifications.key(ticketId, NotificationKind.ENGINEERING_ESCALATION, level, LEVEL_ENTERED_AT.require(execution)),
        ticketId, groups.stream().map(Recipient::group).toList(), model));
  }
}
