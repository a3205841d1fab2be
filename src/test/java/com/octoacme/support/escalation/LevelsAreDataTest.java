package com.octoacme.support.escalation;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ModelCopy;
import com.octoacme.support.testing.ProcessTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A level is data: a process admin changes how escalation works by editing only files in bpmn/ and forms/
 * (here: a copy of them, edited as text as Modeler would save them), deploys them, and the running
 * application follows, with no Java change. The copy's deployment is removed afterwards, so the other
 * tests see the project's own models again.
 */
@ProcessTest
class LevelsAreDataTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @TempDir Path copy;
  EscalationDriver driver;
  ModelCopy models;

  @BeforeEach
  void copyTheModels() {
    init(engine);
    driver = new EscalationDriver(engine);
    models = new ModelCopy(copy, repository);
  }

  @AfterEach
  void removeTheCopy() {
    models.undeploy();
  }

  @Test
  void aFifthLevelAddedInTheTablesAndFormsIsReachedByABreachAndHandledToTheEnd() {
    // level-policy.dmn: L4 now leads to L5, a Board escalation handled by a new group
    edit("bpmn/level-policy.dmn", "<outputEntry id=\"OutputEntry_L4_NextLevelOnBreach\"><text></text>",
        "<outputEntry id=\"OutputEntry_L4_NextLevelOnBreach\"><text>\"L5\"</text>");
    edit("bpmn/level-policy.dmn", "<outputEntry id=\"OutputEntry_L4_NextLevelOnEscalation\"><text></text>",
        "<outputEntry id=\"OutputEntry_L4_NextLevelOnEscalation\"><text>\"L5\"</text>");
    edit("bpmn/level-policy.dmn", "    </decisionTable>", """
              <rule id="Rule_Level5">
                <description>Level 5: the Board</description>
                <inputEntry id="InputEntry_Level5"><text>"L5"</text></inputEntry>
                <outputEntry id="OutputEntry_L5_LevelTitle"><text>"Board Escalation"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_HandlerGroups"><text>"board"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_LeadGroup"><text>"board"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_ChecklistRequired"><text>true</text></outputEntry>
                <outputEntry id="OutputEntry_L5_MailHandlers"><text>true</text></outputEntry>
                <outputEntry id="OutputEntry_L5_NextLevelOnBreach"><text></text></outputEntry>
                <outputEntry id="OutputEntry_L5_NextLevelOnEscalation"><text></text></outputEntry>
                <outputEntry id="OutputEntry_L5_LevelBelow"><text>"L4"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_DefaultUpdateFrequency"><text>"HOURLY"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_ActionPlanRequired"><text>true</text></outputEntry>
              </rule>
            </decisionTable>""");
    // sla-policy.dmn: a breach at L4 now escalates; L5 has SLAs of its own and escalates, but is the top
    edit("bpmn/sla-policy.dmn", "<outputEntry id=\"OutputEntry_L4_Action\"><text>\"INFORM_LEAD\"</text>",
        "<outputEntry id=\"OutputEntry_L4_Action\"><text>\"ESCALATE\"</text>");
    edit("bpmn/sla-policy.dmn", "    </decisionTable>", """
              <rule id="Rule_Board">
                <inputEntry id="InputEntry_L5"><text>"L5"</text></inputEntry>
                <outputEntry id="OutputEntry_L5_Response"><text>"PT10M"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_Resolution"><text>"PT30M"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_Calendar"><text>"ALWAYS"</text></outputEntry>
                <outputEntry id="OutputEntry_L5_Warning"><text>0.75</text></outputEntry>
                <outputEntry id="OutputEntry_L5_Action"><text>"ESCALATE"</text></outputEntry>
              </rule>
            </decisionTable>""");
    // the review form offers the new level
    edit("forms/review-escalation-level.form", "\"value\": \"L4\"", "\"value\": \"L4\"\n        },\n        {\n          \"label\": \"L5 - Board Escalation\",\n          \"value\": \"L5\"");
    deployTheCopy();

    ProcessInstance pi = driver.start(request("MAJOR_BRAND_RISK", "ENTERPRISE", "HIGH", 1));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).variables().containsEntry(ESCALATION_LEVEL.name(), "L4");

    Jobs.fireTimer(engine.getManagementService(), pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    Jobs.executeJobAt(engine.getManagementService(), pi, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);
    assertThat(pi).isWaitingAt(EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).variables()
        .containsEntry(ESCALATION_LEVEL.name(), "L5").containsEntry(LEVEL_TITLE.name(), "Board Escalation")
        .containsEntry(LEAD_GROUP.name(), "board");
    Task acknowledge = driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION);
    assertThat(candidateGroups(acknowledge)).containsExactly("board");

    // L5 is the top: its breach escalates by policy, but the model keeps the level with fresh clocks
    Jobs.fireTimer(engine.getManagementService(), pi, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    assertThat(pi).hasPassed(EscalationModel.GATEWAY_TOP_LEVEL_REACHED, EscalationModel.GATEWAY_KEEP_LEVEL, EscalationModel.TASK_RESTART_LEVEL_CLOCKS);
    Jobs.executeJobAt(engine.getManagementService(), pi, EscalationModel.TASK_INFORM_LEAD_OF_KEPT_BREACH);
    assertThat(pi).variables().containsEntry(ESCALATION_LEVEL.name(), "L5");

    asBoardMember(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION), Map.of(INITIAL_ASSESSMENT.name(), "The board meets now"));
    Map<String, Object> resolved = new HashMap<>(EscalationDriver.resolution("RESOLVED", null));
    resolved.put(ACTION_PLAN.name(), "Chair calls the customer's CEO today");
    asBoardMember(driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION), resolved);
    driver.afterResolution(pi, 5);
    assertThat(pi).isEnded().hasPassed(EscalationModel.TASK_CLOSE_ESCALATION);
  }

  @Test
  void aHandlerGroupChangedInTheTableOnlyGetsTheTask() {
    edit("bpmn/level-policy.dmn", "<outputEntry id=\"OutputEntry_L2_HandlerGroups\"><text>\"engineering\"</text>",
        "<outputEntry id=\"OutputEntry_L2_HandlerGroups\"><text>\"platform-engineering\"</text>");
    deployTheCopy();

    ProcessInstance pi = driver.start(request("CONFIRMED_BUG", "PRO", "MEDIUM", 40));
    driver.reviewLevel(pi, null, null);
    driver.completeChecklist(pi, Map.of());
    assertThat(candidateGroups(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION))).containsExactly("platform-engineering");
    asBoardMember(driver.single(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION), Map.of(INITIAL_ASSESSMENT.name(), "On it"));
    assertThat(candidateGroups(driver.single(pi, EscalationModel.TASK_RESOLVE_ESCALATION))).containsExactly("platform-engineering");
  }

  private void edit(String file, String from, String to) {
    models.edit(file, from, to);
  }

  private void deployTheCopy() {
    models.deploy();
  }

  /** A group the admin just made up has no users and grants yet: its task is claimed and completed for it. */
  private void asBoardMember(Task task, Map<String, Object> form) {
    engine.getTaskService().claim(task.getId(), "bo.board");
    engine.getFormService().submitTaskForm(task.getId(), new HashMap<>(form));
    driver.continueAfter(task);
  }

  private List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getGroupId).toList();
  }
}
