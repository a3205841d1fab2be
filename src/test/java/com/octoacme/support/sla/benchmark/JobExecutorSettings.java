package com.octoacme.support.sla.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The job-executor settings a benchmark run uses. {@code -Dbench.profile=tuned} (the default) runs with
 * what application.yaml says; {@code -Dbench.profile=defaults} puts every setting back to Camunda's own
 * default, so "before" and "after" are the same command. Any single setting can be overridden on top with
 * a system property of its Spring name, e.g. {@code -Dcamunda.bpm.job-execution.max-wait=1000}.
 */
final class JobExecutorSettings {

  static final String PROFILE_PROPERTY = "bench.profile";
  static final String DEFAULTS = "defaults";
  static final String TUNED = "tuned";

  private static final String JOB_EXECUTION = "camunda.bpm.job-execution.";
  private static final String GENERIC = "camunda.bpm.generic-properties.properties.";

  /** Camunda 7.24's defaults (JobExecutor, JobExecutionProperty, ProcessEngineConfigurationImpl). */
  private static final Map<String, String> CAMUNDA_DEFAULTS = new LinkedHashMap<>();

  static {
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "wait-time-in-millis", "5000");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "max-wait", "60000");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "wait-increase-factor", "2");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "max-jobs-per-acquisition", "3");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "core-pool-size", "3");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "max-pool-size", "10");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "queue-capacity", "3");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "backoff-time-in-millis", "0");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "max-backoff", "0");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "backoff-decrease-threshold", "100");
    CAMUNDA_DEFAULTS.put(JOB_EXECUTION + "lock-time-in-millis", "300000");
    CAMUNDA_DEFAULTS.put(GENERIC + "jobExecutorAcquireByPriority", "false");
    CAMUNDA_DEFAULTS.put(GENERIC + "jobExecutorPreferTimerJobs", "false");
    CAMUNDA_DEFAULTS.put(GENERIC + "jobExecutorAcquireByDueDate", "false");
  }

  private JobExecutorSettings() {}

  static String profile() {
    String profile = System.getProperty(PROFILE_PROPERTY, TUNED).trim();
    if (!profile.equals(DEFAULTS) && !profile.equals(TUNED)) {
      throw new IllegalArgumentException(PROFILE_PROPERTY + " must be '" + DEFAULTS + "' or '" + TUNED + "', not '"
          + profile + "'");
    }
    return profile;
  }

  /** Registers Camunda's defaults for the "defaults" profile; a system property of the same name still wins. */
  static void register(DynamicPropertyRegistry registry) {
    // The harness needs the job executor, whatever a profile file says.
    registry.add(JOB_EXECUTION + "enabled", () -> "true");
    boolean defaults = profile().equals(DEFAULTS);
    CAMUNDA_DEFAULTS.forEach((key, value) -> {
      String override = System.getProperty(key);
      if (override != null) {
        registry.add(key, () -> override); // dynamic properties outrank system properties: pass it on
      } else if (defaults) {
        registry.add(key, () -> value);
      }
    });
  }

  /** The settings the engine actually runs with, read back from it (not from the configuration files). */
  static Map<String, Object> effective(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    JobExecutor jobExecutor = configuration.getJobExecutor();
    Map<String, Object> effective = new LinkedHashMap<>();
    effective.put("job executor active", jobExecutor.isActive());
    effective.put("wait-time-in-millis", jobExecutor.getWaitTimeInMillis());
    effective.put("max-wait", jobExecutor.getMaxWait());
    effective.put("wait-increase-factor", jobExecutor.getWaitIncreaseFactor());
    effective.put("max-jobs-per-acquisition", jobExecutor.getMaxJobsPerAcquisition());
    if (jobExecutor instanceof SpringJobExecutor spring && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
      effective.put("core-pool-size", pool.getCorePoolSize());
      effective.put("max-pool-size", pool.getMaxPoolSize());
      effective.put("queue-capacity", pool.getQueueCapacity());
    }
    effective.put("backoff-time-in-millis", jobExecutor.getBackoffTimeInMillis());
    effective.put("max-backoff", jobExecutor.getMaxBackoff());
    effective.put("backoff-decrease-threshold", jobExecutor.getBackoffDecreaseThreshold());
    effective.put("lock-time-in-millis", jobExecutor.getLockTimeInMillis());
    effective.put("jobExecutorAcquireByPriority", configuration.isJobExecutorAcquireByPriority());
    effective.put("jobExecutorPreferTimerJobs", configuration.isJobExecutorPreferTimerJobs());
    effective.put("jobExecutorAcquireByDueDate", configuration.isJobExecutorAcquireByDueDate());
    return effective;
  }
}
