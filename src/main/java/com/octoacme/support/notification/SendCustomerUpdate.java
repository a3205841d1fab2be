package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Mail the customer update", after the point of contact completed "Send customer update" (whose
 * commit comes first): the template's "Customer Update Template" to the customer
 * (the address in "Reported By"; without one, to the point of contact, who passes it on), signed by
 * the point of contact. Numbers the updates ({@code customerUpdatesSent}); each number is sent once.
 * Only queued here: the person's completion never waits for, nor fails with, the mail server.
 */
@Component("sendCustomerUpdate")
public class SendCustomerUpdate implements JavaDelegate {

  private final Notifications notifications;
  private final MailModel mailModel;
  private final RecipientDirectory directory;
  private final com.octoacme.support.escalation.EscalationHistory history;

  public SendCustomerUpdate(Notifications notifications, MailModel mailModel, RecipientDirectory directory,
      com.octoacme.support.escalation.EscalationHistory history) {
    this.notifications = notifications;
    this.mailModel = mailModel;
    this.directory = directory;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution task) {
    long number = CUSTOMER_UPDATES_SENT.from(task).orElse(0L) + 1;
    String author = CUSTOMER_UPDATE_AUTHOR.require(task);
    String ticketId = TICKET_ID.require(task);
    String reportedBy = REPORTED_BY.from(task).orElse(null);
    String pointOfContact = POINT_OF_CONTACT.from(task).filter(s -> !s.isBlank()).orElse(null);

    List<Recipient> to = RecipientDirectory.customerOrPointOfContact(reportedBy, pointOfContact);
    Map<String, Object> model = mailModel.of(task, task.getProcessInstanceId());
    model.put("greetingName", RecipientDirectory.customerContactName(reportedBy)
        .orElse(CUSTOMER_NAME.from(task).orElse(null)));
    model.put("currentStatus", CURRENT_STATUS.from(task).map(MailModel::label).orElse(null));
    model.put("whatWeFound", WHAT_WE_FOUND.from(task).orElse(null));
    model.put("nextSteps", NEXT_STEPS.from(task).orElse(null));
    model.put("expectedTimeline", EXPECTED_TIMELINE.from(task).orElse(null));
    model.put("signedBy", directory.nameOfUser(pointOfContact != null ? pointOfContact : author));
    model.put("updateNumber", String.valueOf(number));
    notifications.enqueue(new Notification(NotificationKind.CUSTOMER_UPDATE,
        Notifications.key(ticketId, NotificationKind.CUSTOMER_UPDATE, number), ticketId,
        to.isEmpty() ? List.of(Recipient.user(author)) : to, model));
    CUSTOMER_UPDATES_SENT.set(task, number);
    history.recordEvent(task, task.getProcessInstanceId(), com.octoacme.support.escalation.EscalationEvent.Type.CUSTOMER_UPDATE_SENT,
        "Update " + number + ": " + CURRENT_STATUS.from(task).orElse(""), author, null);
  }
}
