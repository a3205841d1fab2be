package com.octoacme.support.security;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A start with instructions ({@code startInstructions} of the REST start, "start before activity X", optionally
 * skipping listeners) needs no more than the right to start a process, yet it skips the start event and with it
 * "Validate escalation request": a support agent could start an escalation at any task with any variables.
 * The engine has no permission for it, so this plugin refuses it to every signed-in user but the admins
 * (403 through /engine-rest and Tasklist's engine API, as an authorization failure). Calls of the application
 * itself (no signed-in user) are not affected.
 */
@Component
public class StartInstructionsForAdmins extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Refusal(configuration));
  }

  static final class Refusal extends CommandInterceptor {
    private final ProcessEngineConfigurationImpl configuration;

    Refusal(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof StartProcessInstanceAtActivitiesCmd) {
        Authentication user = configuration.getIdentityService().getCurrentAuthentication();
        if (user != null && !isAdmin(user)) {
          throw new AuthorizationException("Starting a process at a chosen activity is for admins only (user "
              + user.getUserId() + "): start it from its start form instead");
        }
      }
      return next.execute(command);
    }

    private boolean isAdmin(Authentication user) {
      if (user.getGroupIds() != null) {
        return user.getGroupIds().contains(Authorities.ADMIN_GROUP);
      }
      return configuration.getIdentityService().createGroupQuery().groupMember(user.getUserId()).list().stream()
          .map(Group::getId).anyMatch(Authorities.ADMIN_GROUP::equals);
    }
  }
}
