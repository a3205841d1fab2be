package com.octoacme.support.notification;

import com.octoacme.support.escalation.CloseCondition;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * An escalation does not close while one of its mails failed and has not gone out since: closing would end
 * the instance and with it the incident that shows the failure, and the record would say "closed" although,
 * say, engineering was never mailed. The person closing reads which mail and what to do.
 */
@Component
public class FailedMailsHoldClosing implements CloseCondition {

  private final NotificationOutbox outbox;

  public FailedMailsHoldClosing(NotificationOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Optional<String> unmetFor(String ticketId) {
    List<OutboxNotification> failed = outbox.failedOf(ticketId);
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    String mails = failed.stream()
        .map(n -> n.getKind() + " '" + n.getSubject() + "' to " + String.join(", ", n.getRecipients()))
        .collect(Collectors.joining("; "));
    return Optional.of(ticketId + " cannot be closed yet: " + (failed.size() == 1 ? "a mail has" : failed.size()
        + " mails have") + " not gone out: " + mails + ". It is retried by itself and shows as an incident on the"
        + " escalation in Cockpit; once it is sent (or an operator retried it in Cockpit), complete this checklist again.");
  }
}
