package com.octoacme.support.escalation;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Called from the model (multi-instance collection): the handler groups of the current level, as its policy wrote them. */
@Component("escalationHandlers")
public class EscalationHandlers {

  public List<String> groupsOf(VariableScope scope) {
    List<String> groups = LevelPolicy.groups(EscalationVariables.HANDLER_GROUPS.require(scope));
    if (groups.isEmpty()) {
      throw new IllegalStateException("bpmn/level-policy.dmn gives level " + currentLevel(scope) + " no handler groups");
    }
    return groups;
  }

  public static String currentLevel(VariableScope scope) {
    return EscalationVariables.ESCALATION_LEVEL.require(scope);
  }
}
