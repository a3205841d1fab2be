package com.octoacme.support.communication;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * On entering a level: completes the communication plan where the escalation left it open (the
 * level's default update frequency, the next update one interval from now, the opener as point of
 * contact) and ticks "Scheduled follow-up reminders" (the update timer of the level is armed).
 */
@Component("setUpCustomerCommunication")
public class SetUpCustomerCommunication implements JavaDelegate {

  private final CustomerUpdates customerUpdates;

  public SetUpCustomerCommunication(CustomerUpdates customerUpdates) {
    this.customerUpdates = customerUpdates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    UpdateFrequency frequency = customerUpdates.frequencyOf(execution);
    UPDATE_FREQUENCY.set(execution, frequency.name());
    NEXT_UPDATE_DUE.set(execution, Date.from(customerUpdates.nextUpdateDueOf(execution, frequency)));
    if (POINT_OF_CONTACT.from(execution).filter(s -> !s.isBlank()).isEmpty()) {
      OPENED_BY.from(execution).ifPresent(user -> POINT_OF_CONTACT.set(execution, user));
    }
    if (REMINDERS_SCHEDULED_AT.from(execution).isEmpty()) {
      REMINDERS_SCHEDULED_AT.set(execution, Date.from(now));
    }
  }
}
