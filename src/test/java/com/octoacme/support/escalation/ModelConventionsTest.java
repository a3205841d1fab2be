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
  static final Map<String, BpmnModelInstance> processModels = new HashMap<>();
  static final Map<String, org.camunda.bpm.model.dmn.DmnModelInstance> decisionModels = new HashMap<>();

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
    try (Stream<Path> files = Files.list(BPMN)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".bpmn")) {
          processModels.put(name, Bpmn.readModelFromFile(file.toFile()));
        } else if (name.endsWith(".dmn")) {
          decisionModels.put(name, org.camunda.bpm.model.dmn.Dmn.readModelFromFile(file.toFile()));
        }
      }
    }
    assertThat(processModels).containsKey(EscalationVariables.PROCESS_ID + ".bpmn");
    assertThat(decisionModels).isNotEmpty();
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
    List<String> levels = com.octoacme.support.testing.ModelFiles.ofProject().firstInputValues("level-policy.dmn");
    expected.put(EscalationVariables.ESCALATION_LEVEL.name(), levels);
    expected.put(EscalationVariables.DECIDED_LEVEL.name(), levels);
    expected.put(EscalationVariables.LEVEL_OVERRIDE.name(), levels);
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
  void everyElementOfEveryModelHasAHumanNameAndAConventionalId() {
    processModels.forEach((file, model) -> namesAndIds(file, model));
  }

  void namesAndIds(String file, BpmnModelInstance escalation) {
    Map<Class<? extends BaseElement>, String> prefixes = Map.of(
        StartEvent.class, "(StartEvent|Timer)_", EndEvent.class, "EndEvent_", BoundaryEvent.class, "(Timer|Event)_",
        Gateway.class, "Gateway_", org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent.class, "(Event|Timer)_", SubProcess.class, "SubProcess_", Task.class, "Task_", SequenceFlow.class, "Flow_");
    for (FlowElement element : escalation.getModelElementsByType(FlowElement.class)) {
      String prefix = prefixes.entrySet().stream().filter(p -> p.getKey().isInstance(element))
          .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("unexpected " + element.getId()));
      assertThat(element.getId()).as("id of %s in %s", element.getName(), file).matches(prefix + "[A-Z][A-Za-z0-9]+");
      if (element instanceof FlowNode) {
        assertThat(element.getName()).as("name of %s in %s", element.getId(), file).isNotBlank();
      }
    }
  }

  @Test
  void everyModelCallsBeansByExpressionNeverJavaClasses_andEveryProcessHasAHistoryTimeToLive() throws IOException {
    for (String file : processModels.keySet()) {
      String xml = Files.readString(BPMN.resolve(file));
      assertThat(xml).as(file).doesNotContain("camunda:class=").doesNotContain("com.octoacme");
      assertThat(processModels.get(file).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class))
          .as(file).allSatisfy(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).isNotBlank());
    }
  }

  @Test
  void everyAsyncStepRetriesAsConfigured_notWithALiteralCycle() {
    processModels.forEach((file, model) -> model.getModelElementsByType(
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class).forEach(cycle ->
            assertThat(cycle.getTextContent().strip()).as("retry cycle in %s", file).matches("\\$\\{\\w+}")));
  }

  @Test
  void everyDecisionIsReadableInModeler() {
    decisionModels.forEach((file, model) -> {
      for (var decision : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)) {
        assertThat(decision.getName()).as("name of decision %s in %s", decision.getId(), file).isNotBlank();
      }
      for (var input : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Input.class)) {
        assertThat(input.getLabel()).as("label of input %s in %s", input.getId(), file).isNotBlank();
      }
      for (var output : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Output.class)) {
        assertThat(output.getLabel()).as("label of output %s in %s", output.getId(), file).isNotBlank();
        assertThat(output.getName()).as("name of output %s in %s", output.getId(), file).matches("[a-z][A-Za-z0-9]*");
      }
      for (var rule : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Rule.class)) {
        assertThat(rule.getId()).as("rule id in %s", file).matches("Rule_[A-Z][A-Za-z0-9]+");
      }
    });
  }

  /** The element catalogue is the model: each element of support-escalation has its constant, each constant an element. */
  @Test
  void theElementCatalogueIsTheModel() throws IllegalAccessException {
    Set<String> modelIds = new HashSet<>();
    escalation.getModelElementsByType(FlowNode.class).forEach(n -> modelIds.add(n.getId()));
    escalation.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Message.class).forEach(m -> modelIds.add(m.getName()));
    Set.of("escalation-level.dmn", "level-policy.dmn", "sla-policy.dmn", "task-priority.dmn").forEach(file -> decisionModels.get(file)
        .getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class).forEach(d -> modelIds.add(d.getId())));
    Set<String> catalogue = new HashSet<>();
    for (Field field : EscalationModel.class.getFields()) {
      catalogue.add((String) field.get(null));
    }
    assertThat(catalogue).containsExactlyInAnyOrderElementsOf(modelIds);
  }

  /** Ids of the models (elements, processes, messages, decisions) are spelled in their catalogues only. */
  @Test
  void noJavaFileSpellsAModelIdOutsideItsCatalogue() throws IOException {
    Set<String> ids = new HashSet<>();
    processModels.values().forEach(model -> {
      model.getModelElementsByType(FlowNode.class).forEach(n -> ids.add(n.getId()));
      model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).forEach(p -> ids.add(p.getId()));
      model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Message.class).forEach(m -> ids.add(m.getName()));
    });
    decisionModels.values().forEach(m -> m.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)
        .forEach(d -> ids.add(d.getId())));
    java.util.regex.Pattern literal = java.util.regex.Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (CATALOGUES.contains(source.getFileName().toString())) {
          continue;
        }
        var matcher = literal.matcher(Files.readString(source));
        while (matcher.find()) {
          if (ids.contains(matcher.group(1)) && !COINCIDENCES.contains(source.getFileName() + ": " + matcher.group(1))) {
            offenders.add(source.getFileName() + ": \"" + matcher.group(1) + "\"");
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  /** Literals equal to a model id by coincidence, not naming it. */
  static final Set<String> COINCIDENCES = Set.of("FeatureRequestProperties.java: feature-request" /* configuration prefix */);

  /** The files that declare model ids (and may spell them). */
  static final Set<String> CATALOGUES = Set.of("EscalationModel.java", "EscalationVariables.java", "NotificationModel.java",
      "FeatureRequestModel.java", "FeatureRequestVariables.java",
      "NotificationVariables.java");

  private static Set<String> catalogueVariableNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field field : EscalationVariables.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof ProcessVariable<?> variable) {
        names.add(variable.name());
      }
    }
    Arrays.stream(PreEscalationCheck.values()).forEach(c -> { names.add(c.done.name()); names.add(c.waiver.name()); });
    Arrays.stream(AfterResolutionCheck.values()).forEach(c -> { names.add(c.done.name()); names.add(c.waiver.name()); });
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
