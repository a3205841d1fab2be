package com.octoacme.support.notification;

import static com.octoacme.support.testing.EscalationRequests.request;
import static com.octoacme.support.testing.InvalidInput.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.octoacme.support.escalation.AfterResolutionCheck;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Closed without engineering ever being mailed" cannot happen: while a mail of the escalation failed and has
 * not gone out, the after-resolution checklist refuses to complete, naming the mail and what to do; the form's
 * input is kept. Once the mail went out, the same submission closes.
 */
@ProcessTest
class FailedMailHoldsClosingTest {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  @RegisterExtension
  static GreenMailExtension smtp = GreenMailSmtp.server();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired NotificationWorker worker;
  @Autowired NotificationRepository outbox;

  @BeforeEach
  void setUp() {
    init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
  }

  @Test
  void theAfterResolutionChecklistRefusesToCloseWhileTheEngineeringMailFailed_andClosesOnceItWentOut() {
    EscalationDriver driver = new EscalationDriver(engine);
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40)); // L2: mails engineering
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    smtp.stop();
    worker.deliverPending(pi.getBusinessKey());
    OutboxNotification engineering = outbox.findByTicketIdOrderByIdAsc(pi.getBusinessKey()).stream()
        .filter(n -> n.getKind() == NotificationKind.ENGINEERING_ESCALATION).findFirst().orElseThrow();
    assertThat(engineering.getStatus()).isEqualTo(OutboxNotification.Status.FAILED);
    driver.acknowledge(pi, "erin.engineer");
    driver.resolve(pi, "erin.engineer", "RESOLVED", null);

    Task checklist = driver.single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);
    assertInvalidField(() -> driver.submit(checklist, "sam.support", EscalationDriver.afterResolutionForm(5)),
        AfterResolutionCheck.TICKET_CLOSED.done.name())
        .hasMessageStartingWith(pi.getBusinessKey() + " cannot be closed yet: ")
        .hasMessageContaining("ENGINEERING_ESCALATION '" + engineering.getSubject() + "' to engineering@octoacme.example")
        .hasMessageContaining("incident on the escalation in Cockpit");
    assertThat(pi).isWaitingAt(EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);

    smtp.start();
    ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
    worker.deliverPending(pi.getBusinessKey());
    assertThat(outbox.findByKey(engineering.getKey()).orElseThrow().getStatus()).isEqualTo(OutboxNotification.Status.SENT);
    driver.complete(driver.single(pi, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST), "sam.support",
        EscalationDriver.afterResolutionForm(5));
    assertThat(pi).hasPassed(EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST);
  }
}
