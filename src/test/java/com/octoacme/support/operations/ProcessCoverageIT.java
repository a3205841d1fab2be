package com.octoacme.support.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.escalation.EscalationVariables;
import com.octoacme.support.notification.NotificationVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Process test coverage is enforced: after the unit tests (this runs in failsafe's phase of {@code mvn
 * verify}), every flow node and sequence flow of these processes was passed by some test, as the coverage
 * reports in target/process-test-coverage/ record it. An element no test passes fails the build, named.
 */
class ProcessCoverageIT {

  static final Path REPORTS = Path.of("target/process-test-coverage");

  static List<String> enforced() {
    return List.of(EscalationVariables.PROCESS_ID, NotificationVariables.PROCESS_ID);
  }

  @ParameterizedTest
  @MethodSource("enforced")
  void everyElementIsCoveredBySomeTest(String processId) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn", processId + ".bpmn").toFile());
    Set<String> elements = new TreeSet<>();
    model.getModelElementsByType(FlowNode.class).forEach(n -> elements.add(n.getId()));
    model.getModelElementsByType(SequenceFlow.class).forEach(f -> elements.add(f.getId()));

    Set<String> covered = new HashSet<>();
    assertThat(REPORTS).as("coverage reports of the unit tests").isDirectory();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(REPORTS)) {
      for (Path report : files.filter(f -> f.getFileName().toString().equals("report.json")).toList()) {
        for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
          for (JsonNode run : suite.path("runs")) {
            for (JsonNode event : run.path("events")) {
              if (processId.equals(event.path("modelKey").asText())) {
                covered.add(event.path("definitionKey").asText());
              }
            }
          }
        }
      }
    }
    Set<String> uncovered = new TreeSet<>(elements);
    uncovered.removeAll(covered);
    assertThat(uncovered).as("elements of %s that no test passes", processId).isEmpty();
  }
}
