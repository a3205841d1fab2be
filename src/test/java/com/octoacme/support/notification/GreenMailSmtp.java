package com.octoacme.support.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GreenMail, a real SMTP server, on the port {@code spring.mail.port} of application-test.yaml, and
 * the mails it received as tests read them.
 */
final class GreenMailSmtp {

  /** Must match spring.mail.port in src/test/resources/application-test.yaml. */
  static final int PORT = 39025;

  private GreenMailSmtp() {}

  /** A fresh server (and empty mailboxes) for each test. */
  static GreenMailExtension server() {
    return new GreenMailExtension(new ServerSetup(PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
  }

  /** A received mail: GreenMail keeps a copy per recipient; one Message-ID is one mail. */
  record Mail(String messageId, String subject, String from, List<String> to, String text, String html,
      MimeMessage message) {

    String header(String name) {
      try {
        String[] values = message.getHeader(name);
        return values == null ? null : String.join(", ", values);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The distinct mails received, in order. */
  static List<Mail> mails(GreenMailExtension smtp) {
    Map<String, Mail> mails = new LinkedHashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      Mail mail = read(message);
      mails.putIfAbsent(mail.messageId(), mail);
    }
    return List.copyOf(mails.values());
  }

  static Mail read(MimeMessage message) {
    try {
      Map<String, String> parts = new LinkedHashMap<>();
      collect(message, parts);
      return new Mail(message.getMessageID(), message.getSubject(), message.getFrom()[0].toString(),
          Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress())
              .toList(),
          normalise(parts.get("text/plain")), parts.get("text/html"), message);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(Part part, Map<String, String> parts) throws MessagingException {
    try {
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart body = multipart.getBodyPart(i);
          collect(body, parts);
        }
      } else if (part.isMimeType("text/plain")) {
        parts.putIfAbsent("text/plain", (String) part.getContent());
      } else if (part.isMimeType("text/html")) {
        parts.putIfAbsent("text/html", (String) part.getContent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String normalise(String text) {
    return text == null ? null : text.replace("\r\n", "\n");
  }
}
