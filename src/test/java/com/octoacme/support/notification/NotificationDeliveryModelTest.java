package com.octoacme.support.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

/** What the delivery's guarantees rest on in bpmn/notification-delivery.bpmn, so an edit in Modeler cannot drop it unnoticed. */
class NotificationDeliveryModelTest {

  static final Path FILE = Path.of("bpmn", NotificationVariables.PROCESS_ID + ".bpmn");

  @Test
  void sendingIsAnExternalTaskOfTheMailWorkersNotAJob() {
    BpmnModelInstance model = Bpmn.readModelFromFile(FILE.toFile());
    Process process = model.getModelElementById(NotificationVariables.PROCESS_ID);
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("180");

    ServiceTask send = model.getModelElementById(NotificationModel.TASK_SEND_NOTIFICATION);
    assertThat(send.getCamundaType()).as("the escalation never waits for SMTP, nor does a job thread").isEqualTo("external");
    assertThat(send.getCamundaTopic()).isEqualTo(NotificationVariables.SEND_TOPIC);
    assertThat(send.isCamundaAsyncBefore()).as("no job in front of the external task").isFalse();
    assertThat(send.getCamundaDelegateExpression()).isNull();
  }

  @Test
  void idsFollowTheNamingGuideAndEveryElementIsNamed() throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(FILE.toFile());
    assertThat(model.getModelElementsByType(FlowElement.class)).extracting(FlowElement::getId)
        .containsExactlyInAnyOrder(NotificationModel.START_EVENT_NOTIFICATION_REQUESTED, NotificationModel.TASK_SEND_NOTIFICATION,
            NotificationModel.END_EVENT_NOTIFICATION_SENT, "Flow_ToSendNotification", "Flow_NotificationSent");
    model.getModelElementsByType(FlowNode.class).forEach(node -> assertThat(node.getName()).as(node.getId()).isNotBlank());
    assertThat(Files.readString(FILE)).doesNotContain("camunda:class=").doesNotContain("com.octoacme");
  }
}
