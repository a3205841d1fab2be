package com.octoacme.support.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.EscalationRequest;
import com.octoacme.support.escalation.EscalationRequestValidator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.io.File;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The API's request and its idea of the process agree with the catalogue, the validator and the BPMN. */
class EscalationIntakeRequestTest {

  @Test
  void theRequestHasExactlyTheTemplatesFields_inTheValidatorsOrder() {
    List<String> components = Arrays.stream(EscalationRequest.class.getRecordComponents())
        .map(RecordComponent::getName).toList();
    assertThat(components).containsExactlyElementsOf(EscalationRequestValidator.fieldNames());
  }

  @Test
  void theRequestRequiresExactlyTheValidatorsRequiredFields() {
    // Constraint annotations are not for record components: they land on the components' fields.
    List<String> required = Arrays.stream(EscalationRequest.class.getDeclaredFields())
        .filter(f -> f.isAnnotationPresent(NotBlank.class) || f.isAnnotationPresent(NotNull.class))
        .map(java.lang.reflect.Field::getName).toList();
    assertThat(required).isNotEmpty();
    assertThat(required).containsExactlyInAnyOrderElementsOf(EscalationRequestValidator.requiredFieldNames());
  }

  @Test
  void theStatusesAndEventsMatchTheProcessModel() {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/support-escalation.bpmn"));
    assertThat(model.<UserTask>getModelElementById(EscalationStatus.WAIT_FOR_CUSTOMER_REPLY)).isNotNull();
    assertThat(model.<UserTask>getModelElementById(EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST)).isNotNull();
    assertThat(boundaryMessages(model, EscalationStatus.WAIT_FOR_CUSTOMER_REPLY))
        .containsExactly(EscalationModel.MESSAGE_CUSTOMER_REPLIED);
    assertThat(boundaryMessages(model, EscalationModel.TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST))
        .containsExactlyInAnyOrder(EscalationModel.MESSAGE_FIX_VERIFIED, EscalationModel.MESSAGE_CSAT_RECEIVED,
            EscalationModel.MESSAGE_ESCALATION_REOPENED);
    assertThat(Arrays.stream(CustomerEvent.values()).map(e -> e.message))
        .containsExactlyInAnyOrder(EscalationModel.MESSAGE_CUSTOMER_REPLIED, EscalationModel.MESSAGE_FIX_VERIFIED,
            EscalationModel.MESSAGE_CSAT_RECEIVED, EscalationModel.MESSAGE_ESCALATION_REOPENED);
  }

  private static List<String> boundaryMessages(BpmnModelInstance model, String activityId) {
    return model.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(event -> event.getAttachedTo().getId().equals(activityId))
        .flatMap(event -> event.getEventDefinitions().stream())
        .filter(MessageEventDefinition.class::isInstance)
        .map(definition -> ((MessageEventDefinition) definition).getMessage().getName())
        .toList();
  }
}
