package com.octoacme.support.communication;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.Enumerations.CustomerUpdateStatus;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.notification.MailModel;
import com.octoacme.support.notification.Notification;
import com.octoacme.support.notification.NotificationKind;
import com.octoacme.support.notification.Notifications;
import com.octoacme.support.notification.Recipient;
import com.octoacme.support.notification.RecipientDirectory;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Tell the customer it was escalated" (the model comes here the first time the escalation enters a level
 * beyond Support): the template's customer update "Under investigation", and ticks "Notified customer
 * that issue has been escalated". It goes to the address in Reported By, else to the point of contact,
 * who passes it on; with neither there is nobody to tell, which is an error, not a skipped step.
 */
@Component("tellCustomerOfEscalation")
public class TellCustomerOfEscalation implements JavaDelegate {

  private final Notifications notifications;
  private final MailModel mailModel;
  private final RecipientDirectory directory;

  public TellCustomerOfEscalation(Notifications notifications, MailModel mailModel, RecipientDirectory directory) {
    this.notifications = notifications;
    this.mailModel = mailModel;
    this.directory = directory;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = TICKET_ID.require(execution);
    String reportedBy = REPORTED_BY.from(execution).orElse(null);
    String pointOfContact = POINT_OF_CONTACT.from(execution).orElse(null);
    List<Recipient> to = RecipientDirectory.customerOrPointOfContact(reportedBy, pointOfContact);
    if (to.isEmpty()) {
      throw new IllegalStateException("Nobody to tell that " + ticketId
          + " was escalated: Reported By has no e-mail address and there is no point of contact");
    }
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("greetingName", RecipientDirectory.customerContactName(reportedBy).orElse(CUSTOMER_NAME.from(execution).orElse(null)));
    model.put("currentStatus", MailModel.label(CustomerUpdateStatus.UNDER_INVESTIGATION.name()));
    model.put("whatWeFound", "We have escalated your issue to our " + LEVEL_TITLE.require(execution) + " team ("
        + ESCALATION_LEVEL.require(execution) + ").");
    model.put("nextSteps", "The team will acknowledge it and share an initial assessment.");
    model.put("expectedTimeline", "We will update you by " + mailModel.date(NEXT_UPDATE_DUE.require(execution)) + ".");
    model.put("signedBy", directory.nameOfUser(pointOfContact));
    model.put("updateNumber", "0");
    notifications.enqueue(new Notification(NotificationKind.CUSTOMER_UPDATE, ticketId + ":customer-update:escalated",
        ticketId, to, model));
    CUSTOMER_NOTIFIED_AT.set(execution, Date.from(EscalationHistory.now()));
  }
}
