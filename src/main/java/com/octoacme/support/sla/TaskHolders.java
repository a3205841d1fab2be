package com.octoacme.support.sla;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/** Who holds an escalation's open tasks of a kind: whom an SLA warning goes to. */
@Service
public class TaskHolders {

  private final TaskService tasks;

  public TaskHolders(TaskService tasks) {
    this.tasks = tasks;
  }

  /** The assignees of the open tasks ({@code user:id}), or the candidate groups ({@code group:id}) of unassigned ones. */
  public Set<String> of(String processInstanceId, String taskDefinitionKey) {
    Set<String> holders = new LinkedHashSet<>();
    for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskDefinitionKey).list()) {
      if (task.getAssignee() != null) {
        holders.add("user:" + task.getAssignee());
      } else {
        tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
            .map(IdentityLink::getGroupId).forEach(group -> holders.add("group:" + group));
      }
    }
    return holders;
  }
}
