package com.octoacme.support.notification;

import com.octoacme.support.notification.NotificationStateChanged.State;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox's state changes after a delivery attempt. Each runs in a transaction of its own
 * (REQUIRES_NEW): once a mail has left, "sent" must stay recorded even if the delivery job's
 * transaction rolls back afterwards, or the retry would send it a second time. Each change is published
 * as a {@link NotificationStateChanged} inside that transaction.
 */
@Component
public class NotificationOutbox {

  static final int MAX_ERROR_LENGTH = 4000;

  private final NotificationRepository repository;
  private final ApplicationEventPublisher events;

  public NotificationOutbox(NotificationRepository repository, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
  }

  /** The notification as committed (read in the caller's transaction). */
  public Optional<OutboxNotification> find(String key) {
    return repository.findByKey(key);
  }

  /** The ticket's mails whose last attempt failed and that have not gone out since. */
  public List<OutboxNotification> failedOf(String ticketId) {
    return repository.findByTicketIdAndStatusOrderByIdAsc(ticketId, OutboxNotification.Status.FAILED);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void markSent(OutboxNotification notification, Instant sentAt) {
    if (repository.markSent(notification.getKey(), sentAt, OutboxNotification.Status.SENT) != 1) {
      throw new IllegalStateException("notification " + notification.getKey() + " is not in the outbox");
    }
    publish(notification, State.SENT);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordFailure(OutboxNotification notification, String error) {
    repository.recordFailure(notification.getKey(),
        error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error,
        OutboxNotification.Status.FAILED, OutboxNotification.Status.SENT);
    publish(notification, State.FAILED);
  }

  /** A mail was stored (in the caller's transaction, by {@link Notifications#enqueue}). */
  void queued(OutboxNotification notification) {
    publish(notification, State.PENDING);
  }

  private void publish(OutboxNotification notification, State state) {
    events.publishEvent(new NotificationStateChanged(notification.getTicketId(), notification.getKey(),
        notification.getKind(), state));
  }
}
