package com.octoacme.support.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface NotificationRepository extends JpaRepository<OutboxNotification, Long>, OutboxUpdates {

  Optional<OutboxNotification> findByKey(String key);

  boolean existsByKey(String key);

  List<OutboxNotification> findByTicketIdOrderByIdAsc(String ticketId);

  List<OutboxNotification> findByStatusOrderByIdAsc(OutboxNotification.Status status);

  List<OutboxNotification> findByTicketIdAndStatusOrderByIdAsc(String ticketId, OutboxNotification.Status status);

  /** The row, locked until the caller's transaction ends: nodes take turns on one mail's incident. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select n from OutboxNotification n where n.key = :key")
  Optional<OutboxNotification> lockByKey(@Param("key") String key);
}
