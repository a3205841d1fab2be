package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.LEAD_GROUP;
import static com.octoacme.support.escalation.EscalationVariables.LEVEL_CHANGE_REASON;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.LevelPolicies;
import com.octoacme.support.escalation.LevelPolicy;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After an SLA breach and the level change the model chose for it: informs the lead group of the level
 * whose SLA was breached (the level's policy is still the breached level's: the next one is looked up
 * after this), records it in the audit trail and mails the {@code sla-breach} notification, once per
 * breach (keyed by the breached SLA and its due instant). The mail says what happened next: the level
 * change just recorded. Runs after an async continuation with a retry cycle (see the model), so a
 * failure here becomes retries and then an incident.
 */
@Component("informLevelLead")
public class InformLevelLead implements JavaDelegate {

  private final EscalationHistory history;
  private final LevelPolicies levels;
  private final Notifications notifications;
  private final MailModel mailModel;

  public InformLevelLead(EscalationHistory history, LevelPolicies levels, Notifications notifications,
      MailModel mailModel) {
    this.history = history;
    this.levels = levels;
    this.notifications = notifications;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String leadGroup = LEAD_GROUP.require(execution);
    String ticketId = TICKET_ID.require(execution);
    EscalationEvent breach = history.latestBreach(ticketId);
    LevelChange change = history.latestLevelChange(ticketId);
    String reason = LEVEL_CHANGE_REASON.from(execution).filter(s -> !s.isEmpty()).orElse(breach.getDetail());
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.LEAD_INFORMED,
        "Informed " + leadGroup + ": " + reason, null, null);

    String sla = breach.getType() == EscalationEvent.Type.RESPONSE_SLA_BREACHED ? "RESPONSE" : "RESOLUTION";
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("level", breach.getLevel());
    model.put("levelTitle", levels.find(breach.getLevel()).map(LevelPolicy::title).orElse(null));
    model.put("sla", Notifications.slaName(sla));
    model.put("dueAt", mailModel.date(breach.getDueAt()));
    model.put("reason", reason);
    model.put("leadGroup", leadGroup);
    model.put("nextStep", change.getToLevel().equals(change.getFromLevel())
        ? "The escalation stays at " + change.getToLevel() + " with fresh SLA clocks."
        : "The escalation moves up to " + change.getToLevel() + " ("
            + levels.find(change.getToLevel()).map(LevelPolicy::title).orElse(change.getToLevel()) + ").");
    model.put("warningSkipped", history.warningSkipped(ticketId, breach));
    notifications.enqueue(new Notification(NotificationKind.SLA_BREACH,
        Notifications.key(ticketId, NotificationKind.SLA_BREACH, sla, breach.getDueAt()), ticketId,
        List.of(Recipient.group(leadGroup)), model));
  }
}
