package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestDriver.*;
import static com.octoacme.support.featurerequest.FeatureRequestModel.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.octoacme.support.testing.ProcessTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The decision reaches every requesting customer's contact exactly once, at a real SMTP server. */
@ProcessTest
class FeatureDecisionMailTest {

  /** spring.mail.port of application-test.yaml (as notification.GreenMailSmtp). */
  static final int SMTP_PORT = 39025;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));

  @Autowired com.octoacme.support.notification.NotificationWorker worker;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired FeatureNotifications notifications;
  @Autowired FeatureRequestEntryRepository entries;

  FeatureRequestDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new FeatureRequestDriver(engine);
  }

  @Test
  void everyRequestingContactGetsTheDecisionOnce() throws Exception {
    String key = newKey("MAIL");
    ProcessInstance feature = driver.request(request(key, false, "Globex", "ENTERPRISE", 90_000));
    driver.request(request(key, true, "Initech", "PRO", 10_000));
    // Globex asks again: the same contact hears once
    driver.request(request(key, true, "Globex", "ENTERPRISE", 95_000));
    driver.complete(driver.task(feature, TASK_PRODUCT_REVIEW), PAULA, accept("2027.3"));
    driver.continueAfter(feature, TASK_PRODUCT_REVIEW);

    deliverAll(key);

    Map<String, MimeMessage> byRecipient = byRecipient(smtp.getReceivedMessages());
    assertThat(byRecipient.keySet()).containsExactly("it@globex.example", "it@initech.example");
    for (MimeMessage mail : byRecipient.values()) {
      assertThat(mail.getSubject()).isEqualTo("[FEATURE REQUEST] " + key
          + " - SCIM provisioning for SSO users - Accepted to the roadmap");
      assertThat(mail.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
    }
    String globex = text(byRecipient.get("it@globex.example"));
    assertThat(globex).contains("Hello Pat Buyer,").contains("that Globex asked for").contains("for release 2027.3")
        .doesNotContain("Initech").doesNotContain("90,000").doesNotContain("95");

    // a retried announcement (the step run again) queues and sends nothing new
    int queued = notifications.announceDecision(key, "SCIM provisioning for SSO users", ReviewOutcome.ACCEPTED, "2027.3",
        null, entries.findByFeatureKeyOrderByIdAsc(key));
    assertThat(queued).isZero();
    deliverAll(key);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  /** Sends the feature's queued mails, as the notification workers would. */
  private void deliverAll(String key) {
    while (worker.deliverPending(key) > 0) {
      // until none is left
    }
  }

  private static Map<String, MimeMessage> byRecipient(MimeMessage[] messages) throws Exception {
    Map<String, MimeMessage> byRecipient = new TreeMap<>();
    for (MimeMessage message : messages) {
      List<String> to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .map(a -> ((InternetAddress) a).getAddress()).toList();
      assertThat(to).hasSize(1);
      assertThat(byRecipient.put(to.get(0), message)).as("a second mail to %s", to.get(0)).isNull();
    }
    return byRecipient;
  }

  private static String text(MimeMessage message) throws Exception {
    jakarta.mail.Multipart outer = (jakarta.mail.Multipart) message.getContent();
    StringBuilder text = new StringBuilder();
    collect(outer, text);
    return text.toString().replace("\r\n", "\n");
  }

  private static void collect(jakarta.mail.Multipart multipart, StringBuilder text) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      jakarta.mail.BodyPart part = multipart.getBodyPart(i);
      if (part.isMimeType("multipart/*")) {
        collect((jakarta.mail.Multipart) part.getContent(), text);
      } else if (part.isMimeType("text/plain")) {
        text.append(part.getContent());
      }
    }
  }
}
