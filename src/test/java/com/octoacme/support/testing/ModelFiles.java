package com.octoacme.support.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The models and forms as a process admin leaves them in {@code bpmn/} and {@code forms/} (or in a copy of
 * those folders), read without an engine: decisions evaluated by the standalone DMN engine, form
 * options read from the form JSON. Tests of properties that an admin's edit must keep use this.
 */
public final class ModelFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private final Path bpmn;
  private final Path forms;

  public ModelFiles(Path bpmn, Path forms) {
    this.bpmn = bpmn;
    this.forms = forms;
  }

  /** The project's own {@code bpmn/} and {@code forms/}. */
  public static ModelFiles ofProject() {
    return new ModelFiles(Path.of("bpmn"), Path.of("forms"));
  }

  public DmnModelInstance dmn(String file) {
    try (InputStream in = Files.newInputStream(bpmn.resolve(file))) {
      return Dmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DmnDecision decision(String file, String key) {
    return DMN.parseDecision(key, dmn(file));
  }

  /** The single result of a decision table, or empty if no rule matched. */
  public Optional<Map<String, Object>> evaluate(DmnDecision decision, VariableMap variables) {
    DmnDecisionResultEntries first = DMN.evaluateDecision(decision, variables).getFirstResult();
    return Optional.ofNullable(first).map(r -> new LinkedHashMap<>(r.getEntryMap()));
  }

  /** The quoted string values of the first input column, rule by rule (the levels of a level table). */
  public List<String> firstInputValues(String file) {
    List<String> values = new ArrayList<>();
    for (Rule rule : dmn(file).getModelElementsByType(Rule.class)) {
      InputEntry entry = rule.getInputEntries().iterator().next();
      String text = entry.getTextContent().strip();
      values.add(text.replaceAll("^\"|\"$", ""));
    }
    return values;
  }

  public List<String> outputNames(String file) {
    return dmn(file).getModelElementsByType(Output.class).stream().map(Output::getName).toList();
  }

  public JsonNode form(String id) {
    try {
      return JSON.readTree(forms.resolve(id + ".form").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The option values of the select (or radio) with this key in the form. */
  public List<String> options(String formId, String key) {
    List<String> values = new ArrayList<>();
    collect(form(formId), key, values);
    return values;
  }

  private static void collect(JsonNode node, String key, List<String> values) {
    if (node.has("key") && node.get("key").asText().equals(key) && node.has("values")) {
      node.get("values").forEach(v -> values.add(v.get("value").asText()));
    }
    if (node.has("components")) {
      node.get("components").forEach(c -> collect(c, key, values));
    }
  }
}
