package com.octoacme.support.communication;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationLevel;
import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.Enumerations.CustomerUpdateStatus;
import com.octoacme.support.notification.MailModel;
import com.octoacme.support.notification.Notification;
import com.octoacme.support.notification.NotificationKind;
import com.octoacme.support.notification.Notifications;
import com.octoacme.support.notification.Recipient;
import com.octoacme.support.notification.RecipientDirectory;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * On entering a level: completes the communication plan where the escalation left it open (the
 * level's default update frequency, the next update one interval from now, the opener as point of
 * contact) and ticks "Scheduled follow-up reminders" (the update timer of the level is armed). When
 * the escalation first leaves Support, tells the customer it was escalated and ticks "Notified
 * customer that issue has been escalated".
 */
@Component("setUpCustomerCommunication")
public class SetUpCustomerCommunication implements JavaDelegate {

  private final CustomerUpdates customerUpdates;
  private final Notifications notifications;
  private final MailModel mailModel;
  private final RecipientDirectory directory;

  public SetUpCustomerCommunication(CustomerUpdates customerUpdates, Notifications notifications, MailModel mailModel,
      RecipientDirectory directory) {
    this.customerUpdates = customerUpdates;
    this.notifications = notifications;
    this.mailModel = mailModel;
    this.directory = directory;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    EscalationLevel level = EscalationHandlers.currentLevel(execution);
    UpdateFrequency frequency = customerUpdates.frequencyOf(execution);
    UPDATE_FREQUENCY.set(execution, frequency.name());
    NEXT_UPDATE_DUE.set(execution, Date.from(customerUpdates.nextUpdateDueOf(execution, frequency)));
    if (POINT_OF_CONTACT.from(execution).filter(s -> !s.isBlank()).isEmpty()) {
      OPENED_BY.from(execution).ifPresent(user -> POINT_OF_CONTACT.set(execution, user));
    }
    if (REMINDERS_SCHEDULED_AT.from(execution).isEmpty()) {
      REMINDERS_SCHEDULED_AT.set(execution, Date.from(now));
    }
    if (level.leavesSupport() && CUSTOMER_NOTIFIED_AT.from(execution).isEmpty()) {
      notifyCustomerOfEscalation(execution, level);
      CUSTOMER_NOTIFIED_AT.set(execution, Date.from(now));
    }
  }

  /** The template's customer update, "Under investigation": the issue now has the attention of the level. */
  private void notifyCustomerOfEscalation(DelegateExecution execution, EscalationLevel level) {
    String ticketId = TICKET_ID.require(execution);
    String reportedBy = REPORTED_BY.from(execution).orElse(null);
    String pointOfContact = POINT_OF_CONTACT.from(execution).orElse(null);
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("greetingName", RecipientDirectory.customerContactName(reportedBy).orElse(CUSTOMER_NAME.from(execution).orElse(null)));
    model.put("currentStatus", MailModel.label(CustomerUpdateStatus.UNDER_INVESTIGATION.name()));
    model.put("whatWeFound", "We have escalated your issue to our " + level.title() + " team (" + level + ").");
    model.put("nextSteps", "The team will acknowledge it and share an initial assessment.");
    model.put("expectedTimeline", "We will update you by " + mailModel.date(NEXT_UPDATE_DUE.require(execution)) + ".");
    model.put("signedBy", directory.nameOfUser(pointOfContact));
    model.put("updateNumber", "0");
    List<Recipient> to = RecipientDirectory.customerOrPointOfContact(reportedBy, pointOfContact);
    if (!to.isEmpty()) {
      notifications.enqueue(new Notification(NotificationKind.CUSTOMER_UPDATE, ticketId + ":customer-update:escalated",
          ticketId, to, model));
    }
  }
}
