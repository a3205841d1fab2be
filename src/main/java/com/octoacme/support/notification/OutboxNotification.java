package com.octoacme.support.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One notification in the outbox (table {@code notification}): stored, rendered, in the escalation's
 * transaction; sent once by the {@code notification-delivery} process. Its key is unique, so the
 * same notification is never stored, started or sent twice. Only {@link NotificationOutbox} changes it.
 */
@Entity
@Table(name = "notification")
public class OutboxNotification {

  /**
   * PENDING: stored, not tried yet (or being tried). SENT: the mail server accepted it. FAILED: the last
   * attempt failed and it has not gone out yet ({@code last_error} says why); it is retried and turns SENT
   * when it goes out.
   */
  public enum Status { PENDING, SENT, FAILED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "notification_key", nullable = false, unique = true)
  private String key;

  @Column(name = "ticket_id", nullable = false)
  private String ticketId;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false)
  private NotificationKind kind;

  /** The addresses, comma-separated. */
  @Column(name = "recipients", nullable = false)
  private String recipients;

  @Column(name = "subject", nullable = false)
  private String subject;

  @Column(name = "html_body", nullable = false)
  private String htmlBody;

  @Column(name = "text_body", nullable = false)
  private String textBody;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private Status status;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "last_error")
  private String lastError;

  protected OutboxNotification() {}

  OutboxNotification(String key, String ticketId, NotificationKind kind, List<String> recipients, String subject,
      String htmlBody, String textBody, Instant createdAt) {
    this.key = key;
    this.ticketId = ticketId;
    this.kind = kind;
    this.recipients = String.join(", ", recipients);
    this.subject = subject;
    this.htmlBody = htmlBody;
    this.textBody = textBody;
    this.status = Status.PENDING;
    this.createdAt = createdAt;
    this.attempts = 0;
  }

  public Long getId() { return id; }
  public String getKey() { return key; }
  public String getTicketId() { return ticketId; }
  public NotificationKind getKind() { return kind; }
  public List<String> getRecipients() { return Arrays.stream(recipients.split(",")).map(String::strip).toList(); }
  public String getSubject() { return subject; }
  public String getHtmlBody() { return htmlBody; }
  public String getTextBody() { return textBody; }
  /** The state people see: SENT once sent; FAILED when marked so or an attempt failed (a retry may still send it). */
  public NotificationStateChanged.State state() {
    return stateOf(status, lastError);
  }

  public static NotificationStateChanged.State stateOf(Status status, String lastError) {
    if (status == Status.SENT) {
      return NotificationStateChanged.State.SENT;
    }
    return status == Status.FAILED || lastError != null ? NotificationStateChanged.State.FAILED
        : NotificationStateChanged.State.PENDING;
  }

  public Status getStatus() { return status; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getSentAt() { return sentAt; }
  public int getAttempts() { return attempts; }
  public String getLastError() { return lastError; }
}
