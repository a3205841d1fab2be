package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The customer's update was not sent in time: the {@code customer-update-overdue} mail to the point
 * of contact (or, without one, to the fallback group, Support). Once per pending update.
 */
@Component("flagOverdueCustomerUpdate")
public class FlagOverdueCustomerUpdate implements JavaDelegate {

  private final Notifications notifications;
  private final MailModel mailModel;
  private final NotificationProperties properties;
  private final com.octoacme.support.escalation.EscalationHistory history;

  public FlagOverdueCustomerUpdate(Notifications notifications, MailModel mailModel, NotificationProperties properties,
      com.octoacme.support.escalation.EscalationHistory history) {
    this.history = history;
    this.notifications = notifications;
    this.mailModel = mailModel;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = TICKET_ID.require(execution);
    long pendingUpdate = CUSTOMER_UPDATES_SENT.from(execution).orElse(0L) + 1;
    Recipient to = POINT_OF_CONTACT.from(execution).filter(s -> !s.isBlank()).map(Recipient::user)
        .orElse(Recipient.group(properties.fallbackGroup()));
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("overdueSince", NEXT_UPDATE_DUE.from(execution).map(mailModel::date).orElse(null));
    notifications.enqueue(new Notification(NotificationKind.CUSTOMER_UPDATE_OVERDUE,
        Notifications.key(ticketId, NotificationKind.CUSTOMER_UPDATE_OVERDUE, pendingUpdate), ticketId,
        List.of(to), model));
    history.recordEvent(execution, execution.getProcessInstanceId(),
        com.octoacme.support.escalation.EscalationEvent.Type.CUSTOMER_UPDATE_OVERDUE,
        "Update " + pendingUpdate + " overdue since " + model.get("overdueSince"), null, NEXT_UPDATE_DUE.from(execution).orElse(null));
  }
}
