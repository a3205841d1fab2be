package com.octoacme.support.communication;

import static com.octoacme.support.escalation.EscalationVariables.NEXT_UPDATE_DUE;
import static com.octoacme.support.escalation.EscalationVariables.UPDATE_FREQUENCY;

import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.EscalationHistory;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After an update went out: the next one is due one update interval from now (or when the handler
 * said, if later), and the update timer is re-armed at that instant.
 */
@Component("scheduleNextCustomerUpdate")
public class ScheduleNextCustomerUpdate implements JavaDelegate {

  private final CustomerUpdates customerUpdates;

  public ScheduleNextCustomerUpdate(CustomerUpdates customerUpdates) {
    this.customerUpdates = customerUpdates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EscalationHistory.now();
    Instant byFrequency = now.plus(UpdateFrequency.valueOf(UPDATE_FREQUENCY.require(execution)).interval());
    Instant next = NEXT_UPDATE_DUE.from(execution).map(Date::toInstant).filter(byFrequency::isBefore).orElse(byFrequency);
    NEXT_UPDATE_DUE.set(execution, Date.from(next));
    customerUpdates.rearmUpdateTimer(execution.getProcessInstanceId(), next);
  }
}
