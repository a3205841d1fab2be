package com.octoacme.support.notification;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.LevelChange;
import com.octoacme.support.escalation.LevelChangeRepository;
import com.octoacme.support.notification.GreenMailSmtp.Mail;
import com.octoacme.support.testing.EscalationRequests;
import com.octoacme.support.testing.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notification delegates and listeners the escalation calls, each run by the engine in a small
 * process of its own (so they are tested apart from how the escalation model wires them), and the
 * mails they cause at a real SMTP server: recipients, subjects, key lines, once per key.
 */
@ProcessTest
class EscalationNotificationsTest {

  /** Users of the identity service (Camunda's default id pattern allows letters and digits only). */
  static final String SAM = "samsupport";
  static final String ERIN = "erinengineer";

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  static final Instant RESPONSE_DUE = Instant.parse("2026-11-24T09:00:00Z");
  static final Instant NEXT_UPDATE = Instant.parse("2026-11-24T08:00:00Z");

  @RegisterExtension
  static GreenMailExtension smtp = GreenMailSmtp.server();

  @Autowired ProcessEngine engine;
  @Autowired com.octoacme.support.escalation.LevelPolicies levelPolicies;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired NotificationRepository outbox;
  @Autowired EscalationEventRepository events;
  @Autowired LevelChangeRepository levelChanges;
  @Autowired NotificationWorker worker;

  String ticketId;

  @BeforeEach
  void setUp() {
    init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    ticketId = EscalationRequests.nextTicketId();
    ensureUser(SAM, "Sam", "Support");
    ensureUser(ERIN, "Erin", "Engineer");
    mayReadTheCustomerUpdateProcess(SAM);
    repository.createDeployment().name("notification-delegate-tests").enableDuplicateFiltering(true)
        .addModelInstance("test-notify-handler-group.bpmn", serviceTask("test-notify-handler-group", "${notifyHandlerGroup}"))
        .addModelInstance("test-inform-level-lead.bpmn", serviceTask("test-inform-level-lead", "${informLevelLead}"))
        .addModelInstance("test-inform-of-level-change.bpmn", serviceTask("test-inform-of-level-change", "${informOfLevelChange}"))
        .addModelInstance("test-flag-overdue.bpmn", serviceTask("test-flag-overdue", "${flagOverdueCustomerUpdate}"))
        .addModelInstance("test-warn-of-sla.bpmn", Bpmn.createExecutableProcess("test-warn-of-sla").camundaHistoryTimeToLive(1)
            .startEvent().serviceTask("Task_Warn")
            .camundaExpression("${notifications.warnOfSla(execution, 'RESPONSE', responseDueAt, warnedRecipients)}")
            .endEvent().done())
        .addModelInstance("test-customer-update.bpmn", Bpmn.createExecutableProcess("test-customer-update")
            .camundaHistoryTimeToLive(1).startEvent()
            .userTask(EscalationModel.TASK_SEND_CUSTOMER_UPDATE).camundaCandidateUsers(SAM)
            .camundaTaskListenerDelegateExpression("complete", "${recordCustomerUpdateAuthor}")
            .serviceTask(EscalationModel.TASK_MAIL_CUSTOMER_UPDATE).camundaDelegateExpression("${sendCustomerUpdate}")
            .userTask("Task_SendCustomerUpdate2").camundaCandidateUsers(SAM)
            .camundaTaskListenerDelegateExpression("complete", "${recordCustomerUpdateAuthor}")
            .serviceTask("Task_MailCustomerUpdate2").camundaDelegateExpression("${sendCustomerUpdate}")
            .userTask("Task_Wait").endEvent().done())
        .deploy();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  // ---------------------------------------------------------------- notifyHandlerGroup

  @Test
  void enteringLevel2_mailsEngineeringTheTemplatesEscalationEmail() {
    run("test-notify-handler-group", escalation("L2"));

    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly("engineering@octoacme.example");
    assertThat(mail.subject()).isEqualTo("[ESCALATION] [L2] - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).contains(
        "- Customer: Globex Corporation\n",
        "- Issue: Checkout fails with HTTP 500\n",
        "- Impact: Cannot process orders (40 users affected)\n",
        "- Priority: High\n",
        "- Ticket: " + ticketId + "\n",
        "Full details in the escalation: http://localhost:8080/camunda/app/tasklist/default/#/?searchQuery="
            + "%5B%7B%22type%22%3A%22processInstanceBusinessKey%22%2C%22operator%22%3A%22eq%22%2C%22value%22%3A%22"
            + ticketId + "%22%2C%22name%22%3A%22%22%7D%5D\n",
        "Operators: http://localhost:8080/camunda/app/cockpit/default/#/process-instance/",
        "Please acknowledge and provide an initial assessment by Tue 24 Nov 2026, 10:00 CET.\n",
        "Customer has been notified and expects an update by Tue 24 Nov 2026, 09:00 CET.\n");
    assertThat(mail.text()).endsWith("Thank you,\nSam Support\n");
  }

  @Test
  void enteringLevel3_mailsBothHandlerGroups() {
    run("test-notify-handler-group", escalation("L3"));
    assertThat(deliverOne().to()).containsExactly("engineering-leads@octoacme.example", "product-managers@octoacme.example");
  }

  @Test
  void asked_toMailALevelWithoutHandlerGroups_itFailsRatherThanSkips() {
    Map<String, Object> variables = escalation("L2");
    variables.put(HANDLER_GROUPS.name(), "");
    assertThatThrownBy(() -> run("test-notify-handler-group", variables)).hasMessageContaining("no handler groups");
    assertThat(outbox.findByTicketIdOrderByIdAsc(ticketId)).isEmpty();
  }

  @Test
  void theSameLevelEntryMailsOnce_aNewEntryMailsAgain() {
    run("test-notify-handler-group", escalation("L2"));
    run("test-notify-handler-group", escalation("L2")); // a retry of the same step
    assertThat(outbox.findByTicketIdOrderByIdAsc(ticketId)).hasSize(1);

    Map<String, Object> reentered = escalation("L2");
    reentered.put(LEVEL_ENTERED_AT.name(), Date.from(NOW.plus(Duration.ofDays(2))));
    run("test-notify-handler-group", reentered);

    assertThat(outbox.findByTicketIdOrderByIdAsc(ticketId)).extracting(OutboxNotification::getKey).containsExactly(
        ticketId + ":engineering-escalation:L2:2026-11-23T09:00:00Z",
        ticketId + ":engineering-escalation:L2:2026-11-25T09:00:00Z");
    deliverAll();
    assertThat(GreenMailSmtp.mails(smtp)).hasSize(2);
  }

  @Test
  void hostileValues_areEscapedAndCannotAddRecipients() throws Exception {
    Map<String, Object> variables = escalation("L2");
    variables.put(ISSUE_SUMMARY.name(), "<script>alert(1)</script>\r\nBcc: x@y.example");
    variables.put(CUSTOMER_NAME.name(), "Evil & Co <b>\nCc: boss@y.example");
    run("test-notify-handler-group", variables);

    Mail mail = deliverOne();
    assertThat(mail.subject()).isEqualTo("[ESCALATION] [L2] - <script>alert(1)</script> Bcc: x@y.example - Evil & Co <b> Cc: boss@y.example");
    assertThat(mail.message().getHeader("Bcc")).isNull();
    assertThat(mail.message().getHeader("Cc")).isNull();
    assertThat(mail.to()).containsExactly("engineering@octoacme.example");
    assertThat(smtp.getReceivedMessagesForDomain("y.example")).isEmpty();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(mail.html()).contains("<li><strong>Issue:</strong> &lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("Evil &amp; Co &lt;b&gt;").doesNotContain("<script>").doesNotContain("<b>");
  }

  // ---------------------------------------------------------------- informLevelLead

  @Test
  void aBreach_recordsThatTheLeadWasInformedAndMailsTheLeadGroup() {
    Map<String, Object> variables = escalation("L2");
    variables.put(LEVEL_CHANGE_REASON.name(), "Response time of L2 exceeded (due 2026-11-24T09:00:00Z)");
    variables.put(BREACH_ACTION.name(), "ESCALATE");
    events.save(new EscalationEvent(ticketId, "breach", "L2", EscalationEvent.Type.RESPONSE_SLA_BREACHED,
        "Response time of L2 exceeded (due 2026-11-24T09:00:00Z)", "sla-clock", RESPONSE_DUE, RESPONSE_DUE));
    levelChanges.save(new LevelChange(ticketId, "breach", "L2", "L3", LevelChange.Kind.SLA_BREACH,
        "Response time of L2 exceeded (due 2026-11-24T09:00:00Z)", "sla-clock", RESPONSE_DUE));
    variables.put(ESCALATION_LEVEL.name(), "L3"); // the model changed the level before it informs the lead
    run("test-inform-level-lead", variables);

    assertThat(events.findByTicketIdAndTypeOrderByIdAsc(ticketId, EscalationEvent.Type.LEAD_INFORMED))
        .singleElement().satisfies(e -> assertThat(e.getDetail())
            .isEqualTo("Informed engineering-leads: Response time of L2 exceeded (due 2026-11-24T09:00:00Z)"));
    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly("engineering-leads@octoacme.example");
    assertThat(mail.subject()).isEqualTo("[SLA BREACH] [L2] - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).contains(
        "The response time of escalation " + ticketId + " (L2 Engineering Support) was exceeded: it was due Tue 24 Nov 2026, 10:00 CET.\n",
        "Response time of L2 exceeded (due 2026-11-24T09:00:00Z)\n",
        "The escalation moves up to L3 (Critical Escalation).\n");
    assertThat(outbox.findByTicketIdOrderByIdAsc(ticketId)).extracting(OutboxNotification::getKey)
        .containsExactly(ticketId + ":sla-breach:RESPONSE:2026-11-24T09:00:00Z");
  }

  // ---------------------------------------------------------------- informOfLevelChange

  @Test
  void aLevelChange_mailsTheNewLevelsLeadWithFromToWhyAndWho() {
    levelChanges.save(new LevelChange(ticketId, "change", "L2", "L3",
        LevelChange.Kind.ESCALATED, "Customer threatens to churn", ERIN, NOW));
    run("test-inform-of-level-change", escalation("L3"));

    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly("executives@octoacme.example");
    assertThat(mail.subject()).isEqualTo("[LEVEL CHANGE] [L2 -> L3] - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).contains(
        "Escalation " + ticketId + " changed level: from L2 Engineering Support to L3 Critical Escalation.\n",
        "- Change: Escalated\n",
        "- Reason: Customer threatens to churn\n",
        "- By: Erin Engineer\n",
        "- When: Mon 23 Nov 2026, 10:00 CET\n",
        "- Now handled by: engineering-leads, product-managers\n");
  }

  @Test
  void aBreachThatKeepsTheLevel_tellsTheLeadTheLevelStaysWithFreshClocks() {
    Map<String, Object> variables = escalation("L4");
    events.save(new EscalationEvent(ticketId, "breach", "L4", EscalationEvent.Type.RESPONSE_SLA_BREACHED,
        "Response time of L4 exceeded", "sla-clock", RESPONSE_DUE, RESPONSE_DUE));
    levelChanges.save(new LevelChange(ticketId, "breach", "L4", "L4", LevelChange.Kind.SLA_BREACH,
        "Response time of L4 exceeded", "sla-clock", RESPONSE_DUE));
    run("test-inform-level-lead", variables);

    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly("executives@octoacme.example");
    assertThat(mail.text()).contains("(L4 Executive Escalation) was exceeded",
        "The escalation stays at L4 with fresh SLA clocks.\n");
  }

  // ---------------------------------------------------------------- warnOfSla (for the SLA warning)

  @Test
  void anSlaWarning_mailsTheWarnedUsersAndGroups() {
    Map<String, Object> variables = escalation("L2");
    variables.put("warnedRecipients", Variables.objectValue(List.of("user:" + ERIN, "group:engineering"), true).create());
    run("test-warn-of-sla", variables);
    run("test-warn-of-sla", variables); // the same warning again: no second mail

    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly(ERIN + "@octoacme.example", "engineering@octoacme.example");
    assertThat(mail.subject()).isEqualTo("[SLA WARNING] [L2] - Checkout fails with HTTP 500 - Globex Corporation"
        + " - response time runs out Tue 24 Nov 2026, 10:00 CET");
    assertThat(mail.text()).startsWith("Hello Erin Engineer, engineering,\n")
        .contains("The response time of escalation " + ticketId + " (L2 Engineering Support) runs out at Tue 24 Nov 2026, 10:00 CET.\n");
  }

  @Test
  void anSlaWarningForNobody_goesToTheLevelsHandlerGroups() {
    Map<String, Object> variables = escalation("L3");
    variables.put("warnedRecipients", Variables.objectValue(List.of(), true).create());
    run("test-warn-of-sla", variables);

    assertThat(deliverOne().to()).containsExactly("engineering-leads@octoacme.example", "product-managers@octoacme.example");
  }

  // ---------------------------------------------------------------- sendCustomerUpdate

  @Test
  void completingSendCustomerUpdate_mailsTheCustomerTheTemplatesUpdate_oncePerUpdate() {
    ProcessInstance pi = run("test-customer-update", escalation("L2"));
    complete(pi, EscalationModel.TASK_SEND_CUSTOMER_UPDATE, "FIX_IN_PROGRESS", "A null check was missing.", "Hotfix 4.2.1 tonight.");

    assertThat(CUSTOMER_UPDATES_SENT.from(runtime.getVariables(pi.getId()))).isEqualTo(1L);
    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly("jane.doe@globex.example");
    assertThat(mail.subject()).isEqualTo("Update on Checkout fails with HTTP 500 - Ticket #" + ticketId);
    assertThat(mail.text()).startsWith("Hi Jane Doe,\n\nThank you for your patience. Here's an update on your issue:\n")
        .contains("Current Status: Fix in progress\n", "What we've found: A null check was missing.\n",
            "Next Steps: Hotfix 4.2.1 tonight.\n", "Expected Timeline: Tomorrow morning\n")
        .endsWith("Best regards,\nSam Support\n");

    complete(pi, "Task_SendCustomerUpdate2", "FIX_DEPLOYED", "The fix is live.", "Please confirm it works for you.");
    assertThat(CUSTOMER_UPDATES_SENT.from(runtime.getVariables(pi.getId()))).isEqualTo(2L);
    assertThat(outbox.findByTicketIdOrderByIdAsc(ticketId)).extracting(OutboxNotification::getKey)
        .containsExactly(ticketId + ":customer-update:1", ticketId + ":customer-update:2");
    deliverAll();
    assertThat(GreenMailSmtp.mails(smtp)).extracting(m -> m.text().lines().filter(l -> l.startsWith("Current Status")).findFirst().orElseThrow())
        .containsExactly("Current Status: Fix in progress", "Current Status: Fix deployed");
  }

  @Test
  void aPersonWithNoGrantsBeyondTheTask_stillQueuesTheUpdate() {
    // samsupport is in no group: with camunda.bpm.authorization on, the task is all they may work on.
    assertThat(identity.createGroupQuery().groupMember(SAM).count()).isZero();
    ProcessInstance pi = run("test-customer-update", escalation("L2"));
    complete(pi, EscalationModel.TASK_SEND_CUSTOMER_UPDATE, "UNDER_INVESTIGATION", "Reproduced it.", "Root cause analysis.");

    assertThat(outbox.findByTicketIdOrderByIdAsc(ticketId)).hasSize(1);
    assertThat(deliverOne().to()).containsExactly("jane.doe@globex.example");
  }

  @Test
  void aCustomerWithoutAnAddress_hasTheUpdateSentToThePointOfContact() {
    Map<String, Object> variables = escalation("L2");
    variables.put(REPORTED_BY.name(), "Jane Doe (phone only)");
    ProcessInstance pi = run("test-customer-update", variables);
    complete(pi, EscalationModel.TASK_SEND_CUSTOMER_UPDATE, "UNDER_INVESTIGATION", "Reproduced it.", "Root cause analysis.");

    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly(SAM + "@octoacme.example");
    assertThat(mail.text()).startsWith("Hi Jane Doe,\n");
  }

  // ---------------------------------------------------------------- flagOverdueCustomerUpdate

  @Test
  void anOverdueUpdate_remindsThePointOfContact_orElseSupport() {
    run("test-flag-overdue", escalation("L2"));
    Mail mail = deliverOne();
    assertThat(mail.to()).containsExactly(SAM + "@octoacme.example");
    assertThat(mail.subject()).isEqualTo("[OVERDUE] Customer update for " + ticketId
        + " - Checkout fails with HTTP 500 - Globex Corporation");
    assertThat(mail.text()).startsWith("Hi Sam Support,\n").contains("The customer update for Globex Corporation on escalation "
        + ticketId + " was due Tue 24 Nov 2026, 09:00 CET and has not been sent yet.\n");

    smtp.reset();
    ticketId = EscalationRequests.nextTicketId();
    Map<String, Object> withoutContact = escalation("L2");
    withoutContact.remove(POINT_OF_CONTACT.name());
    run("test-flag-overdue", withoutContact);
    assertThat(deliverOne().to()).containsExactly("support@octoacme.example");
  }

  // ---------------------------------------------------------------- helpers

  /** The people of the escalation, with their e-mail addresses in Camunda's identity service (as in Admin). */
  void ensureUser(String id, String first, String last) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      org.camunda.bpm.engine.identity.User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setEmail(id + "@octoacme.example");
      user.setPassword("test");
      identity.saveUser(user);
    }
  }

  /** Submitting a task form reads the process definition; that and the task are all the test user may do. */
  void mayReadTheCustomerUpdateProcess(String userId) {
    if (authorizations.createAuthorizationQuery().userIdIn(userId).resourceType(Resources.PROCESS_DEFINITION)
        .resourceId("test-customer-update").count() == 0) {
      Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      read.setUserId(userId);
      read.setResource(Resources.PROCESS_DEFINITION);
      read.setResourceId("test-customer-update");
      read.addPermission(Permissions.READ);
      authorizations.saveAuthorization(read);
    }
  }

  /** An escalation's variables as the process has them when it has entered a level. */
  Map<String, Object> escalation(String level) {
    Map<String, Object> v = new HashMap<>();
    v.put(TICKET_ID.name(), ticketId);
    v.put(CUSTOMER_NAME.name(), "Globex Corporation");
    v.put(REPORTED_BY.name(), "Jane Doe <jane.doe@globex.example>");
    v.put(ISSUE_SUMMARY.name(), "Checkout fails with HTTP 500");
    v.put(BUSINESS_IMPACT.name(), "Cannot process orders");
    v.put(USERS_AFFECTED.name(), 40L);
    v.put(URGENCY.name(), "HIGH");
    v.put(PRIORITY.name(), "HIGH");
    v.put(ESCALATION_LEVEL.name(), level);
    v.putAll(levelPolicies.of(level).variables()); // what "Look up level policy" wrote on entering the level
    v.put(OPENED_BY.name(), SAM);
    v.put(POINT_OF_CONTACT.name(), SAM);
    v.put(LEVEL_ENTERED_AT.name(), Date.from(NOW));
    v.put(RESPONSE_DUE_AT.name(), Date.from(RESPONSE_DUE));
    v.put(NEXT_UPDATE_DUE.name(), Date.from(NEXT_UPDATE));
    return v;
  }

  ProcessInstance run(String processId, Map<String, Object> variables) {
    return runtime.startProcessInstanceByKey(processId, ticketId, variables);
  }

  void complete(ProcessInstance pi, String taskKey, String status, String found, String next) {
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    Map<String, Object> form = new HashMap<>();
    form.put(CURRENT_STATUS.name(), status);
    form.put(WHAT_WE_FOUND.name(), found);
    form.put(NEXT_STEPS.name(), next);
    form.put(EXPECTED_TIMELINE.name(), "Tomorrow morning");
    identity.setAuthentication(SAM, java.util.List.of("support"));
    try {
      engine.getFormService().submitTaskForm(task.getId(), form);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Sends the ticket's queued mails, as the mail workers would. */
  void deliverAll() {
    while (worker.deliverPending(ticketId) > 0) {
      // until none is left
    }
  }

  Mail deliverOne() {
    deliverAll();
    List<Mail> mails = GreenMailSmtp.mails(smtp);
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  static BpmnModelInstance serviceTask(String processId, String delegateExpression) {
    return Bpmn.createExecutableProcess(processId).camundaHistoryTimeToLive(1).startEvent()
        .serviceTask("Task_UnderTest").camundaDelegateExpression(delegateExpression).endEvent().done();
  }
}
