package com.octoacme.support.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.DefaultResourceLoader;

/** The templates in mail-templates/ as the process admins wrote them: subjects, key lines, escaping. */
class MailTemplatesTest {

  static final String BASE = "http://localhost:8080";
  static final MailTemplates TEMPLATES = new MailTemplates(properties("classpath:mail-templates/"), new DefaultResourceLoader());

  static NotificationProperties properties(String templates) {
    return new NotificationProperties("OctoAcme Support <support@octoacme.example>", URI.create(BASE),
        ZoneId.of("Europe/Berlin"), templates, "R3/PT5M", Map.of("support", "support@octoacme.example"), "support");
  }

  /** An L2 escalation as MailModel renders it. */
  static Map<String, Object> escalation() {
    Map<String, Object> model = new HashMap<>();
    model.put("ticketId", "TICKET-12345");
    model.put("customerName", "Globex Corporation");
    model.put("issueSummary", "Checkout fails with HTTP 500");
    model.put("level", "L2");
    model.put("levelTitle", "Engineering Support");
    model.put("businessImpact", "Cannot process orders");
    model.put("usersAffected", "40");
    model.put("urgency", "High");
    model.put("priority", "High");
    model.put("accountTier", "Enterprise");
    model.put("reportedBy", "Jane Doe <jane.doe@globex.example>");
    model.put("responseDueAt", "Tue 24 Nov 2026, 10:00 CET");
    model.put("resolutionDueAt", "Mon 30 Nov 2026, 10:00 CET");
    model.put("nextUpdateDue", "Tue 24 Nov 2026, 09:00 CET");
    model.put("pointOfContact", "Sam Support");
    model.put("supportRep", "Sam Support");
    model.put("tasklistUrl", BASE + "/camunda/app/tasklist/default/#/?searchQuery=x");
    model.put("cockpitUrl", BASE + "/camunda/app/cockpit/default/#/process-instance/pi-1");
    return model;
  }

  @Test
  void engineeringEscalation_isTheTemplatesInitialEscalationEmail() {
    Map<String, Object> model = escalation();
    model.put("handlerGroups", "engineering");
    MailTemplates.RenderedMail mail = TEMPLATES.render(NotificationKind.ENGINEERING_ESCALATION, model);

    assertThat(mail.subject()).isEqualTo("[ESCALATION] [L2] - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).contains(
        "- Customer: Globex Corporation\n",
        "- Issue: Checkout fails with HTTP 500\n",
        "- Impact: Cannot process orders (40 users affected)\n",
        "- Priority: High\n",
        "- Ticket: TICKET-12345\n",
        "Full details in the escalation: " + BASE + "/camunda/app/tasklist/default/#/?searchQuery=x\n",
        "\nPlease acknowledge and provide an initial assessment by Tue 24 Nov 2026, 10:00 CET.\n",
        "\nCustomer has been notified and expects an update by Tue 24 Nov 2026, 09:00 CET.\n");
    assertThat(mail.text()).endsWith("Thank you,\nSam Support\n");
    assertThat(mail.html()).contains("<li><strong>Customer:</strong> Globex Corporation</li>",
        "<li><strong>Ticket:</strong> TICKET-12345</li>",
        "<a href=\"" + BASE + "/camunda/app/tasklist/default/#/?searchQuery&#x3D;x\">TICKET-12345 in Tasklist</a>",
        "initial assessment by <strong>Tue 24 Nov 2026, 10:00 CET</strong>",
        "<p>Thank you,<br>Sam Support</p>");
  }

  @Test
  void engineeringEscalation_withoutAnAgreedUpdateLeavesThatLineOut() {
    Map<String, Object> model = escalation();
    model.remove("nextUpdateDue");
    model.remove("usersAffected");
    MailTemplates.RenderedMail mail = TEMPLATES.render(NotificationKind.ENGINEERING_ESCALATION, model);

    assertThat(mail.text()).doesNotContain("Customer has been notified").doesNotContain("users affected")
        .contains("- Impact: Cannot process orders\n")
        .contains("initial assessment by Tue 24 Nov 2026, 10:00 CET.\n\nThank you,");
    assertThat(mail.html()).doesNotContain("Customer has been notified");
  }

  @Test
  void customerUpdate_isTheTemplatesCustomerUpdate() {
    Map<String, Object> model = escalation();
    model.put("greetingName", "Jane Doe");
    model.put("currentStatus", "Fix in progress");
    model.put("whatWeFound", "A null check was missing in the payment adapter.");
    model.put("nextSteps", "We deploy hotfix 4.2.1 tonight.");
    model.put("expectedTimeline", "Tomorrow 09:00 CET");
    model.put("signedBy", "Sam Support");
    MailTemplates.RenderedMail mail = TEMPLATES.render(NotificationKind.CUSTOMER_UPDATE, model);

    assertThat(mail.subject()).isEqualTo("Update on Checkout fails with HTTP 500 - Ticket #TICKET-12345");
    assertThat(mail.text()).startsWith("Hi Jane Doe,\n\nThank you for your patience. Here's an update on your issue:\n")
        .contains("Current Status: Fix in progress\n",
            "What we've found: A null check was missing in the payment adapter.\n",
            "Next Steps: We deploy hotfix 4.2.1 tonight.\n",
            "Expected Timeline: Tomorrow 09:00 CET\n",
            "I'll keep you updated with progress. Please don't hesitate to reach out if you have questions.\n")
        .endsWith("Best regards,\nSam Support\n")
        .doesNotContain("tasklist").doesNotContain("cockpit");
    assertThat(mail.html()).contains("<strong>Current Status</strong>: Fix in progress",
        "<p>Best regards,<br>Sam Support</p>").doesNotContain("camunda/app");
  }

  @Test
  void slaWarning_saysWhichSlaRunsOutWhenAndToWhom() {
    Map<String, Object> model = escalation();
    model.put("sla", "response time");
    model.put("dueAt", "Tue 24 Nov 2026, 10:00 CET");
    model.put("warned", "Erin Engineer, engineering");
    MailTemplates.RenderedMail mail = TEMPLATES.render(NotificationKind.SLA_WARNING, model);

    assertThat(mail.subject()).isEqualTo("[SLA WARNING] [L2] - Checkout fails with HTTP 500 - Globex Corporation"
        + " - response time runs out Tue 24 Nov 2026, 10:00 CET");
    assertThat(mail.text()).startsWith("Hello Erin Engineer, engineering,\n").contains(
        "The response time of escalation TICKET-12345 (L2 Engineering Support) runs out at Tue 24 Nov 2026, 10:00 CET.\n",
        "Please act before then, or escalate: " + BASE + "/camunda/app/tasklist/");
  }

  @Test
  void slaBreach_tellsTheLeadWhatRanOutAndWhatHappensNext() {
    Map<String, Object> model = escalation();
    model.put("sla", "resolution target");
    model.put("dueAt", "Mon 30 Nov 2026, 10:00 CET");
    model.put("reason", "Resolution target of L2 exceeded (due 2026-11-30T09:00:00Z)");
    model.put("leadGroup", "engineering-leads");
    model.put("nextStep", "The escalation moves up to L3 (Critical Escalation).");
    MailTemplates.RenderedMail mail = TEMPLATES.render(NotificationKind.SLA_BREACH, model);

    assertThat(mail.subject()).isEqualTo("[SLA BREACH] [L2] - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).startsWith("Hello engineering-leads,\n").contains(
        "The resolution target of escalation TICKET-12345 (L2 Engineering Support) was exceeded: it was due Mon 30 Nov 2026, 10:00 CET.\n",
        "\nResolution target of L2 exceeded (due 2026-11-30T09:00:00Z)\n",
        "\nThe escalation moves up to L3 (Critical Escalation).\n");
  }

  @Test
  void levelChange_saysFromToWhyWhoAndWhen() {
    Map<String, Object> model = escalation();
    model.put("level", "L3");
    model.put("fromLevel", "L2");
    model.put("fromLevelTitle", "Engineering Support");
    model.put("toLevel", "L3");
    model.put("toLevelTitle", "Critical Escalation");
    model.put("changeKind", "Escalated");
    model.put("reason", "Customer threatens to churn");
    model.put("changedBy", "Erin Engineer");
    model.put("changedAt", "Mon 23 Nov 2026, 10:00 CET");
    model.put("handlerGroups", "engineering-leads, product-managers");
    MailTemplates.RenderedMail mail = TEMPLATES.render(NotificationKind.LEVEL_CHANGE, model);

    assertThat(mail.subject()).isEqualTo("[LEVEL CHANGE] [L2 -> L3] - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).contains(
        "Escalation TICKET-12345 changed level: from L2 Engineering Support to L3 Critical Escalation.\n",
        "- Change: Escalated\n", "- Reason: Customer threatens to churn\n", "- By: Erin Engineer\n",
        "- When: Mon 23 Nov 2026, 10:00 CET\n", "- Now handled by: engineering-leads, product-managers\n");
  }

  @Test
  void customerUpdateOverdue_remindsThePointOfContact() {
    Map<String, Object> model = escalation();
    model.put("overdueSince", "Tue 24 Nov 2026, 09:00 CET");
    MailTemplates.RenderedMail mail = TEMPLATES.render(NotificationKind.CUSTOMER_UPDATE_OVERDUE, model);

    assertThat(mail.subject())
        .isEqualTo("[OVERDUE] Customer update for TICKET-12345 - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).startsWith("Hi Sam Support,\n").contains(
        "The customer update for Globex Corporation on escalation TICKET-12345 was due Tue 24 Nov 2026, 09:00 CET"
            + " and has not been sent yet.\n",
        "- Customer contact: Jane Doe <jane.doe@globex.example>\n");

    model.remove("pointOfContact");
    assertThat(TEMPLATES.render(NotificationKind.CUSTOMER_UPDATE_OVERDUE, model).text()).startsWith("Hello Support,\n");
  }

  @ParameterizedTest
  @EnumSource(NotificationKind.class)
  void hostileValues_areEscapedInHtmlAndNeverBreakTheSubjectLine(NotificationKind kind) {
    Map<String, Object> model = new HashMap<>();
    kind.variables().forEach(name -> model.put(name, "<script>alert('" + name + "')</script>\r\nBcc: x@y"));
    MailTemplates.RenderedMail mail = TEMPLATES.render(kind, model);

    assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n").contains("Bcc: x@y");
    assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(");
    assertThat(mail.text()).contains("<script>"); // plain text is not HTML: shown as typed
  }

  @Test
  void aVeryLongSummary_isCutInTheSubject() {
    Map<String, Object> model = escalation();
    model.put("issueSummary", "x".repeat(1000));
    String subject = TEMPLATES.render(NotificationKind.ENGINEERING_ESCALATION, model).subject();
    assertThat(subject).hasSize(MailTemplates.MAX_SUBJECT_LENGTH).endsWith("\u2026");
  }

  @Test
  void aTemplateWithAnUnknownName_failsTheStartNamingTheFile(@TempDir Path folder) throws IOException {
    copyTemplates(folder);
    Files.writeString(folder.resolve("sla-warning.html.mustache"), "<p>{{customerNmae}}</p>");

    assertThatThrownBy(() -> new MailTemplates(properties(folder.toUri().toString()), new DefaultResourceLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sla-warning.html.mustache").hasMessageContaining("customerNmae");
  }

  @Test
  void aMissingTemplate_failsTheStartNamingTheFile(@TempDir Path folder) throws IOException {
    copyTemplates(folder);
    Files.delete(folder.resolve("level-change.text.mustache"));

    assertThatThrownBy(() -> new MailTemplates(properties(folder.toUri().toString()), new DefaultResourceLoader()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("level-change.text.mustache")
        .hasMessageContaining("missing");
  }

  @Test
  void templatesFromAFolder_changeTheWordingWithoutJava(@TempDir Path folder) throws IOException {
    copyTemplates(folder);
    Files.writeString(folder.resolve("customer-update.subject.mustache"), "Your ticket {{ticketId}}: {{issueSummary}}");

    MailTemplates templates = new MailTemplates(properties(folder.toUri().toString()), new DefaultResourceLoader());
    assertThat(templates.render(NotificationKind.CUSTOMER_UPDATE, escalation()).subject())
        .isEqualTo("Your ticket TICKET-12345: Checkout fails with HTTP 500");
  }

  private static void copyTemplates(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("mail-templates"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".mustache")).toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
  }
}
