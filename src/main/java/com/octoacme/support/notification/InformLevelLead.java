package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.BREACH_ACTION;
import static com.octoacme.support.escalation.EscalationVariables.LEVEL_CHANGE_REASON;
import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.escalation.EscalationLevel;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Informs the lead group of the level whose SLA was breached: records it in the audit trail and
 * mails the {@code sla-breach} notification to the group's address, once per breach (keyed by the
 * breached SLA and its due instant, from the breach just recorded). Runs after an async continuation
 * with a retry cycle (see the model), so a failure here becomes retries and then an incident.
 */
@Component("informLevelLead")
public class InformLevelLead implements JavaDelegate {

  private static final List<EscalationEvent.Type> BREACHES =
      List.of(EscalationEvent.Type.RESPONSE_SLA_BREACHED, EscalationEvent.Type.RESOLUTION_SLA_BREACHED);

  private final EscalationHandlers handlers;
  private final EscalationHistory history;
  private final EscalationEventRepository events;
  private final Notifications notifications;
  private final MailModel mailModel;

  public InformLevelLead(EscalationHandlers handlers, EscalationHistory history, EscalationEventRepository events,
      Notifications notifications, MailModel mailModel) {
    this.handlers = handlers;
    this.history = history;
    this.events = events;
    this.notifications = notifications;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String leadGroup = handlers.leadGroupOf(execution);
    String reason = LEVEL_CHANGE_REASON.from(execution).orElse("");
    history.recordEvent(execution, execution.getProcessInstanceId(), EscalationEvent.Type.LEAD_INFORMED,
        "Informed " + leadGroup + ": " + reason, null, null);

    String ticketId = TICKET_ID.require(execution);
    EscalationEvent breach = latestBreach(ticketId);
    String sla = breach.getType() == EscalationEvent.Type.RESPONSE_SLA_BREACHED ? "RESPONSE" : "RESOLUTION";
    EscalationLevel level = EscalationHandlers.currentLevel(execution);
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("sla", Notifications.slaName(sla));
    model.put("dueAt", mailModel.date(breach.getDueAt()));
    model.put("reason", reason.isEmpty() ? breach.getDetail() : reason);
    model.put("leadGroup", leadGroup);
    boolean staysAtLevel = "INFORM_LEAD".equals(BREACH_ACTION.from(execution).orElse("ESCALATE")) || level.up() == level;
    model.put("nextStep", staysAtLevel
        ? "The escalation stays at " + level + " with fresh SLA clocks."
        : "The escalation moves up to " + level.up() + " (" + level.up().title() + ").");
    model.put("warningSkipped", warningSkipped(ticketId, breach));
    notifications.enqueue(new Notification(NotificationKind.SLA_BREACH,
        Notifications.key(ticketId, NotificationKind.SLA_BREACH, sla, breach.getDueAt()), ticketId,
        List.of(Recipient.group(leadGroup)), model));
  }

  /** Why no warning came before this breach, if none did (recorded by the breach as SLA_WARNING_SKIPPED). */
  private String warningSkipped(String ticketId, EscalationEvent breach) {
    String sla = breach.getType() == EscalationEvent.Type.RESPONSE_SLA_BREACHED ? "RESPONSE" : "RESOLUTION";
    return events.findByTicketIdAndTypeOrderByIdAsc(ticketId, EscalationEvent.Type.SLA_WARNING_SKIPPED).stream()
        .filter(e -> breach.getDueAt().equals(e.getDueAt()) && e.getDetail().startsWith(sla + " "))
        .map(e -> e.getDetail().substring(e.getDetail().indexOf(": ") + 2))
        .findFirst().orElse(null);
  }

  private EscalationEvent latestBreach(String ticketId) {
    List<EscalationEvent> all = events.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(e -> BREACHES.contains(e.getType())).toList();
    if (all.isEmpty()) {
      throw new IllegalStateException("no SLA breach recorded for " + ticketId + " to inform the lead of");
    }
    return all.get(all.size() - 1);
  }
}
