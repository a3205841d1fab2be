package com.octoacme.support.notification;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A notification to send once: its kind (which templates), its key (the same key is never sent
 * twice, so a retried step sends nothing new), the ticket it is about, who gets it and the values
 * its templates fill in (see {@link NotificationKind#variables()}).
 */
public record Notification(NotificationKind kind, String key, String ticketId, List<Recipient> recipients,
    Map<String, Object> model) {

  public Notification {
    Objects.requireNonNull(kind, "kind");
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a notification needs a key");
    }
    Objects.requireNonNull(ticketId, "ticketId");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("notification " + key + " has no recipients");
    }
    model = Map.copyOf(model.entrySet().stream().filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
