package com.octoacme.support.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail workers ({@code notification.worker} in application.yaml), which fetch the
 * {@code notification-send} external tasks and send them, on threads of their own:
 *
 * <ul>
 *   <li>{@code enabled}: off in the process tests, which deliver by hand;
 *   <li>{@code pool-size}: sends at the same time per node (a hanging mail server holds at most these threads);
 *   <li>{@code lock-duration}: how long a fetched send is this node's; if the node dies, another node sends it
 *       after this time. It must exceed the longest send, i.e. the SMTP timeouts
 *       ({@code spring.mail.properties.mail.smtp.*}), which is checked at start;
 *   <li>{@code poll-interval}: how often an idle worker looks for mail to send.
 * </ul>
 */
@ConfigurationProperties(prefix = "notification.worker")
public record NotificationWorkerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("4") int poolSize,
    @DefaultValue("PT45S") Duration lockDuration, @DefaultValue("PT0.5S") Duration pollInterval) {

  public NotificationWorkerProperties {
    if (poolSize < 1) {
      throw new IllegalStateException("notification.worker.pool-size must be at least 1, not " + poolSize);
    }
    if (lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalStateException("notification.worker.lock-duration must be positive, not " + lockDuration);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalStateException("notification.worker.poll-interval must be positive, not " + pollInterval);
    }
  }
}
