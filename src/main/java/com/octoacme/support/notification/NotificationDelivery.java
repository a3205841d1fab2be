package com.octoacme.support.notification;

import com.octoacme.support.escalation.EscalationHistory;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends one stored notification over SMTP, at most once: a notification already marked sent is not
 * sent again (a retry after the mail left but before the job's transaction committed), and "sent"
 * is recorded in a transaction of its own right after the mail left. The Message-ID is derived from
 * the key, so even a mail sent twice after a crash at the worst moment reads as one to mail clients.
 */
@Service
public class NotificationDelivery {

  private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

  private final JavaMailSender mailSender;
  private final NotificationOutbox outbox;
  private final InternetAddress from;

  public NotificationDelivery(JavaMailSender mailSender, NotificationOutbox outbox, NotificationProperties properties) {
    this.mailSender = mailSender;
    this.outbox = outbox;
    try {
      this.from = new InternetAddress(properties.from(), true);
    } catch (MessagingException e) {
      throw new IllegalStateException("notification.from is not an e-mail address", e);
    }
  }

  /**
   * Sends the notification with this key unless it was sent already.
   *
   * @return whether a mail was sent now
   * @throws NotificationDeliveryException when the SMTP server refuses or cannot be reached (the job retries)
   */
  public boolean deliver(String key) {
    OutboxNotification notification = outbox.find(key)
        .orElseThrow(() -> new IllegalStateException("notification " + key + " is not in the outbox"));
    if (notification.getStatus() == OutboxNotification.Status.SENT) {
      log.info("{} {} for {} was sent at {}: not sending it again", notification.getKind(), key,
          notification.getTicketId(), notification.getSentAt());
      return false;
    }
    try {
      mailSender.send(message(notification));
    } catch (MailException | MessagingException e) {
      NotificationDeliveryException failure = new NotificationDeliveryException(notification, e);
      outbox.recordFailure(notification, failure.getMessage());
      throw failure;
    }
    outbox.markSent(notification, EscalationHistory.now());
    log.info("Sent {} {} for {} to {}", notification.getKind(), key, notification.getTicketId(),
        notification.getRecipients());
    return true;
  }

  private MimeMessage message(OutboxNotification notification) throws MessagingException {
    MimeMessage mime = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
    helper.setFrom(from);
    helper.setTo(notification.getRecipients().toArray(String[]::new));
    helper.setSubject(notification.getSubject());
    helper.setText(notification.getTextBody(), notification.getHtmlBody());
    // Spring keeps a Message-ID set before sending; RFC 3834: no auto-replies to notifications.
    mime.setHeader("Message-ID", messageId(notification.getKey()));
    mime.setHeader("Auto-Submitted", "auto-generated");
    return mime;
  }

  /** "<hash-of-key@sender's domain>": the same for every attempt at the same notification. */
  String messageId(String key) {
    String address = from.getAddress();
    String domain = address.substring(address.indexOf('@') + 1);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "<notification." + HexFormat.of().formatHex(hash, 0, 20) + "@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
