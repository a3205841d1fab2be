package com.octoacme.support.notification;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox's state changes after a delivery attempt. Each runs in a transaction of its own
 * (REQUIRES_NEW): once a mail has left, "sent" must stay recorded even if the delivery job's
 * transaction rolls back afterwards, or the retry would send it a second time.
 */
@Component
public class NotificationOutbox {

  static final int MAX_ERROR_LENGTH = 4000;

  private final NotificationRepository repository;

  public NotificationOutbox(NotificationRepository repository) {
    this.repository = repository;
  }

  /** The notification as committed (read in the caller's transaction). */
  public Optional<OutboxNotification> find(String key) {
    return repository.findByKey(key);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void markSent(String key, Instant sentAt) {
    if (repository.markSent(key, sentAt, OutboxNotification.Status.SENT) != 1) {
      throw new IllegalStateException("notification " + key + " is not in the outbox");
    }
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordFailure(String key, String error) {
    repository.recordFailure(key, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
  }
}
