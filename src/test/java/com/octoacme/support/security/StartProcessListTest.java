package com.octoacme.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.featurerequest.FeatureRequestVariables;
import com.octoacme.support.identity.IdentitySetup;
import com.octoacme.support.identity.SupportGroup;
import com.octoacme.support.testing.AuthenticatedClients;
import com.octoacme.support.testing.ProcessTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Tasklist's "Start process" list (issue #10, point 8) as Tasklist 7.24 asks for it: only what the user may
 * start (startablePermissionCheck). Support starts escalations and feature requests; nobody else starts anything.
 */
@ProcessTest
class StartProcessListTest {

  /** The query of Tasklist's start dialog (camunda-tasklist-bootstrap.js, 7.24). */
  static final String TASKLIST_START_QUERY =
      "/engine-rest/process-definition?latest=true&active=true&startableInTasklist=true&startablePermissionCheck=true&firstResult=0&maxResults=15";

  @Autowired TestRestTemplate rest;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void eachGroupIsOfferedOnlyWhatItMayStart() throws Exception {
    IdentitySetup.DEMO_USERS.forEach((user, group) -> {
      List<String> offered = offered(user);
      if (group == SupportGroup.SUPPORT) {
        assertThat(offered).as(user).containsExactlyInAnyOrder(EscalationVariables.PROCESS_ID, FeatureRequestVariables.PROCESS_ID);
      } else {
        assertThat(offered).as(user).isEmpty();
      }
    });
  }

  private List<String> offered(String user) {
    try {
      String answer = rest.withBasicAuth(user, AuthenticatedClients.DEMO_PASSWORD).getForObject(TASKLIST_START_QUERY, String.class);
      List<String> keys = new ArrayList<>();
      json.readTree(answer).forEach(d -> keys.add(d.path("key").asText()));
      return keys;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
