package com.octoacme.support.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.testing.EscalationRequests;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The default profile, as {@code mvn spring-boot:run} starts it (no profile; only an in-memory database and a
 * free SMTP port instead of 1025, so that nothing else on this machine is disturbed): the application starts
 * its own mail server on loopback and its mail workers deliver to it.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:embedded-mail-server;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "operations.stuck-escalations.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EmbeddedMailServerTest {

  static final int PORT = freePort();

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> PORT);
  }

  @Autowired EmbeddedMailServer server;
  @Autowired Notifications notifications;
  @Autowired NotificationRepository outbox;
  @Autowired TransactionTemplate transaction;

  @Test
  void theDefaultProfileDeliversToTheMailServerItStartedItself() throws Exception {
    assertThat(server.port()).isEqualTo(PORT);
    String ticketId = EscalationRequests.nextTicketId();
    String key = ticketId + ":engineering-escalation:embedded";
    transaction.executeWithoutResult(status -> notifications.enqueue(new Notification(
        NotificationKind.ENGINEERING_ESCALATION, key, ticketId, List.of(Recipient.group("engineering")),
        Map.of("ticketId", ticketId, "level", "L2", "issueSummary", "Checkout fails", "customerName", "Globex"))));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (server.received().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100); // the mail workers poll every 0.5 s
    }
    assertThat(server.received()).as("delivered by the mail workers to the embedded server").singleElement()
        .satisfies((MimeMessage mail) -> {
          assertThat(mail.getSubject()).isEqualTo(outbox.findByKey(key).orElseThrow().getSubject());
          assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("engineering@octoacme.example");
        });
    assertThat(outbox.findByKey(key).orElseThrow().getStatus()).isEqualTo(OutboxNotification.Status.SENT);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
