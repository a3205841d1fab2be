package com.octoacme.support.metrics;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.CUSTOMER_NAME;
import static com.octoacme.support.escalation.EscalationVariables.REPORTED_BY;
import static com.octoacme.support.testing.AuthenticatedClients.ADMIN;
import static com.octoacme.support.testing.AuthenticatedClients.ADMIN_PASSWORD;
import static com.octoacme.support.testing.AuthenticatedClients.DEMO_PASSWORD;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Who sees what of the metrics, through HTTP as real clients call it: support and the leads read every
 * figure; the product team the volume by category only; other groups, the admin and anonymous callers
 * nothing. Prometheus scrapes with its own credential. No figure carries customer contact data.
 */
@ProcessTest
class MetricsAccessTest {

  static final List<String> FIGURES = List.of("first-response", "volume-by-category", "volume-by-level", "csat",
      "re-escalation", "resolution", "sla-compliance", "open");
  static final Map<String, String> USER_OF_GROUP = new LinkedHashMap<>(Map.of(
      "support", "sam.support", "engineering-leads", "lee.lead", "product-managers", "pat.pm", "executives", "vic.vp",
      "product-team", "paula.product", "engineering", "erin.engineer"));

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired OpenGauges gauges;

  @Test
  void eachGroupSeesItsFigures() {
    for (var group : USER_OF_GROUP.entrySet()) {
      TestRestTemplate caller = rest.withBasicAuth(group.getValue(), DEMO_PASSWORD);
      for (String figure : FIGURES) {
        int expected = switch (group.getKey()) {
          case "support", "engineering-leads", "product-managers", "executives" -> 200;
          case "product-team" -> figure.equals("volume-by-category") ? 200 : 403;
          default -> 403;
        };
        for (String path : List.of("/api/metrics/" + figure, "/api/metrics/" + figure + ".csv")) {
          assertThat(caller.getForEntity(path, String.class).getStatusCode().value()).as("%s as %s", path, group.getKey())
              .isEqualTo(expected);
        }
        int drill = expected == 200 && !group.getKey().equals("product-team") ? 200 : 403;
        assertThat(caller.getForEntity("/api/metrics/" + figure + "/escalations", String.class).getStatusCode().value())
            .as("escalations behind %s as %s", figure, group.getKey()).isEqualTo(drill);
      }
    }
    TestRestTemplate anonymous = new TestRestTemplate();
    assertThat(anonymous.getForEntity(rest.getRootUri() + "/api/metrics/volume-by-category", String.class)
        .getStatusCode().value()).isEqualTo(401);
    assertThat(rest.withBasicAuth(ADMIN, ADMIN_PASSWORD).getForEntity("/api/metrics/csat", String.class)
        .getStatusCode().value()).as("the admin is no support lead").isEqualTo(403);
    // the backfill is an operation: admins only
    assertThat(rest.withBasicAuth("lee.lead", DEMO_PASSWORD).postForEntity("/api/operations/metrics/backfill", null,
        String.class).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void figuresCarryNoCustomerContactData() {
    ProcessInstance pi = escalationToL3();
    TestRestTemplate lead = rest.withBasicAuth("lee.lead", DEMO_PASSWORD);
    List<String> bodies = new ArrayList<>();
    for (String figure : FIGURES) {
      bodies.add(lead.getForObject("/api/metrics/" + figure, String.class));
      bodies.add(lead.getForObject("/api/metrics/" + figure + ".csv", String.class));
      bodies.add(lead.getForObject("/api/metrics/" + figure + "/escalations", String.class));
    }
    assertThat(String.join("\n", bodies)).as("the escalations behind the bars name the ticket")
        .contains(pi.getBusinessKey())
        .doesNotContainIgnoringCase("Globex").doesNotContain("jane.doe").doesNotContain("@");
  }

  @Test
  void prometheusScrapesWithItsOwnCredentialOnly() {
    escalationToL3();
    gauges.refresh();
    String prometheus = "/actuator/prometheus";
    assertThat(new TestRestTemplate().getForEntity(rest.getRootUri() + prometheus, String.class).getStatusCode().value())
        .isEqualTo(401);
    assertThat(rest.withBasicAuth(ADMIN, ADMIN_PASSWORD).getForEntity(prometheus, String.class).getStatusCode().value())
        .as("a person's credential, even the admin's").isEqualTo(401);
    assertThat(rest.withBasicAuth("prometheus", "wrong").getForEntity(prometheus, String.class).getStatusCode().value())
        .isEqualTo(401);
    ResponseEntity<String> scrape = rest.withBasicAuth("prometheus", "test-scrape-secret").getForEntity(prometheus, String.class);
    assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(scrape.getBody())
        .containsPattern("escalation_escalations_total\\{category=\"BUG\",level=\"L2\"\\} [1-9]")
        .containsPattern("escalation_sla_breaches_total\\{category=\"BUG\",level=\"L2\",sla=\"RESPONSE\"\\} [1-9]")
        .containsPattern("escalation_level_changes_total\\{category=\"BUG\",kind=\"SLA_BREACH\",level=\"L3\"\\} [1-9]")
        .containsPattern("escalation_first_response_seconds_count\\{clock=\"business\",level=\"L3\"\\} [1-9]")
        .containsPattern("escalation_open\\{level=\"L3\"\\} [1-9]")
        .containsPattern("escalation_open_breached\\{level=\"L3\"\\} [1-9]");
    assertThat(rest.withBasicAuth("prometheus", "test-scrape-secret").getForEntity("/actuator/env", String.class)
        .getStatusCode().value()).as("the scrape credential reads the meters only").isIn(401, 403, 404);
  }

  @Test
  void theDashboardIsServedWithItsBundledChartLibrary() {
    TestRestTemplate anonymous = new TestRestTemplate();
    // /dashboard redirects to the page (the client follows it); the page holds no data: it needs no login
    String page = anonymous.getForObject(rest.getRootUri() + "/dashboard", String.class);
    assertThat(page).contains("<title>Escalation metrics");
    assertThat(page).contains("/webjars/echarts/dist/echarts.min.js").doesNotContain("https://");
    assertThat(anonymous.getForEntity(rest.getRootUri() + "/webjars/echarts/dist/echarts.min.js", String.class)
        .getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void everyFigureIsDescribedInOpenApi() {
    JsonNode paths = rest.getForObject("/v3/api-docs", JsonNode.class).get("paths");
    for (String figure : FIGURES) {
      for (String path : List.of("/api/metrics/" + figure, "/api/metrics/" + figure + ".csv")) {
        JsonNode get = paths.path(path).path("get");
        assertThat(get.path("summary").asText()).as(path).isNotBlank();
        assertThat(get.path("parameters")).as(path).hasSize(6)
            .allSatisfy(p -> assertThat(p.path("description").asText()).isNotBlank());
        assertThat(get.path("responses").path("400").toString()).contains("#/components/schemas/ApiError");
      }
    }
    assertThat(paths.has("/api/metrics/{figure}/escalations")).isTrue();
    assertThat(paths.has("/api/operations/metrics/backfill")).isTrue();
  }

  /** An L2 bug whose response SLA ran out: now at L3, acknowledged there. Customer: Globex, jane.doe@globex.example. */
  ProcessInstance escalationToL3() {
    EscalationDriver driver = new EscalationDriver(engine);
    Map<String, Object> request = request("CONFIRMED_BUG", "PRO", "MEDIUM", 40);
    assertThat(request).containsEntry(CUSTOMER_NAME.name(), "Globex Corporation")
        .containsEntry(REPORTED_BY.name(), "jane.doe@globex.example");
    ProcessInstance pi = driver.start(request);
    driver.reviewLevel(pi, "L2", "Confirmed bug");
    driver.completeChecklist(pi, Map.of());
    Jobs.fireTimer(management, pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    Jobs.executeJobAt(management, pi, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);
    Jobs.executeAsyncContinuations(management, pi);
    driver.acknowledgeAsHandlers(pi);
    return pi;
  }
}
