package com.octoacme.support.notification;

import com.octoacme.support.escalation.EscalationHistory;
import com.octoacme.support.operations.EscalationIncidents;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A mail that failed is an incident where operators look: on the escalation itself (Cockpit, business key
 * = ticket ID), of type {@value #TYPE}, configuration = the notification key, raised at the FIRST failed
 * attempt (not after the last), its message naming the ticket, the mail (kind, subject, recipients, key)
 * and the cause; its annotation says which attempt failed and what comes next. It is resolved when the mail
 * goes out: on a retry, or after an operator retries the delivery instance's own incident (the engine's
 * {@code failedExternalTask}, raised after the last attempt, with the stack trace). Nodes take turns on the
 * mail's outbox row, so a mail has one incident however many nodes look at it.
 */
@Component
public class DeliveryIncidents {

  /** The incident type on the escalation instance. */
  public static final String TYPE = "notificationDeliveryFailed";

  /** Incident messages and annotations are at most 4000 characters in the engine's tables. */
  static final int MAX_TEXT = 3900;
  /** Tries at raising an incident that conflicts with another change of the same escalation. */
  static final int CONFLICT_ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(DeliveryIncidents.class);

  private final EscalationIncidents incidents;
  private final NotificationRepository repository;
  private final TransactionTemplate transaction;

  public DeliveryIncidents(EscalationIncidents incidents, NotificationRepository repository,
      PlatformTransactionManager transactions) {
    this.incidents = incidents;
    this.repository = repository;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * An attempt failed: the escalation's incident (raised now if it is not there) says so.
   *
   * @param fallbackTicketId the delivery's business key, for a key the outbox does not know
   * @param failure what went wrong ("Sending KIND key for TICKET failed: cause")
   * @param attempt which attempt it was (1-based)
   * @param retries the retry cycle
   */
  public void attemptFailed(String fallbackTicketId, String key, String failure, int attempt, RetryCycle retries) {
    Instant now = EscalationHistory.now();
    String annotation = attempt < retries.attempts()
        ? "Attempt " + attempt + " of " + retries.attempts() + " failed at " + now + "; the next one is at "
            + now.plus(retries.interval()) + ". Resolved by itself when the mail goes out."
        : "Attempt " + attempt + " of " + retries.attempts() + " failed at " + now + ": no attempts left. Fix the"
            + " mail server, then Retry the incident of this ticket's Notification delivery instance (same business"
            + " key) in Cockpit: this incident is resolved when the mail goes out.";
    concurrently(() -> transaction.executeWithoutResult(status -> {
      Optional<OutboxNotification> row = repository.lockByKey(key);
      String ticketId = row.map(OutboxNotification::getTicketId).orElse(fallbackTicketId);
      if (ticketId == null) {
        return;
      }
      Optional<ProcessInstance> escalation = incidents.escalationOf(ticketId);
      if (escalation.isEmpty()) {
        log.info("{} has no running escalation: the failure of {} shows on its delivery instance", ticketId, key);
        return;
      }
      incidents.raise(escalation.get().getId(), TYPE, key, message(ticketId, row, failure)).ifPresentOrElse(
          incident -> incidents.annotate(incident, clip(annotation)),
          () -> log.warn("Escalation {} is at no activity now: the failure of {} shows on its delivery instance only",
              ticketId, key));
    }));
  }

  /**
   * The first incident on an execution updates it: two mails of one escalation failing at the same moment (its
   * customer's and engineering's), or a job moving the escalation, conflict. The loser tries again at once.
   */
  private static void concurrently(Runnable work) {
    for (int attempt = 1; ; attempt++) {
      try {
        work.run();
        return;
      } catch (OptimisticLockingException e) {
        if (attempt == CONFLICT_ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100L * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The mail went out: its incident on the escalation is resolved. */
  public void sent(String key) {
    incidents.resolve(TYPE, key);
  }

  /**
   * Every failed mail has its incident; every incident a mail that has not gone out. The engine closes an
   * incident when the execution it sits on ends (the escalation moved on, e.g. to the next level): raised
   * again here on the escalation's current activity.
   */
  public void check() {
    for (OutboxNotification failed : repository.findByStatusOrderByIdAsc(OutboxNotification.Status.FAILED)) {
      if (incidents.open(TYPE, failed.getKey()).isPresent()) {
        continue;
      }
      Optional<ProcessInstance> escalation = incidents.escalationOf(failed.getTicketId());
      if (escalation.isEmpty()) {
        continue; // no escalation (a feature request's mail) or it ended: its delivery instance keeps the failure
      }
      concurrently(() -> transaction.executeWithoutResult(status -> {
        Optional<OutboxNotification> row = repository.lockByKey(failed.getKey())
            .filter(n -> n.getStatus() == OutboxNotification.Status.FAILED);
        if (row.isEmpty() || incidents.open(TYPE, failed.getKey()).isPresent()) {
          return; // sent meanwhile, or another node raised it
        }
        incidents.raise(escalation.get().getId(), TYPE, failed.getKey(),
            message(failed.getTicketId(), row, row.get().getLastError())).ifPresent(incident -> incidents.annotate(
                incident, clip("Raised again at " + EscalationHistory.now() + " where the escalation is now; "
                    + row.get().getAttempts() + " attempt(s) failed so far.")));
      }));
    }
    for (Incident open : incidents.open(TYPE)) {
      Optional<OutboxNotification> row = repository.findByKey(open.getConfiguration());
      if (row.isEmpty() || row.get().getStatus() == OutboxNotification.Status.SENT) {
        incidents.resolve(TYPE, open.getConfiguration());
      }
    }
  }

  /** "TICKET-1: mail '[ESCALATION] [L2] - …' to engineering@… not sent. Sending ENGINEERING_ESCALATION … failed: …" */
  static String message(String ticketId, Optional<OutboxNotification> row, String failure) {
    String mail = row.map(n -> "mail '" + n.getSubject() + "' to " + String.join(", ", n.getRecipients()))
        .orElse("mail");
    return clip(ticketId + ": " + mail + " not sent. " + failure);
  }

  private static String clip(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
  }
}
