package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import com.octoacme.support.escalation.Actors;
import com.octoacme.support.escalation.LevelPolicies;
import com.octoacme.support.escalation.LevelPolicy;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.EscalationHistory;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After a level change: the {@code level-change} mail to the new level's lead group, with from, to,
 * why and who, read from the change just recorded (the latest of the ticket). Once per change. The
 * model does not come here after a breach that keeps the level: informLevelLead has mailed that lead.
 */
@Component("informOfLevelChange")
public class InformOfLevelChange implements JavaDelegate {

  private final EscalationHistory history;
  private final LevelPolicies levels;
  private final Notifications notifications;
  private final MailModel mailModel;
  private final RecipientDirectory directory;

  public InformOfLevelChange(EscalationHistory history, LevelPolicies levels, Notifications notifications,
      MailModel mailModel, RecipientDirectory directory) {
    this.history = history;
    this.levels = levels;
    this.notifications = notifications;
    this.mailModel = mailModel;
    this.directory = directory;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String ticketId = TICKET_ID.require(execution);
    LevelChange change = history.latestLevelChange(ticketId);
    LevelPolicy to = levels.of(change.getToLevel());
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    if (change.getFromLevel() != null) {
      model.put("fromLevel", change.getFromLevel());
      model.put("fromLevelTitle", levels.find(change.getFromLevel()).map(LevelPolicy::title).orElse(null));
    }
    model.put("toLevel", change.getToLevel());
    model.put("toLevelTitle", to.title());
    model.put("changeKind", MailModel.label(change.getKind().name()));
    model.put("reason", change.getReason());
    model.put("changedBy", Actors.SLA_CLOCK.equals(change.getChangedBy()) ? "the SLA clock"
        : directory.nameOfUser(change.getChangedBy()));
    model.put("changedAt", mailModel.date(change.getChangedAt()));
    model.put("handlerGroups", String.join(", ", to.handlerGroups()));
    notifications.enqueue(new Notification(NotificationKind.LEVEL_CHANGE,
        Notifications.key(ticketId, NotificationKind.LEVEL_CHANGE, change.getId()), ticketId,
        List.of(Recipient.group(to.leadGroup())), model));
  }
}
