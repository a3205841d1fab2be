package com.octoacme.support.notification;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** {@link OutboxUpdates} in JPQL, in the caller's transaction (Spring Data's fragment of {@link NotificationRepository}). */
class OutboxUpdatesImpl implements OutboxUpdates {

  @PersistenceContext
  private EntityManager entityManager;

  @Override
  public int markSent(String key, Instant sentAt, OutboxNotification.Status sent) {
    return entityManager.createQuery("update OutboxNotification n set n.status = :sent, n.sentAt = :sentAt,"
            + " n.attempts = n.attempts + 1, n.lastError = null where n.key = :key")
        .setParameter("key", key).setParameter("sentAt", sentAt).setParameter("sent", sent).executeUpdate();
  }

  @Override
  public int recordFailure(String key, String error, OutboxNotification.Status failed, OutboxNotification.Status sent) {
    return entityManager.createQuery("update OutboxNotification n set n.attempts = n.attempts + 1, n.lastError = :error,"
            + " n.status = case when n.status = :sent then n.status else :failed end where n.key = :key")
        .setParameter("key", key).setParameter("error", error).setParameter("failed", failed).setParameter("sent", sent)
        .executeUpdate();
  }
}
