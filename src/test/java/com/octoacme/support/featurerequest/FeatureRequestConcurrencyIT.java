package com.octoacme.support.featurerequest;

import static com.octoacme.support.featurerequest.FeatureRequestModel.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.SupportEscalationApplication;
import com.octoacme.support.testing.AuthenticatedClients;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.Ordered;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Twenty requests for one new feature key at the same moment, on a real PostgreSQL 17 (embedded, booted as
 * SupportEscalationPostgresIT does): twenty Tasklist start-form submissions through the engine's REST API, then
 * their twenty registration jobs run at once. The feature_request row's unique index lets exactly one claim the
 * key; the others fail on it, are retried (as the job executor retries them) and join that one instance.
 */
@SpringBootTest(classes = SupportEscalationApplication.class, webEnvironment = RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=false", "escalation.demo-users.enabled=true"})
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = FeatureRequestConcurrencyIT.StopDatabaseAfterApplication.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class FeatureRequestConcurrencyIT {

  private static final int REQUESTS = 20;
  /** Attempts per job: a claim that lost the race fails once, a join may meet another join's update. */
  private static final int ATTEMPTS = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedPostgres postgres;

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;

  @DynamicPropertySource
  static void postgresDatabase(DynamicPropertyRegistry registry) {
    registry.add("DB_URL", () -> postgres().getJdbcUrl("postgres", "postgres"));
    registry.add("DB_USERNAME", () -> "postgres");
    registry.add("DB_PASSWORD", () -> "postgres");
    registry.add("DEMO_PASSWORD", () -> AuthenticatedClients.DEMO_PASSWORD);
    registry.add("ADMIN_PASSWORD", () -> "it-admin-" + Long.toHexString(System.nanoTime()));
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return postgres;
  }

  /** Stops the database after Spring has closed the application (see SupportEscalationPostgresIT). */
  static class StopDatabaseAfterApplication implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) throws IOException {
      synchronized (FeatureRequestConcurrencyIT.class) {
        if (postgres != null) {
          postgres.close();
          postgres = null;
        }
      }
    }
  }

  @Test
  void twentyConcurrentRequestsForOneNewKeyStartExactlyOneFeatureInstance() throws Exception {
    String key = "FEAT-RACE-" + Long.toHexString(System.nanoTime()).toUpperCase();

    List<String> requests = concurrently(i -> submitStartForm(key, "Customer " + i));
    assertThat(requests).doesNotContainNull().doesNotHaveDuplicates().hasSize(REQUESTS);

    List<Integer> attempts = concurrently(i -> runRegistration(requests.get(i)));

    assertThat(count("select count(*) from feature_request where feature_key = ?", key)).isOne();
    assertThat(count("select count(*) from feature_request_entry where feature_key = ?", key)).isEqualTo(REQUESTS);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(FeatureRequestVariables.PROCESS_ID)
        .processInstanceBusinessKey(key).count()).as("running instances of the feature").isOne();
    String owner = runtime.createProcessInstanceQuery().processDefinitionKey(FeatureRequestVariables.PROCESS_ID)
        .processInstanceBusinessKey(key).singleResult().getId();
    assertThat(requests).contains(owner);
    assertThat(history.createHistoricActivityInstanceQuery().activityId(END_JOINED).list())
        .filteredOn(a -> requests.contains(a.getProcessInstanceId())).as("requests that joined").hasSize(REQUESTS - 1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(requests)).count())
        .as("only the feature's instance still runs").isOne();
    assertThat(runtime.getVariable(owner, FeatureRequestVariables.DISTINCT_CUSTOMERS.name())).isEqualTo((long) REQUESTS);
    assertThat(runtime.createIncidentQuery().count()).isZero();
    // the review criterion (volume) held once: one review task
    assertThat(count("select count(*) from act_ru_task where proc_inst_id_ = ? and task_def_key_ = ?", owner,
        TASK_PRODUCT_REVIEW)).isOne();
    // joins take turns on the feature's row: a request fails at most once (its lost claim of the new key)
    assertThat(attempts).as("attempts per registration").allMatch(a -> a <= 2);
    System.out.printf("FeatureRequestConcurrencyIT: %d requests, %d registration attempts in all (max %d for one)%n",
        REQUESTS, attempts.stream().mapToInt(Integer::intValue).sum(), attempts.stream().mapToInt(Integer::intValue).max().orElse(0));
  }

  /** POST /engine-rest/process-definition/key/feature-request/submit-form as sam.support, as Tasklist does. */
  private String submitStartForm(String key, String customer) {
    Map<String, Object> variables = new LinkedHashMap<>();
    put(variables, "featureKey", key);
    put(variables, "joinsRunningFeature", false);
    put(variables, "featureSummary", "Bulk export of audit logs");
    put(variables, "customerUseCase", customer + " needs the audit log in its SIEM");
    put(variables, "featureWorkaroundAvailable", false);
    put(variables, "featureBusinessImpact", "Compliance audit in Q1");
    put(variables, "requestingCustomer", customer);
    put(variables, "customerContact", "it@" + customer.toLowerCase().replace(' ', '-') + ".example");
    put(variables, "customerTier", "PRO");
    put(variables, "contractValue", 1000);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    try {
      ResponseEntity<String> answer = rest.withBasicAuth("sam.support", AuthenticatedClients.DEMO_PASSWORD)
          .postForEntity("/engine-rest/process-definition/key/" + FeatureRequestVariables.PROCESS_ID + "/submit-form",
              new HttpEntity<>(JSON.writeValueAsString(Map.of("variables", variables)), headers), String.class);
      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
      JsonNode body = JSON.readTree(answer.getBody());
      return body.get("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    variables.put(name, Map.of("value", value));
  }

  /** Runs the instance's registration job until it has gone through, as the job executor's retries would. */
  private Integer runRegistration(String processInstanceId) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(TASK_REGISTER).singleResult();
      if (job == null) {
        return attempt - 1;
      }
      try {
        management.executeJob(job.getId());
        return attempt;
      } catch (RuntimeException lostTheRace) {
        // a concurrent claim of the key, or a concurrent join of the same feature: retried
      }
    }
    throw new AssertionError("registration of " + processInstanceId + " did not go through in " + ATTEMPTS + " attempts");
  }

  /** Runs REQUESTS calls at once: a fixed pool whose threads all wait at one start gate. */
  private <T> List<T> concurrently(IntFunction<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
    CountDownLatch ready = new CountDownLatch(REQUESTS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int index = i;
        Callable<T> task = () -> {
          ready.countDown();
          start.await();
          return call.apply(index);
        };
        futures.add(pool.submit(task));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static long count(String sql, Object... args) {
    return new JdbcTemplate(postgres().getPostgresDatabase()).queryForObject(sql, Long.class, args);
  }
}
