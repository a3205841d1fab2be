package com.octoacme.support.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.stereotype.Component;

/**
 * A mail server the application starts itself (GreenMail), so that {@code mvn spring-boot:run} with nothing
 * else running delivers its mails: on loopback only, at {@code spring.mail.port}, in the default profile
 * ({@code notification.embedded-smtp.enabled}, {@code NOTIFICATION_EMBEDDED_SMTP=false} turns it off; the
 * {@code postgres} profile and docker-compose, with a real server such as Mailpit, start none). It keeps the
 * mails in memory until the application stops; the outbox ({@code notification}) keeps them for good.
 * Created while the context starts, before the mail workers run. Not started when {@code spring.mail.host}
 * (SMTP_HOST) names another host than this one: the mails go there.
 */
@Component
@ConditionalOnProperty(prefix = "notification.embedded-smtp", name = "enabled", havingValue = "true")
public class EmbeddedMailServer implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
  static final String LOOPBACK = "127.0.0.1";

  private final GreenMail server;

  public EmbeddedMailServer(MailProperties mail) {
    String host = mail.getHost() == null ? "localhost" : mail.getHost();
    if (!isLoopback(host)) {
      // SMTP_HOST names a real server: the mails go there, and a server on loopback would receive nothing.
      log.info("Embedded mail server not started: spring.mail.host (SMTP_HOST) is {}, mail goes there", host);
      server = null;
      return;
    }
    int port = mail.getPort() == null ? 25 : mail.getPort();
    server = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException("The embedded mail server could not listen on " + LOOPBACK + ":" + port
          + " (another mail server such as Mailpit there?). Stop that one, or set NOTIFICATION_EMBEDDED_SMTP=false to"
          + " send to it, or choose another SMTP_PORT: " + e.getMessage(), e);
    }
    log.info("Embedded mail server (GreenMail) listening on {}:{}: the mails the app sends arrive here; turn it off"
        + " with NOTIFICATION_EMBEDDED_SMTP=false", LOOPBACK, port);
  }

  /** The port it listens on. */
  public int port() {
    return server == null ? -1 : server.getSmtp().getPort();
  }

  /** The mails received so far (one copy per recipient). */
  public List<MimeMessage> received() {
    return server == null ? List.of() : List.of(server.getReceivedMessages());
  }

  @Override
  public void destroy() {
    if (server != null) {
      server.stop();
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
