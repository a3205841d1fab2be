package com.octoacme.support.operations;

import static com.octoacme.support.escalation.EscalationVariables.RESOLUTION_DUE_AT;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.notification.DeliveryIncidents;
import com.octoacme.support.notification.NotificationWorker;
import com.octoacme.support.operations.StuckEscalations.Reason;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stuck-escalation watch under a controlled clock: a missed resolution target with no progress for
 * {@code no-progress-after} (PT2H), a wait for the customer past its due instant, and an incident in the
 * escalation each become one incident of type {@value StuckEscalations#TYPE} on the escalation instance,
 * its message starting with the ticket ID, and it is resolved at the next check after the escalation moved.
 * Several nodes checking at once (threads here, each with its own database connection, as nodes have) raise
 * one incident, not one each.
 */
@ProcessTest
class StuckEscalationsTest {

  static final Instant MONDAY_10_00 = Instant.parse("2026-11-23T09:00:00Z");

  /** The port of spring.mail.port in application-test.yaml. */
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(39025, "localhost", ServerSetup.PROTOCOL_SMTP));

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired StuckEscalations watch;
  @Autowired StuckEscalationsProperties properties;
  @Autowired NotificationWorker worker;
  EscalationDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new EscalationDriver(engine);
    clock(MONDAY_10_00);
  }

  @AfterEach
  void tearDown() {
    // other tests' escalations the checks found stuck (under the clocks set here) are none of theirs to see
    runtime.createIncidentQuery().incidentType(StuckEscalations.TYPE).list()
        .forEach(incident -> runtime.resolveIncident(incident.getId()));
    ClockUtil.reset();
  }

  @Test
  void aMissedResolutionTargetWithNoProgress_isOneIncidentHoweverManyNodesCheck_resolvedWhenTheEscalationMoves()
      throws Exception {
    ProcessInstance pi = driver.start(request("MAJOR_BRAND_RISK", "ENTERPRISE", "HIGH", 1)); // L4: 1 h to resolve
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    driver.acknowledgeAsHandlers(pi);
    Instant due = RESOLUTION_DUE_AT.from(runtime.getVariables(pi.getId())).toInstant();
    clock(due.plusSeconds(1));
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESOLUTION_SLA_BREACHED);
    Jobs.executeAsyncContinuations(management, pi); // L4 keeps its level with fresh clocks: no level change
    String configuration = StuckEscalations.configuration(pi.getBusinessKey(), Reason.RESOLUTION_STALLED);

    clock(due.plus(properties.noProgressAfter()).minusSeconds(60));
    assertThat(watch.check()).as("not yet: less than no-progress-after").doesNotContainKey(configuration);

    clock(due.plus(properties.noProgressAfter()).plusSeconds(1));
    // three nodes check at the same moment
    int nodes = 3;
    CyclicBarrier together = new CyclicBarrier(nodes);
    List<CompletableFuture<Map<String, String>>> checks = new ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      checks.add(CompletableFuture.supplyAsync(() -> {
        try {
          together.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return watch.check();
      }));
    }
    for (CompletableFuture<Map<String, String>> check : checks) {
      assertThat(check.get()).containsKey(configuration);
    }
    List<Incident> stuck = stuckIncidents(pi);
    assertThat(stuck).as("one incident, not one per node").singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo(StuckEscalations.TYPE);
      assertThat(incident.getConfiguration()).isEqualTo(configuration);
      assertThat(incident.getIncidentMessage()).startsWith(pi.getBusinessKey() + ": stuck: the resolution target of L4"
          + " passed at " + due + " and nothing moved since for more than PT2H");
    });
    watch.check();
    assertThat(stuckIncidents(pi)).extracting(Incident::getId).containsExactly(stuck.get(0).getId());

    // the executive acknowledges the fresh level: the escalation moves, the incident goes
    clock(due.plus(properties.noProgressAfter()).plusSeconds(120));
    driver.acknowledgeAsHandlers(pi);
    assertThat(watch.check()).doesNotContainKey(configuration);
    assertThat(stuckIncidents(pi)).isEmpty();
    assertThat(history.createHistoricIncidentQuery().incidentId(stuck.get(0).getId()).singleResult().isOpen()).isFalse();
  }

  @Test
  void aWaitForTheCustomerPastItsDueInstant_isAnIncident_resolvedWhenTheCustomerReplies() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40)); // L2
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    driver.acknowledge(pi, "erin.engineer");
    driver.resolve(pi, "erin.engineer", "WAITING_FOR_CUSTOMER", "Asked for the HAR file of a failing checkout");
    Task wait = driver.single(pi, EscalationModel.TASK_WAIT_FOR_CUSTOMER_REPLY);
    // the wait's due date if its task has one, else operations.stuck-escalations.customer-wait after it began
    Instant due = wait.getDueDate() != null ? wait.getDueDate().toInstant()
        : wait.getCreateTime().toInstant().plus(properties.customerWait());
    String configuration = StuckEscalations.configuration(pi.getBusinessKey(), Reason.CUSTOMER_WAIT_OVERDUE);

    clock(due.minusSeconds(60));
    assertThat(watch.check()).doesNotContainKey(configuration);
    clock(due.plusSeconds(1));
    assertThat(watch.check()).containsKey(configuration);
    assertThat(stuckIncidents(pi)).singleElement().satisfies(incident -> assertThat(incident.getIncidentMessage())
        .startsWith(pi.getBusinessKey() + ": stuck: waiting for the customer's reply since "
            + wait.getCreateTime().toInstant() + ", due at " + due));

    runtime.createMessageCorrelation(EscalationModel.MESSAGE_CUSTOMER_REPLIED).processInstanceBusinessKey(pi.getBusinessKey())
        .correlate();
    assertThat(watch.check()).doesNotContainKey(configuration);
    assertThat(stuckIncidents(pi)).isEmpty();
  }

  @Test
  void anIncidentInTheEscalation_isAStuckIncidentNamingIt_resolvedWhenItIs() {
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40)); // L2: mails engineering
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    smtp.stop();
    assertThat(worker.deliverPending(pi.getBusinessKey())).isPositive();
    String configuration = StuckEscalations.configuration(pi.getBusinessKey(), Reason.INCIDENT);

    assertThat(watch.check()).containsKey(configuration);
    assertThat(stuckIncidents(pi)).singleElement().satisfies(incident -> assertThat(incident.getIncidentMessage())
        .startsWith(pi.getBusinessKey() + ": stuck: ").contains("open incident(s) in it")
        .contains(DeliveryIncidents.TYPE).contains(pi.getBusinessKey() + ":engineering-escalation:L2"));

    smtp.start();
    clock(MONDAY_10_00.plus(Duration.ofMinutes(5)));
    assertThat(worker.deliverPending(pi.getBusinessKey())).isPositive();
    assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).incidentType(DeliveryIncidents.TYPE).count()).isZero();
    assertThat(watch.check()).doesNotContainKey(configuration);
    assertThat(stuckIncidents(pi)).isEmpty();
  }

  private List<Incident> stuckIncidents(ProcessInstance pi) {
    return runtime.createIncidentQuery().processInstanceId(pi.getId()).incidentType(StuckEscalations.TYPE).list();
  }

  static void clock(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }
}
