package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.LEVEL_ENTERED_AT;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationLevel;
import com.octoacme.support.escalation.EscalationLevels;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * On entering a level that leaves Support (L2 and up): the template's "Initial Escalation Email to
 * Engineering" to the level's handler groups. Once per entry into a level (keyed by the level's entry
 * instant), so re-entering a level mails again but a retried step does not. Needs the level's SLA
 * clocks started (its response due date is in the mail).
 */
@Component("notifyHandlerGroup")
public class NotifyHandlerGroup implements JavaDelegate {

  private final Notifications notifications;
  private final EscalationLevels levels;
  private final MailModel mailModel;

  public NotifyHandlerGroup(Notifications notifications, EscalationLevels levels, MailModel mailModel) {
    this.notifications = notifications;
    this.levels = levels;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EscalationLevel level = EscalationHandlers.currentLevel(execution);
    if (!level.leavesSupport()) {
      return;
    }
    List<String> groups = levels.of(level).handlerGroups();
    String ticketId = TICKET_ID.require(execution);
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("handlerGroups", String.join(", ", groups));
    notifications.enqueue(new Notification(NotificationKind.ENGINEERING_ESCALATION,
        Notifications.key(ticketId, NotificationKind.ENGINEERING_ESCALATION, level, LEVEL_ENTERED_AT.require(execution)),
        ticketId, groups.stream().map(Recipient::group).toList(), model));
  }
}
