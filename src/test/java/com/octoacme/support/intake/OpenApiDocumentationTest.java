package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.testing.ProcessTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The OpenAPI description: every endpoint, parameter, field and answer of /api/escalations is described. */
@ProcessTest
class OpenApiDocumentationTest {

  private static final List<String> SCHEMAS = List.of("EscalationRequest", "EscalationSummary", "Escalation",
      "SlaBreach", "LevelChange", "ApiError", EscalationModel.MESSAGE_CUSTOMER_REPLIED, EscalationModel.MESSAGE_CSAT_RECEIVED, EscalationModel.MESSAGE_ESCALATION_REOPENED);

  @Autowired TestRestTemplate rest;

  @Test
  void everyEndpointFieldAndAnswerIsDescribed() throws Exception {
    ResponseEntity<String> response = rest.getForEntity("/v3/api-docs", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode api = IntakeApi.JSON.readTree(response.getBody());
    // For people and client generators: the description as the build saw it.
    java.nio.file.Path copy = java.nio.file.Path.of("target", "openapi", "support-escalation-api.json");
    java.nio.file.Files.createDirectories(copy.getParent());
    java.nio.file.Files.writeString(copy, IntakeApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(api));

    JsonNode paths = api.get("paths");
    Map<String, List<String>> expected = Map.of(
        "/api/escalations", List.of("post"),
        "/api/escalations/{ticketId}", List.of("get"),
        "/api/escalations/{ticketId}/events/customer-replied", List.of("post"),
        "/api/escalations/{ticketId}/events/fix-verified", List.of("post"),
        "/api/escalations/{ticketId}/events/csat-received", List.of("post"),
        "/api/escalations/{ticketId}/events/reopened", List.of("post"));
    List<String> undocumented = new ArrayList<>();
    expected.forEach((path, methods) -> {
      assertThat(paths.has(path)).as("path %s", path).isTrue();
      for (String method : methods) {
        JsonNode operation = paths.get(path).get(method);
        assertThat(operation).as("%s %s", method, path).isNotNull();
        require(operation, "summary", method + " " + path, undocumented);
        require(operation, "description", method + " " + path, undocumented);
        operation.path("parameters").forEach(p -> require(p, "description", method + " " + path + " " + p.get("name"),
            undocumented));
        if (operation.has("requestBody")) {
          require(operation.get("requestBody"), "description", method + " " + path + " body", undocumented);
        }
        operation.get("responses").fields().forEachRemaining(answer -> {
          require(answer.getValue(), "description", method + " " + path + " " + answer.getKey(), undocumented);
          if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
            assertThat(answer.getValue().toString()).as("%s %s %s is an ApiError", method, path, answer.getKey())
                .contains("#/components/schemas/ApiError");
          }
        });
      }
    });
    assertThat(paths.get("/api/escalations").get("post").get("responses").fieldNames())
        .toIterable().contains("200", "201", "400", "409", "413", "415", "422");
    assertThat(paths.get("/api/escalations/{ticketId}/events/reopened").get("post").get("responses").fieldNames())
        .toIterable().contains("202", "400", "404", "409", "413", "415");
    assertThat(paths.get("/api/escalations").get("post").toString()).contains("Idempotency-Key")
        .contains("#/components/schemas/EscalationRequest");

    JsonNode schemas = api.get("components").get("schemas");
    for (String name : SCHEMAS) {
      JsonNode schema = schemas.get(name);
      assertThat(schema).as("schema %s", name).isNotNull();
      require(schema, "description", "schema " + name, undocumented);
      schema.get("properties").fields().forEachRemaining(property -> {
        JsonNode described = property.getValue();
        if (described.has("allOf") || described.has("$ref")) {
          // A reference to an enumeration or a nested schema: described beside it, or by the referenced schema.
          return;
        }
        require(described, "description", name + "." + property.getKey(), undocumented);
      });
    }
    assertThat(schemas.get("EscalationRequest").get("required")).isNotEmpty();
    assertThat(schemas.get("EscalationRequest").get("properties").get("accountTier").toString())
        .contains("ENTERPRISE");
    assertThat(undocumented).as("without a description").isEmpty();
  }

  @Test
  void swaggerUiShowsIt() {
    ResponseEntity<String> page = rest.getForEntity("/swagger-ui/index.html", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("swagger-ui");
    ResponseEntity<String> config = rest.getForEntity("/v3/api-docs/swagger-config", String.class);
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(config.getBody()).contains("/v3/api-docs");
  }

  private static void require(JsonNode node, String field, String what, List<String> missing) {
    if (node == null || !node.hasNonNull(field) || node.get(field).asText().isBlank()) {
      missing.add(what);
    }
  }
}
