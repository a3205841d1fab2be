package com.octoacme.support.featurerequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.escalation.ProcessVariable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * feature-request.bpmn, its forms and feature-review-criteria.dmn agree with the Java side: form keys are
 * catalogue variables, selects offer the enumerations, the ids Java names exist, conventions hold.
 */
class FeatureRequestModelTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static BpmnModelInstance model;
  static DmnModelInstance criteria;
  static String xml;

  @BeforeAll
  static void read() throws IOException {
    Path bpmn = Path.of("bpmn", FeatureRequestVariables.PROCESS_ID + ".bpmn");
    model = Bpmn.readModelFromFile(bpmn.toFile());
    xml = Files.readString(bpmn);
    criteria = Dmn.readModelFromFile(Path.of("bpmn", FeatureRequestModel.DECISION_REVIEW_CRITERIA + ".dmn").toFile());
  }

  @Test
  void everyFormRefNamesAFormWhoseFieldsAreCatalogueVariables() throws Exception {
    Set<String> refs = new HashSet<>();
    model.getModelElementsByType(UserTask.class).forEach(t -> {
      refs.add(t.getCamundaFormRef());
      assertThat(t.getCamundaFormRefBinding()).as(t.getId()).isEqualTo("deployment");
    });
    model.getModelElementsByType(StartEvent.class).stream().filter(s -> s.getCamundaFormRef() != null)
        .forEach(s -> refs.add(s.getCamundaFormRef()));
    assertThat(refs).containsExactlyInAnyOrder("feature-request-start", "feature-product-review", "feature-more-information");
    Set<String> catalogue = catalogue();
    for (String ref : refs) {
      JsonNode form = JSON.readTree(Path.of("forms", ref + ".form").toFile());
      assertThat(form.get("id").asText()).isEqualTo(ref);
      for (JsonNode field : fields(form)) {
        assertThat(catalogue).as("key %s of form %s", field.get("key").asText(), ref).contains(field.get("key").asText());
      }
    }
  }

  @Test
  void theStartFormCapturesEveryRequestFieldAndItsSelectsOfferTheEnumerations() throws Exception {
    JsonNode form = JSON.readTree(Path.of("forms", "feature-request-start.form").toFile());
    List<String> keys = fields(form).stream().map(f -> f.get("key").asText()).toList();
    assertThat(keys).containsExactlyInAnyOrderElementsOf(
        FeatureRequestVariables.REQUEST_FIELDS.stream().map(ProcessVariable::name).toList());
    Map<String, List<String>> expected = Map.of(FeatureRequestVariables.CUSTOMER_TIER.name(),
        Arrays.stream(AccountTier.values()).map(Enum::name).toList(), FeatureRequestVariables.REVIEW_OUTCOME.name(),
        Arrays.stream(ReviewOutcome.values()).map(Enum::name).toList());
    int checked = 0;
    for (String ref : List.of("feature-request-start", "feature-product-review")) {
      for (JsonNode field : fields(JSON.readTree(Path.of("forms", ref + ".form").toFile()))) {
        String type = field.get("type").asText();
        if (type.equals("select") || type.equals("radio")) {
          List<String> values = new ArrayList<>();
          field.get("values").forEach(v -> values.add(v.get("value").asText()));
          assertThat(values).as("options of %s", field.get("key")).containsExactlyElementsOf(expected.get(field.get("key").asText()));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void theIdsAndTheMessageJavaNamesAreInTheModel() throws IllegalAccessException {
    for (Field field : FeatureRequestModel.class.getFields()) {
      String value = (String) field.get(null);
      if (field.getName().startsWith("TASK_") || field.getName().startsWith("END_") || field.getName().startsWith("EVENT_")
          || field.getName().startsWith("TIMER_") || field.getName().startsWith("START_")) {
        assertThat((Object) model.getModelElementById(value)).as(field.getName()).isNotNull();
      }
    }
    assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
        .containsExactly(FeatureRequestModel.MESSAGE_FEATURE_REQUEST_UPDATED);
  }

  @Test
  void everyElementHasAHumanNameAConventionalIdAndBeansAreCalledByExpression() {
    Map<Class<? extends BaseElement>, String> prefixes = Map.of(
        StartEvent.class, "StartEvent_", EndEvent.class, "EndEvent_", BoundaryEvent.class, "(Timer|Event)_",
        IntermediateCatchEvent.class, "Event_", Gateway.class, "Gateway_", SubProcess.class, "SubProcess_",
        Task.class, "Task_", SequenceFlow.class, "Flow_");
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      String prefix = prefixes.entrySet().stream().filter(p -> p.getKey().isInstance(element))
          .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("unexpected " + element.getId()));
      assertThat(element.getId()).as("id of %s", element.getName()).matches(prefix + "[A-Z][A-Za-z0-9]+");
      if (element instanceof FlowNode) {
        assertThat(element.getName()).as("name of %s", element.getId()).isNotBlank();
      }
    }
    assertThat(xml).doesNotContain("camunda:class=").doesNotContain("com.octoacme");
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class))
        .allSatisfy(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).isNotBlank());
  }

  @Test
  void theCriteriaTableCollectsTheFiveCriteriaFromTheEvidenceItIsGiven() {
    DecisionTable table = criteria.getModelElementsByType(DecisionTable.class).iterator().next();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.COLLECT);
    assertThat(criteria.getModelElementsByType(InputExpression.class)).extracting(e -> e.getText().getTextContent())
        .containsExactly(FeatureRequestModel.IN_DISTINCT_CUSTOMERS, FeatureRequestModel.IN_ENTERPRISE_CUSTOMERS,
            FeatureRequestModel.IN_HIGHEST_CONTRACT_VALUE, FeatureRequestModel.IN_ROADMAP_ALIGNED,
            FeatureRequestModel.IN_COMPETITIVE_PARITY, FeatureRequestModel.IN_PROMISED_IN_CONTRACT);
    Set<String> criteriaNamed = new HashSet<>();
    for (OutputEntry entry : criteria.getModelElementsByType(OutputEntry.class)) {
      String text = entry.getText().getTextContent();
      if (text.matches("\"[A-Z]+\"")) {
        criteriaNamed.add(text.replace("\"", ""));
      }
    }
    assertThat(criteriaNamed).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ReviewCriterion.values()).map(Enum::name).toList());
  }

  private static Set<String> catalogue() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field field : FeatureRequestVariables.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof ProcessVariable<?> variable) {
        names.add(variable.name());
      }
    }
    return names;
  }

  private static List<JsonNode> fields(JsonNode form) {
    List<JsonNode> found = new ArrayList<>();
    form.get("components").forEach(c -> collect(c, found));
    return found;
  }

  private static void collect(JsonNode component, List<JsonNode> found) {
    if (component.has("key")) {
      found.add(component);
    }
    if (component.has("components")) {
      component.get("components").forEach(c -> collect(c, found));
    }
  }
}
