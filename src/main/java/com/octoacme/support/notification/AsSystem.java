package com.octoacme.support.notification;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs engine calls of the notification capability as the system, not as the person whose Tasklist
 * action caused them: a notification is the process's act, so completing a task must not need the
 * right to start {@code notification-delivery} or to read other users' e-mail addresses. (Camunda
 * skips authorization checks in delegates and listeners unless {@code authorizationEnabledForCustomCode}
 * is on; this keeps it so when it is.)
 */
final class AsSystem {

  private AsSystem() {}

  static <T> T call(Callable<T> action) {
    CommandContext context = Context.getCommandContext();
    try {
      return context == null ? action.call() : context.runWithoutAuthorization(action);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
