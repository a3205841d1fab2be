package com.octoacme.support.operations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job that lost a race (another transaction changed what it changes: an {@link OptimisticLockingException}) did
 * nothing wrong: it runs again at once, on fresh state. By default the engine, which uses up no attempt for a conflict,
 * still waits the retry cycle's interval when the step has one: with the escalation's {@code R3/PT5M} a closing was
 * due again five minutes later because a mail's state had changed the escalation's mails line in the same instant
 * (3-7 conflicts per 200 lifecycles under load). After {@link #QUICK_RETRIES} conflicts of one job the engine's
 * handling applies again.
 */
@Component
public class ConflictRetries extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ConflictRetries.class);
  static final int QUICK_RETRIES = 5;
  /** Conflicts per job id on this node, the newest few thousand: enough for the jobs in flight. */
  private final Map<String, Integer> conflicts = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > 10_000;
    }
  });

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // after the Spring Boot starter's plugin, which sets the engine's default factory in its preInit
    FailedJobCommandFactory defaults = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, exception) -> {
      if (!isConflict(exception) || conflicts.merge(jobId, 1, Integer::sum) > QUICK_RETRIES) {
        conflicts.remove(jobId);
        return defaults.getCommand(jobId, exception);
      }
      return runAgain(jobId);
    });
  }

  private static Command<Object> runAgain(String jobId) {
    return context -> {
      JobEntity job = context.getJobManager().findJobById(jobId);
      if (job != null) {
        job.unlock(); // acquirable again at once; retries, due date and exception as they were
        log.debug("Job {} lost a race and runs again: {}", jobId, job.getJobHandlerType());
        JobExecutor executor = context.getProcessEngineConfiguration().getJobExecutor();
        if (executor != null) {
          context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> executor.jobWasAdded());
        }
      }
      return null;
    };
  }

  private static boolean isConflict(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof OptimisticLockingException) {
        return true;
      }
    }
    return false;
  }
}
