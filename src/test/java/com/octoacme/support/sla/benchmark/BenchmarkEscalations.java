package com.octoacme.support.sla.benchmark;

import com.octoacme.support.escalation.EscalationModel;
import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.Enumerations.AccountTier;
import com.octoacme.support.escalation.Enumerations.UpdateFrequency;
import com.octoacme.support.escalation.Enumerations.Urgency;
import com.octoacme.support.escalation.IssueType;
import com.octoacme.support.escalation.LevelPolicy;
import com.octoacme.support.escalation.ProcessVariable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates running escalations that wait at "Acknowledge escalation" of level L2 with their SLA timers
 * set, without walking each through intake, review and checklist: the process instance is started
 * right before the multi-instance acknowledge task, with the variables the level's handling and the
 * breach path need (what Start SLA clocks and the intake would have set).
 */
public final class BenchmarkEscalations {

  static final String ACKNOWLEDGE = EscalationModel.TASK_ACKNOWLEDGE_ESCALATION;
  /** Starting the multi-instance body creates one task per handler group and the body's boundary timers. */
  private static final String ACKNOWLEDGE_BODY = ACKNOWLEDGE + BpmnParse.MULTI_INSTANCE_BODY_ID_SUFFIX;
  private static final String LEVEL = "L2";
  /** Warnings and other clocks of the measured escalations: far away, so that only the breach timer fires. */
  private static final Duration FAR = Duration.ofDays(30);

  private final RuntimeService runtime;
  private final TransactionTemplate transactions;
  private final LevelPolicy policy;
  private final String ticketPrefix;

  public BenchmarkEscalations(RuntimeService runtime, PlatformTransactionManager transactionManager,
      LevelPolicy policy, String ticketPrefix) {
    this.runtime = runtime;
    this.transactions = new TransactionTemplate(transactionManager);
    this.policy = policy;
    this.ticketPrefix = ticketPrefix;
  }

  /** Ticket IDs of a group share a prefix (e.g. BK7Q2-3xxxxx), so the audit rows of a group are one LIKE away. */
  public String ticketId(int group, int index) {
    return ticketPrefix + "-" + group + String.format("%06d", index);
  }

  public String ticketPattern(int group) {
    return ticketPrefix + "-" + group + "%";
  }

  /**
   * Creates {@code count} escalations whose response is due at {@code responseDue.apply(i)}, in
   * transactions of {@code batchSize} instances on {@code threads} threads; waits at most {@code timeout}.
   */
  public void create(int group, int count, IntFunction<Instant> responseDue, int threads, int batchSize, Duration timeout)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> batches = new ArrayList<>();
      for (int from = 0; from < count; from += batchSize) {
        int start = from;
        int end = Math.min(count, from + batchSize);
        batches.add(pool.submit(() -> transactions.executeWithoutResult(status -> {
          for (int i = start; i < end; i++) {
            start(ticketId(group, i), responseDue.apply(i));
          }
        })));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<?> batch : batches) {
        batch.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private void start(String ticketId, Instant responseDue) {
    runtime.createProcessInstanceByKey(PROCESS_ID)
        .businessKey(ticketId)
        .setVariables(variables(ticketId, responseDue))
        .startBeforeActivity(ACKNOWLEDGE_BODY)
        .execute();
  }

  /**
   * An L2 escalation as intake, level decision, checklist, Start SLA clocks and the communication set-up
   * leave it, limited to what the level's handling and the breach path read (and what identifies it).
   */
  private Map<String, Object> variables(String ticketId, Instant responseDue) {
    Instant now = Instant.now();
    Map<String, Object> v = new HashMap<>();
    put(v, OPENED_BY, "benchmark");
    put(v, TICKET_ID, ticketId);
    put(v, CUSTOMER_NAME, "Globex Corporation");
    put(v, ACCOUNT_TIER, AccountTier.PRO.name());
    put(v, ISSUE_TYPE, IssueType.CONFIRMED_BUG.name());
    put(v, ISSUE_SUMMARY, "Checkout fails with HTTP 500");
    put(v, URGENCY, Urgency.MEDIUM.name());
    put(v, DECIDED_LEVEL, LEVEL);
    put(v, ESCALATION_LEVEL, LEVEL);
    put(v, ASSIGNED_TO, String.join(", ", policy.handlerGroups()));
    v.putAll(policy.variables()); // what "Look up level policy" writes on entering the level
    put(v, PRE_ESCALATION_CHECKLIST_COMPLETE, true);
    put(v, LEVEL_ENTERED_AT, Date.from(now));
    put(v, RESPONSE_DUE_AT, Date.from(responseDue));
    put(v, RESPONSE_WARNING_AT, Date.from(responseDue.plus(FAR)));
    put(v, RESOLUTION_DUE_AT, Date.from(responseDue.plus(FAR.multipliedBy(2))));
    put(v, RESOLUTION_WARNING_AT, Date.from(responseDue.plus(FAR.multipliedBy(2)).minus(Duration.ofHours(1))));
    put(v, RESOLUTION_TOTAL_SECONDS, FAR.multipliedBy(2).toSeconds());
    // The communication plan as Set up customer communication completes it: its update timer is a day away.
    put(v, UPDATE_FREQUENCY, UpdateFrequency.DAILY.name());
    put(v, NEXT_UPDATE_DUE, Date.from(now.plus(UpdateFrequency.DAILY.interval())));
    put(v, POINT_OF_CONTACT, "benchmark");
    return v;
  }

  private static <T> void put(Map<String, Object> variables, ProcessVariable<T> variable, T value) {
    variables.put(variable.name(), value);
  }
}
