package com.octoacme.support.identity;

import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.testing.AuthenticatedClients;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.ProcessTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The shared Tasklist filters (issue #10, point 2): created once, admins' edits kept, each read by the groups it serves. */
@ProcessTest
class TasklistFiltersTest {

  static final List<String> ESCALATION_FILTERS = List.of("My group's escalations", "SLA at risk", "SLA breached",
      "Waiting for customer", "L3/L4 critical", "Customer update due", "All open escalations");

  @Autowired TasklistFilters tasklistFilters;
  @Autowired FilterService filters;
  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate rest;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void createdOnce_aRestartAddsNoDuplicateAndKeepsAnAdminsEdit() {
    for (String name : ESCALATION_FILTERS) {
      assertThat(filters.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
    }
    Filter atRisk = filters.createFilterQuery().filterName("SLA at risk").singleResult();
    atRisk.setProperties(Map.of("description", "Edited by an admin", "priority", 3));
    filters.saveFilter(atRisk);

    tasklistFilters.ensureFilters(); // what the next start does

    for (String name : ESCALATION_FILTERS) {
      assertThat(filters.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
    }
    assertThat(filters.getFilter(atRisk.getId()).getProperties()).containsEntry("description", "Edited by an admin");
  }

  @Test
  void eachGroupReadsTheFiltersOfItsWork_andNothingMore() throws Exception {
    assertThat(filterNames("sam.support")).containsExactlyInAnyOrder("My group's escalations", "SLA at risk", "SLA breached",
        "Waiting for customer", "L3/L4 critical", "Customer update due", "All open escalations", "My group tasks", "My tasks");
    assertThat(filterNames("erin.engineer")).containsExactlyInAnyOrder("My group's escalations", "SLA at risk", "SLA breached",
        "Waiting for customer", "My group tasks", "My tasks");
    assertThat(filterNames("lee.lead")).containsExactlyInAnyOrder("My group's escalations", "SLA at risk", "SLA breached",
        "Waiting for customer", "L3/L4 critical", "All open escalations", "My group tasks", "My tasks");
    assertThat(filterNames("paula.product")).containsExactlyInAnyOrder("My group tasks", "My tasks");
  }

  @Test
  void theEngineerFindsTheEscalationInTheirFilter_withTicketCustomerTierLevelAndSlaOnTheCard() throws Exception {
    EscalationDriver driver = new EscalationDriver(engine);
    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());

    // as Tasklist asks: the filter's tasks with its card variables, with the engineer's own rights
    Filter mine = filters.createFilterQuery().filterName("My group's escalations").singleResult();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
    String body = "{\"processInstanceBusinessKey\":\"" + pi.getBusinessKey() + "\"}";
    ResponseEntity<String> answer = rest.withBasicAuth("erin.engineer", AuthenticatedClients.DEMO_PASSWORD)
        .postForEntity("/engine-rest/filter/" + mine.getId() + "/list?firstResult=0&maxResults=15", new HttpEntity<>(body, headers), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    JsonNode tasks = json.readTree(answer.getBody()).path("_embedded").path("task");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).path("taskDefinitionKey").asText()).isEqualTo(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    List<String> card = new ArrayList<>();
    tasks.get(0).path("_embedded").path("variable").forEach(v -> card.add(v.path("name").asText() + "=" + v.path("value").asText()));
    assertThat(card).contains(EscalationVariables.CARD_TICKET_ID.name() + "=" + pi.getBusinessKey(),
        EscalationVariables.CARD_CUSTOMER.name() + "=Globex Corporation", EscalationVariables.CARD_TIER.name() + "=PRO",
        EscalationVariables.CARD_LEVEL.name() + "=L2", EscalationVariables.CARD_SLA_STATE.name() + "=On track");
    assertThat(card).anyMatch(c -> c.startsWith(EscalationVariables.CARD_SLA_DUE.name() + "=Response due "));

    // support's "Customer update due" is not the engineer's
    Filter updates = filters.createFilterQuery().filterName("Customer update due").singleResult();
    assertThat(rest.withBasicAuth("erin.engineer", AuthenticatedClients.DEMO_PASSWORD)
        .postForEntity("/engine-rest/filter/" + updates.getId() + "/list", new HttpEntity<>("{}", headers), String.class)
        .getStatusCode().value()).isIn(403, 404);
  }

  private List<String> filterNames(String user) throws Exception {
    String answer = rest.withBasicAuth(user, AuthenticatedClients.DEMO_PASSWORD).getForObject("/engine-rest/filter", String.class);
    List<String> names = new ArrayList<>();
    json.readTree(answer).forEach(f -> names.add(f.path("name").asText()));
    return names;
  }
}
