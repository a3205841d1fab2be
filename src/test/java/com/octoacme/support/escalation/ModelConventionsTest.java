package com.octoacme.support.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.escalation.Enumerations.Environment;
import com.octoacme.support.escalation.Enumerations.HealthScore;
import com.octoacme.support.escalation.Enumerations.Sentiment;
import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.Enumerations.Urgency;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What process admins edit in Modeler must stay consistent with the Java side: form keys are
 * catalogue variables, selects offer exactly the enumerations, every formRef has its form, and
 * names and ids follow the conventions.
 */
class ModelConventionsTest {

  static final Path BPMN = Path.of("bpmn");
  static final Path FORMS = Path.of("forms");
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, JsonNode> forms = new HashMap<>();
  static BpmnModelInstance escalation;

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode form = JSON.readTree(file.toFile());
        if (form.get("id").asText().startsWith("feature-")) {
          continue; // the feature-request process's forms: see featurerequest.FeatureRequestModelTest
        }
        assertThat(file.getFileName().toString()).as("a form file is named after its id").isEqualTo(form.get("id").asText() + ".form");
        forms.put(form.get("id").asText(), form);
      }
    }
    escalation = Bpmn.readModelFromFile(BPMN.resolve(EscalationVariables.PROCESS_ID + ".bpmn").toFile());
  }

  @Test
  void everyFormRefNamesADeployedFormAndEveryFormIsUsed() {
    Set<String> refs = new HashSet<>();
    escalation.getModelElementsByType(UserTask.class).forEach(t -> refs.add(t.getCamundaFormRef()));
    escalation.getModelElementsByType(StartEvent.class).stream()
        .filter(s -> s.getCamundaFormRef() != null).forEach(s -> refs.add(s.getCamundaFormRef()));
    assertThat(refs).doesNotContainNull().containsExactlyInAnyOrderElementsOf(forms.keySet());
    escalation.getModelElementsByType(UserTask.class)
        .forEach(t -> assertThat(t.getCamundaFormRefBinding()).as(t.getId()).isEqualTo("deployment"));
  }

  @Test
  void everyFormFieldIsACatalogueVariable() throws IllegalAccessException {
    Set<String> catalogue = catalogueVariableNames();
    forms.forEach((id, form) -> fields(form).forEach(field ->
        assertThat(catalogue).as("key %s of form %s", field.get("key").asText(), id).contains(field.get("key").asText())));
  }

  @Test
  void everySelectOffersExactlyItsEnumeration() {
    Map<String, List<String>> expected = new HashMap<>();
    expected.put(EscalationVariables.ACCOUNT_TIER.name(), names(AccountTier.values()));
    expected.put(EscalationVariables.ISSUE_TYPE.name(), names(IssueType.values()));
    expected.put(EscalationVariables.URGENCY.name(), names(Urgency.values()));
    expected.put(EscalationVariables.PRIORITY.name(), names(Urgency.values()));
    expected.put(EscalationVariables.ENVIRONMENT.name(), names(Environment.values()));
    expected.put(EscalationVariables.CUSTOMER_HEALTH_SCORE.name(), names(HealthScore.values()));
    expected.put(EscalationVariables.CUSTOMER_SENTIMENT.name(), names(Sentiment.values()));
    expected.put(EscalationVariables.UPDATE_FREQUENCY.name(), names(UpdateFrequency.values()));
    expected.put(EscalationVariables.ESCALATION_LEVEL.name(), names(EscalationLevel.values()));
    expected.put(EscalationVariables.DECIDED_LEVEL.name(), names(EscalationLevel.values()));
    expected.put(EscalationVariables.LEVEL_OVERRIDE.name(), names(EscalationLevel.values()));
    expected.put(EscalationVariables.CURRENT_STATUS.name(), names(Enumerations.CustomerUpdateStatus.values()));
    expected.put(EscalationVariables.LEVEL_OUTCOME.name(),
        LevelOutcome.CHOSEN_BY_HANDLER.stream().map(Enum::name).toList());
    int checked = 0;
    for (JsonNode form : forms.values()) {
      for (JsonNode field : fields(form)) {
        String type = field.get("type").asText();
        if (type.equals("select") || type.equals("radio")) {
          String key = field.get("key").asText();
          assertThat(expected).as("an enumeration for select %s", key).containsKey(key);
          List<String> values = new ArrayList<>();
          field.get("values").forEach(v -> values.add(v.get("value").asText()));
          assertThat(values).as("options of %s in %s", key, form.get("id")).containsExactlyElementsOf(expected.get(key));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  @Test
  void theStartFormRequiresWhatTheValidatorRequires() {
    Set<String> required = new HashSet<>();
    fields(forms.get("escalation-start")).forEach(field -> {
      JsonNode validate = field.get("validate");
      if (validate != null && validate.path("required").asBoolean(false)) {
        required.add(field.get("key").asText());
      }
    });
    assertThat(required).containsExactlyInAnyOrderElementsOf(EscalationRequestValidator.requiredFieldNames());
    Set<String> offered = new HashSet<>();
    fields(forms.get("escalation-start")).forEach(f -> offered.add(f.get("key").asText()));
    assertThat(offered).as("the start form captures the whole template")
        .containsExactlyInAnyOrderElementsOf(EscalationRequestValidator.fieldNames());
  }

  @Test
  void everyElementHasAHumanNameAndAConventionalId() {
    Map<Class<? extends BaseElement>, String> prefixes = Map.of(
        StartEvent.class, "(StartEvent|Timer)_", EndEvent.class, "EndEvent_", BoundaryEvent.class, "(Timer|Event)_",
        Gateway.class, "Gateway_", SubProcess.class, "SubProcess_", Task.class, "Task_", SequenceFlow.class, "Flow_");
    for (FlowElement element : escalation.getModelElementsByType(FlowElement.class)) {
      String prefix = prefixes.entrySet().stream().filter(p -> p.getKey().isInstance(element))
          .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("unexpected " + element.getId()));
      assertThat(element.getId()).as("id of %s", element.getName()).matches(prefix + "[A-Z][A-Za-z0-9]+");
      if (element instanceof FlowNode) {
        assertThat(element.getName()).as("name of %s", element.getId()).isNotBlank();
      }
    }
  }

  @Test
  void theModelCallsBeansByExpressionNeverJavaClasses() throws IOException {
    String xml = Files.readString(BPMN.resolve(EscalationVariables.PROCESS_ID + ".bpmn"));
    assertThat(xml).doesNotContain("camunda:class=").doesNotContain("com.octoacme");
    assertThat(escalation.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class))
        .allSatisfy(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).isNotBlank());
  }

  private static Set<String> catalogueVariableNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field field : EscalationVariables.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof ProcessVariable<?> variable) {
        names.add(variable.name());
      }
    }
    Arrays.stream(PreEscalationCheck.values()).forEach(c -> { names.add(c.done.name()); names.add(c.waiver.name()); });
    Arrays.stream(AfterResolutionCheck.values()).forEach(c -> names.add(c.done.name()));
    Arrays.stream(RequestedAction.values()).forEach(a -> names.add(a.requested.name()));
    return names;
  }

  /** The input fields of a form (components with a key), groups flattened. */
  static List<JsonNode> fields(JsonNode form) {
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

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
