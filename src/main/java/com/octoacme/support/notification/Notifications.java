package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;
import static com.octoacme.support.notification.NotificationVariables.NOTIFICATION_KEY;

import com.octoacme.support.escalation.EscalationHandlers;
import com.octoacme.support.escalation.EscalationHistory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Queues notifications, exactly once each. Called inside the escalation's transaction (from its
 * delegates and listeners): renders the templates, stores the mail in the outbox and starts one
 * {@code notification-delivery} instance for it (business key: the ticket ID), which sends it in a
 * job of its own with retries. So the escalation never waits for SMTP, a rolled-back step queues
 * nothing, and an SMTP outage never rolls back a person's task. The delivery is started as the
 * system, whoever's action queued it (see {@link AsSystem}).
 */
@Service
public class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final MailTemplates templates;
  private final RecipientDirectory directory;
  private final NotificationRepository repository;
  private final RuntimeService runtime;
  private final MailModel mailModel;
  private final EscalationHandlers handlers;
  private final NotificationOutbox outbox;

  public Notifications(MailTemplates templates, RecipientDirectory directory, NotificationRepository repository,
      RuntimeService runtime, MailModel mailModel, EscalationHandlers handlers, NotificationOutbox outbox) {
    this.outbox = outbox;
    this.templates = templates;
    this.directory = directory;
    this.repository = repository;
    this.runtime = runtime;
    this.mailModel = mailModel;
    this.handlers = handlers;
  }

  /**
   * Renders, stores and starts the delivery of the notification, in the caller's transaction. A
   * key that is already in the outbox does nothing (a retried step, a listener called twice).
   *
   * @return whether it was queued now
   */
  public boolean enqueue(Notification notification) {
    if (repository.existsByKey(notification.key())) {
      log.debug("Notification {} is already queued", notification.key());
      return false;
    }
    MailTemplates.RenderedMail mail = templates.render(notification.kind(), notification.model());
    List<String> addresses = directory.addressesOf(notification.recipients());
    OutboxNotification stored = repository.saveAndFlush(new OutboxNotification(notification.key(),
        notification.ticketId(), notification.kind(), addresses, mail.subject(), mail.html(), mail.text(),
        EscalationHistory.now()));
    AsSystem.call(() -> runtime.createProcessInstanceByKey(NotificationVariables.PROCESS_ID)
        .businessKey(notification.ticketId())
        .setVariable(NOTIFICATION_KEY.name(), notification.key())
        .execute());
    outbox.queued(stored);
    log.info("Queued {} {} for {} to {}", notification.kind(), notification.key(), notification.ticketId(), addresses);
    return true;
  }

  /**
   * For the SLA warning ({@code warnOfSlaBreach}): mails the {@code sla-warning} to the warned people
   * and groups, once per SLA and due instant.
   *
   * @param execution the escalation's execution (for its variables and links)
   * @param warnedSla {@code RESPONSE} or {@code RESOLUTION}
   * @param dueAt when that SLA falls due
   * @param recipients as the warning names them: {@code "user:erin.engineer"}, {@code "group:engineering"};
   *     empty: the level's handler groups
   * @return whether it was queued now
   */
  public boolean warnOfSla(DelegateExecution execution, String warnedSla, Date dueAt, Collection<String> recipients) {
    List<Recipient> to = new ArrayList<>();
    List<String> warned = new ArrayList<>();
    for (String spec : recipients) {
      Recipient recipient = Recipient.parse(spec);
      to.add(recipient);
      warned.add(recipient instanceof Recipient.User user ? directory.nameOfUser(user.id())
          : recipient instanceof Recipient.Group group ? group.id() : ((Recipient.Address) recipient).email());
    }
    if (to.isEmpty()) {
      handlers.groupsOf(execution).forEach(group -> {
        to.add(Recipient.group(group));
        warned.add(group);
      });
    }
    Map<String, Object> model = mailModel.of(execution, execution.getProcessInstanceId());
    model.put("sla", slaName(warnedSla));
    model.put("dueAt", mailModel.date(dueAt));
    model.put("warned", String.join(", ", warned));
    String ticketId = TICKET_ID.require(execution);
    return enqueue(new Notification(NotificationKind.SLA_WARNING,
        key(ticketId, NotificationKind.SLA_WARNING, warnedSla, dueAt.toInstant()), ticketId, to, model));
  }

  /** "TICKET-1:sla-warning:RESPONSE:2026-11-23T13:00:00Z": readable, and the same on every retry. */
  static String key(String ticketId, NotificationKind kind, Object... parts) {
    StringBuilder key = new StringBuilder(ticketId).append(':').append(kind.template());
    for (Object part : parts) {
      key.append(':').append(part instanceof Date date ? date.toInstant() : part);
    }
    return key.toString();
  }

  static String slaName(String sla) {
    return "RESPONSE".equals(sla) ? "response time" : "RESOLUTION".equals(sla) ? "resolution target" : sla;
  }
}
