package com.octoacme.support;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;

/** Package by capability, dependencies pointing one way, delegates as named beans, variables from the catalogue. */
class ArchitectureTest {

  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("com.octoacme.support");

  @Test
  void theEscalationCoreDependsOnNoOtherCapability() {
    noClasses().that().resideInAPackage("..support.escalation..")
        .should().dependOnClassesThat().resideInAnyPackage("..support.sla..", "..support.notification..",
            "..support.identity..", "..support.operations..", "..support.metrics..")
        .check(MAIN);
  }

  @Test
  void delegatesAndListenersAreBeansNamedAfterWhatTheyDo() {
    classes().that().implement(JavaDelegate.class).or().implement(TaskListener.class)
        .should().beAnnotatedWith(Component.class)
        .check(MAIN);
    for (var javaClass : MAIN) {
      if (javaClass.isAssignableTo(JavaDelegate.class) || javaClass.isAssignableTo(TaskListener.class)) {
        String beanName = javaClass.getAnnotationOfType(Component.class).value();
        String simpleName = javaClass.getSimpleName();
        assertThat(beanName).as("bean name of %s", simpleName)
            .isEqualTo(Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1));
      }
    }
  }

  @Test
  void capabilitiesHaveNoDependencyCycles() {
    slices().matching("com.octoacme.support.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void delegatesAndListenersAreThin_theyCallServicesAndNeverQueryTheEngineOrTheDatabaseThemselves() {
    noClasses().that().implement(JavaDelegate.class).or().implement(TaskListener.class)
        .or().implement(org.camunda.bpm.engine.delegate.ExecutionListener.class)
        .should().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
        .orShould().dependOnClassesThat().areAssignableTo(org.camunda.bpm.engine.RuntimeService.class)
        .orShould().dependOnClassesThat().areAssignableTo(org.camunda.bpm.engine.TaskService.class)
        .orShould().dependOnClassesThat().areAssignableTo(org.camunda.bpm.engine.HistoryService.class)
        .orShould().dependOnClassesThat().areAssignableTo(org.camunda.bpm.engine.ManagementService.class)
        .orShould().dependOnClassesThat().areAssignableTo(org.camunda.bpm.engine.query.Query.class)
        .check(MAIN);
  }

  @Test
  void variableNamesAreSpelledOnlyInTheCatalogues() throws IOException {
    // getVariable, setVariable or putValue with a literal variable name, outside the catalogues
    Pattern literalName = Pattern.compile("(get|set|remove)Variable(Local)?\\(\\s*\"|putValue\\(\\s*\"");
    try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
      List<Path> offenders = sources.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> {
            try {
              return literalName.matcher(Files.readString(p)).find();
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }).toList();
      assertThat(offenders).isEmpty();
    }
  }
}
