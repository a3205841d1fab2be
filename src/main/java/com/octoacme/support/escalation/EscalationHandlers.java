package com.octoacme.support.escalation;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Called from the model (candidate groups, multi-instance collection): the groups of the current level. */
@Component("escalationHandlers")
public class EscalationHandlers {

  private final EscalationLevels levels;

  public EscalationHandlers(EscalationLevels levels) {
    this.levels = levels;
  }

  public List<String> groupsOf(VariableScope scope) {
    return levels.of(currentLevel(scope)).handlerGroups();
  }

  public String leadGroupOf(VariableScope scope) {
    return levels.of(currentLevel(scope)).leadGroup();
  }

  public static EscalationLevel currentLevel(VariableScope scope) {
    String code = EscalationVariables.ESCALATION_LEVEL.require(scope);
    return EscalationLevel.parse(code)
        .orElseThrow(() -> new IllegalStateException("unknown escalation level '" + code + "'"));
  }
}
