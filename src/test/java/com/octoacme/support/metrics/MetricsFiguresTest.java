package com.octoacme.support.metrics;

import static com.octoacme.support.escalation.EscalationVariables.*;
import static com.octoacme.support.testing.AuthenticatedClients.DEMO_PASSWORD;
import static com.octoacme.support.testing.EscalationRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.octoacme.support.escalation.EscalationModel;
import com.octoacme.support.escalation.RequestedAction;
import com.octoacme.support.testing.EscalationDriver;
import com.octoacme.support.testing.Jobs;
import com.octoacme.support.testing.ProcessTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every figure of /api/metrics against a known set of escalations built through the process under a
 * controlled engine clock, on the application's calendar (Europe/Berlin, Mon-Fri 09:00-17:00) and
 * bpmn/sla-policy.dmn. All escalations but F open on Monday 2030-11-25 at 09:00 UTC = 10:00 in Berlin (T0).
 * Instants are UTC. The expected figures are worked out by hand below; durations in minutes.
 *
 * <pre>
 * A  L1 FREE       HOW_TO_QUESTION + "bug fix"            -> BUG
 *    ack Mon 10:30 (90 min; business 90); resolved Tue 09:00 (wall 1440; business Mon 10-17 7 h + Tue 9-10 1 h = 480);
 *    closed Tue 10:00 with CSAT 5
 * B  L2 PRO        CONFIRMED_BUG + "feature", "documentation" -> FEATURE (first ticked box in order)
 *    ack Mon 13:00 (240 / 240); waits for the customer Tue 09:00, reply Wed 09:00; resolved Wed 13:00
 *    (wall 52 h = 3120; business Mon 7 + Tue 8 + Wed 10-14 5 = 20 h = 1200); CSAT 3 received, then 4: not closed
 * C  L3 ENTERPRISE PRODUCTION_OUTAGE                      -> OTHER
 *    acks Mon 09:30 (lead, 30), 10:00 (PM, 60); resolved Mon 15:00 (360, 24x7); reopened Tue 08:00;
 *    acks Tue 08:15 (15), 08:45 (45); resolved Tue 10:00 (25 h = 1500); closed with CSAT 2
 * D  L1 FREE       ACCOUNT_BILLING + "documentation"      -> DOCUMENTATION
 *    response breach Mon 13:00 (due 14:00 Berlin) -> L2 (L2 clocks start at the level change, 14:00 Berlin);
 *    checklist Mon 14:00; ack Tue 09:00 (wall 20 h = 1200; business Mon 14-17 3 h + Tue 9-10 1 h = 240);
 *    escalated by hand Tue 10:00 -> L3: open
 * E  L2 ENTERPRISE INTEGRATION_PROBLEM                    -> CONFIGURATION (from the issue type)
 *    response warning Mon 15:00; ack Tue 08:30 (wall 1410; business Mon 7 + Tue 0.5 h = 450); resolved Tue 13:00
 *    (wall 28 h = 1680; business 7 + 5 = 12 h = 720): CSAT pending
 * G  L2 PRO        CONFIRMED_BUG                          -> BUG
 *    ack Mon 10:00 (60 / 60); resolution breach Mon 2 Dec 09:00 (5 business days) -> L3: open
 * F  L1 FREE       HOW_TO_QUESTION, opened 2030-12-10 (outside the range): open at L1
 * </pre>
 */
@ProcessTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsFiguresTest {

  static final Instant T0 = Instant.parse("2030-11-25T09:00:00Z");
  static final String RANGE = "from=2030-11-25&to=2030-12-01";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired MetricsBackfill backfill;
  @Autowired MetricsRollup rollup;
  @Autowired MetricsQueries queries;
  EscalationDriver driver;
  ProcessInstance a, b, c, d, e, f, g;

  /** Once for the class; in the first test's run, where the process test coverage records it. */
  @BeforeEach
  void buildTheKnownEscalations() {
    if (a != null) {
      return;
    }
    // Figures over the whole table ("open now") must see only this class's escalations.
    jdbc.update("delete from escalation_fact");
    jdbc.update("delete from escalation_open");
    rollup.rebuild(); // the roll-ups follow the facts: empty
    driver = new EscalationDriver(engine);

    a = open("HOW_TO_QUESTION", "FREE", "L1", RequestedAction.BUG_FIX);
    at("2030-11-25T10:30:00Z");
    driver.acknowledge(a, "sam.support");
    at("2030-11-26T09:00:00Z");
    driver.resolve(a, "sam.support", "RESOLVED", null);
    at("2030-11-26T10:00:00Z");
    driver.afterResolution(a, 5);

    b = open("CONFIRMED_BUG", "PRO", "L2", RequestedAction.FEATURE_ENHANCEMENT, RequestedAction.DOCUMENTATION_UPDATE);
    at("2030-11-25T13:00:00Z");
    driver.acknowledge(b, "erin.engineer");
    at("2030-11-26T09:00:00Z");
    driver.resolve(b, "erin.engineer", "WAITING_FOR_CUSTOMER", "Asked for the HAR file");
    at("2030-11-27T09:00:00Z");
    runtime.createMessageCorrelation(EscalationModel.MESSAGE_CUSTOMER_REPLIED).processInstanceBusinessKey(b.getBusinessKey()).correlate();
    at("2030-11-27T13:00:00Z");
    driver.resolve(b, "erin.engineer", "RESOLVED", null);
    at("2030-11-27T14:00:00Z");
    csat(b, 3);
    at("2030-11-27T15:00:00Z");
    csat(b, 4);

    c = open("PRODUCTION_OUTAGE", "ENTERPRISE", "L3");
    at("2030-11-25T09:30:00Z");
    acknowledgeAs(c, "engineering-leads", "lee.lead");
    at("2030-11-25T10:00:00Z");
    acknowledgeAs(c, "product-managers", "pat.pm");
    at("2030-11-25T15:00:00Z");
    driver.resolve(c, "lee.lead", "RESOLVED", null);
    at("2030-11-26T08:00:00Z");
    runtime.createMessageCorrelation(EscalationModel.MESSAGE_ESCALATION_REOPENED).processInstanceBusinessKey(c.getBusinessKey())
        .setVariable(REOPEN_REASON.name(), "The outage is back").correlate();
    Jobs.executeAsyncContinuations(management, c);
    at("2030-11-26T08:15:00Z");
    acknowledgeAs(c, "engineering-leads", "lee.lead");
    at("2030-11-26T08:45:00Z");
    acknowledgeAs(c, "product-managers", "pat.pm");
    at("2030-11-26T10:00:00Z");
    driver.resolve(c, "lee.lead", "RESOLVED", null);
    at("2030-11-26T11:00:00Z");
    driver.afterResolution(c, 2);

    d = open("ACCOUNT_BILLING", "FREE", "L1", RequestedAction.DOCUMENTATION_UPDATE);
    at("2030-11-25T13:00:00Z");
    Jobs.fireTimer(management, d, EscalationModel.TIMER_RESPONSE_SLA_BREACHED);
    Jobs.executeJobAt(management, d, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);
    at("2030-11-25T14:00:00Z");
    driver.completeChecklist(d, Map.of());
    at("2030-11-26T09:00:00Z");
    driver.acknowledge(d, "erin.engineer");
    at("2030-11-26T10:00:00Z");
    driver.resolve(d, "erin.engineer", "ESCALATE", "Needs the engineering lead");
    Jobs.executeAsyncContinuations(management, d);

    e = open("INTEGRATION_PROBLEM", "ENTERPRISE", "L2");
    at("2030-11-25T15:00:00Z");
    Jobs.fireTimer(management, e, EscalationModel.TIMER_RESPONSE_SLA_WARNING);
    Jobs.executeJobAt(management, e, EscalationModel.TASK_WARN_OF_RESPONSE_BREACH);
    at("2030-11-26T08:30:00Z");
    driver.acknowledge(e, "erin.engineer");
    at("2030-11-26T13:00:00Z");
    driver.resolve(e, "erin.engineer", "RESOLVED", null);

    g = open("CONFIRMED_BUG", "PRO", "L2");
    at("2030-11-25T10:00:00Z");
    driver.acknowledge(g, "erin.engineer");
    at("2030-12-02T09:00:00Z");
    Jobs.fireTimer(management, g, EscalationModel.TIMER_RESOLUTION_SLA_BREACHED);
    Jobs.executeJobAt(management, g, EscalationModel.TASK_INFORM_LEAD_OF_ESCALATED_BREACH);

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2030-12-10T09:00:00Z")));
    f = driver.start(request("HOW_TO_QUESTION", "FREE", "LOW", 1));
    driver.reviewLevel(f, "L1", "As decided");
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void eachStepOfTheProcessAppendsItsFacts() {
    assertThat(factTypes(a)).containsExactly("ESCALATED", "FIRST_RESPONSE", "RESOLVED", "CLOSED");
    assertThat(factTypes(b)).containsExactly("ESCALATED", "FIRST_RESPONSE", "PAUSED", "RESUMED", "RESOLVED",
        "CSAT_RECEIVED", "CSAT_RECEIVED");
    assertThat(factTypes(c)).containsExactly("ESCALATED", "FIRST_RESPONSE", "FIRST_RESPONSE", "RESOLVED",
        "LEVEL_CHANGED", "REOPENED", "RE_ESCALATED", "FIRST_RESPONSE", "FIRST_RESPONSE", "RESOLVED", "CLOSED");
    assertThat(factTypes(d)).containsExactly("ESCALATED", "BREACH", "LEVEL_CHANGED", "FIRST_RESPONSE", "LEVEL_CHANGED",
        "RE_ESCALATED");
    assertThat(factTypes(e)).containsExactly("ESCALATED", "WARNING", "FIRST_RESPONSE", "RESOLVED");
    assertThat(factTypes(g)).containsExactly("ESCALATED", "FIRST_RESPONSE", "BREACH", "LEVEL_CHANGED");
    // the level changes with their kind, and which went up
    assertThat(jdbc.queryForList("select concat(from_level, '>', level, ' ', change_kind, ' ', upward) from escalation_fact"
        + " where fact_type = 'LEVEL_CHANGED' and process_instance_id = ? order by id", String.class, d.getId()))
        .containsExactly("L1>L2 SLA_BREACH TRUE", "L2>L3 ESCALATED TRUE");
    // a score replaces the escalation's previous one; the first resolution is marked
    assertThat(jdbc.queryForList("select concat(csat_score, '<', coalesce(csat_replaces, 0)) from escalation_fact"
        + " where fact_type = 'CSAT_RECEIVED' and process_instance_id = ? order by id", String.class, b.getId()))
        .containsExactly("3<0", "4<3");
    assertThat(jdbc.queryForList("select first_of_type from escalation_fact where fact_type = 'RESOLVED'"
        + " and process_instance_id = ? order by id", Boolean.class, c.getId())).containsExactly(true, false);
    // first responses per handler group; every fact of an escalation carries its opening instant and dimensions
    assertThat(jdbc.queryForList("select handler_group from escalation_fact where fact_type = 'FIRST_RESPONSE'"
        + " and process_instance_id = ? order by id", String.class, c.getId()))
        .containsExactly("engineering-leads", "product-managers", "engineering-leads", "product-managers");
    assertThat(jdbc.queryForObject("select count(distinct concat(escalated_at, account_tier, category, issue_type))"
        + " from escalation_fact where process_instance_id = ?", Long.class, c.getId())).isOne();
  }

  @Test
  void aRecordAlreadyTurnedIntoAFactAddsNothing() {
    long before = jdbc.queryForObject("select count(*) from escalation_fact", Long.class);
    MetricsBackfill.Result again = backfill.backfill(instances());
    assertThat(again.factsAdded()).as("every record has its fact already").isZero();
    assertThat(jdbc.queryForObject("select count(*) from escalation_fact", Long.class)).isEqualTo(before);
  }

  /** Last: it replaces the facts with backfilled ones. */
  @Test
  @Order(Integer.MAX_VALUE)
  void theBackfillRebuildsTheFactsFromTheAuditTrail() {
    List<String> figures = List.of("resolution", "volume-by-category", "volume-by-level", "csat", "re-escalation",
        "sla-compliance", "open");
    Map<String, JsonNode> live = new java.util.HashMap<>();
    figures.forEach(figure -> live.put(figure, get("/api/metrics/" + figure + "?" + RANGE)));
    List<String> liveTypes = jdbc.queryForList("select fact_type from escalation_fact order by fact_type", String.class);

    jdbc.update("delete from escalation_fact");
    jdbc.update("delete from escalation_open");
    rollup.rebuild();
    MetricsBackfill.Result result = backfill.backfill(instances());

    assertThat(result.escalations()).isEqualTo(7);
    assertThat(result.factsAdded()).isEqualTo(liveTypes.stream().filter(t -> !t.equals("RE_ESCALATED")).count());
    assertThat(jdbc.queryForList("select fact_type from escalation_fact order by fact_type", String.class))
        .isEqualTo(liveTypes);
    figures.forEach(figure -> assertThat(get("/api/metrics/" + figure + "?" + RANGE)).as(figure).isEqualTo(live.get(figure)));
    // a first response's level start is the level change before it, as live: D's L2 clocks started at the breach's
    // level change, before the checklist (1200 wall minutes)
    assertThat(jdbc.queryForList("select wall_seconds / 60 from escalation_fact where fact_type = 'FIRST_RESPONSE'"
        + " and process_instance_id = ?", Long.class, d.getId())).containsExactly(1200L);
    assertThat(jdbc.queryForList("select wall_seconds / 60 from escalation_fact where fact_type = 'FIRST_RESPONSE'"
        + " and process_instance_id = ?", Long.class, e.getId())).containsExactly(1410L);
    assertThat(backfill.backfill(instances()).factsAdded()).as("a second run adds nothing").isZero();
    assertThat(get("/api/metrics/open?" + RANGE)).isEqualTo(live.get("open"));
    // an escalation whose later facts were recorded live before the backfill: its open row follows all its facts
    jdbc.update("update escalation_open set level = 'L1', breached = false where process_instance_id = ?", d.getId());
    backfill.backfill(instances());
    assertThat(get("/api/metrics/open?" + RANGE)).isEqualTo(live.get("open"));
  }

  /** The roll-ups the recorder kept as the process ran are what a rebuild from the facts gives. */
  @Test
  void theRollupsRebuiltFromTheFactsGiveTheSameFigures() {
    List<String> figures = List.of("first-response", "resolution", "volume-by-category", "volume-by-level", "csat",
        "re-escalation", "sla-compliance", "first-response?accountTier=ENTERPRISE", "resolution?category=BUG",
        "first-response?issueType=CONFIRMED_BUG");
    Map<String, JsonNode> live = new java.util.HashMap<>();
    figures.forEach(figure -> live.put(figure, get("/api/metrics/" + figure + (figure.contains("?") ? "&" : "?") + RANGE)));
    jdbc.update("delete from escalation_rollup");
    jdbc.update("delete from escalation_duration_rollup");
    assertThat(get("/api/metrics/volume-by-level?" + RANGE).get("rows")).as("the figures read the roll-ups").isEmpty();

    MetricsRollup.Rebuilt rebuilt = rollup.rebuild();

    assertThat(rebuilt.facts()).isEqualTo(jdbc.queryForObject("select count(*) from escalation_fact", Long.class));
    figures.forEach(figure -> assertThat(get("/api/metrics/" + figure + (figure.contains("?") ? "&" : "?") + RANGE))
        .as(figure).isEqualTo(live.get(figure)));
    // with bounded memory: the sums written every few rows' additions, a row added to several times
    int flushRows = rollup.rebuildFlushRows;
    try {
      rollup.rebuildFlushRows = 7;
      MetricsRollup.Rebuilt inParts = rollup.rebuild();
      assertThat(inParts.facts()).isEqualTo(rebuilt.facts());
      assertThat(inParts.countRows()).isEqualTo(rebuilt.countRows());
      assertThat(inParts.durationRows()).isEqualTo(rebuilt.durationRows());
    } finally {
      rollup.rebuildFlushRows = flushRows;
    }
    figures.forEach(figure -> assertThat(get("/api/metrics/" + figure + (figure.contains("?") ? "&" : "?") + RANGE))
        .as("%s, rebuilt in small parts", figure).isEqualTo(live.get(figure)));
  }

  /**
   * The duration figures filtered by one tier, category or issue type read that value's slice of the roll-ups: the
   * same rows as percentile_cont over the facts, for every value there is; two filters at once read the facts.
   */
  @Test
  void filteredDurationsFromTheirSliceEqualTheFacts() {
    List<String> filters = new ArrayList<>();
    jdbc.queryForList("select distinct account_tier from escalation_fact where account_tier is not null", String.class)
        .forEach(v -> filters.add("accountTier=" + v));
    jdbc.queryForList("select distinct category from escalation_fact", String.class).forEach(v -> filters.add("category=" + v));
    jdbc.queryForList("select distinct issue_type from escalation_fact where issue_type is not null", String.class)
        .forEach(v -> filters.add("issueType=" + v));
    filters.add("accountTier=ENTERPRISE&category=BUG");
    assertThat(filters).hasSizeGreaterThan(6);
    for (String filter : filters) {
      MetricsFilter parsed = BenchmarkAccess.filter(RANGE + "&" + filter);
      for (boolean firstResponse : new boolean[] {true, false}) {
        var fromFacts = BenchmarkAccess.durationsFromFacts(queries, firstResponse, parsed);
        var served = firstResponse ? queries.firstResponse(parsed) : queries.resolution(parsed);
        assertThat(served).as("%s %s", firstResponse ? "first response" : "resolution", filter).isEqualTo(fromFacts);
      }
    }
    assertThat(BenchmarkAccess.durationsFromFacts(queries, true, BenchmarkAccess.filter(RANGE + "&accountTier=ENTERPRISE")))
        .as("the fixtures have filtered first responses").isNotEmpty();
  }

  /**
   * Ranges of whole months, weeks and days: months from the monthly roll-up, whole weeks of the rest from the weekly
   * one, the days left from the daily one (the week of RANGE, Monday 25 November to Sunday 1 December, is one week).
   */
  @Test
  void aRangeOfWholeMonthsAndDaysGivesTheSameFigures() {
    for (String figure : List.of("first-response", "resolution", "volume-by-category", "csat", "re-escalation",
        "sla-compliance")) {
      JsonNode week = get("/api/metrics/" + figure + "?" + RANGE).get("rows");
      assertThat(get("/api/metrics/" + figure + "?from=2030-10-15&to=2030-12-05").get("rows")).as(figure).isEqualTo(week);
      assertThat(get("/api/metrics/" + figure + "?from=2030-11-01&to=2030-11-30").get("rows")).as(figure).isEqualTo(week);
      assertThat(get("/api/metrics/" + figure + "?from=2030-11-20&to=2030-12-03").get("rows")).as(figure).isEqualTo(week);
      assertThat(get("/api/metrics/" + figure + "?from=2030-11-25&to=2030-11-25").get("rows")).as(figure).isEqualTo(week);
    }
    // November and December whole: F (opened 10 December at L1) too
    assertThat(rows("/api/metrics/volume-by-level?from=2030-11-01&to=2030-12-31", "key", "escalations"))
        .containsExactly("L1=3", "L2=3", "L3=1");
    assertThat(rows("/api/metrics/volume-by-level?from=2030-11-26&to=2030-12-31", "key", "escalations"))
        .containsExactly("L1=1");
  }

  @Test
  void timeToFirstResponseByLevel() {
    JsonNode rows = get("/api/metrics/first-response?" + RANGE).get("rows");
    assertThat(rows).hasSize(3);
    // L1: A 90
    assertDurations(rows.get(0), "L1", 1, 90, 90, 90, 90, 90, 90);
    // L2: wall 60, 240, 1200, 1410: avg 727.5, median 720, p90 at 2.7 = 1200 + 0.7 * 210 = 1347;
    //     business 60, 240, 240, 450: avg 247.5, median 240, p90 = 240 + 0.7 * 210 = 387
    assertDurations(rows.get(1), "L2", 4, 727.5, 720, 1347, 247.5, 240, 387);
    // L3 (24x7): 15, 30, 45, 60: avg 37.5, median 37.5, p90 = 45 + 0.7 * 15 = 55.5
    assertDurations(rows.get(2), "L3", 4, 37.5, 37.5, 55.5, 37.5, 37.5, 55.5);
    // Enterprise accounts (C, E; read from the facts): L2 E alone, L3 C's four
    JsonNode enterprise = get("/api/metrics/first-response?" + RANGE + "&accountTier=ENTERPRISE").get("rows");
    assertThat(enterprise).hasSize(2);
    assertDurations(enterprise.get(0), "L2", 1, 1410, 1410, 1410, 450, 450, 450);
    assertDurations(enterprise.get(1), "L3", 4, 37.5, 37.5, 55.5, 37.5, 37.5, 55.5);
    // one level: L2 only
    JsonNode l2 = get("/api/metrics/first-response?" + RANGE + "&level=L2").get("rows");
    assertThat(l2).hasSize(1);
    assertDurations(l2.get(0), "L2", 4, 727.5, 720, 1347, 247.5, 240, 387);
  }

  @Test
  void resolutionTimeByLevel() {
    JsonNode rows = get("/api/metrics/resolution?" + RANGE).get("rows");
    assertThat(rows).hasSize(3);
    assertDurations(rows.get(0), "L1", 1, 1440, 1440, 1440, 480, 480, 480);
    // L2: B 3120 / 1200, E 1680 / 720: p90 = 1680 + 0.9 * 1440 = 2976; 720 + 0.9 * 480 = 1152
    assertDurations(rows.get(1), "L2", 2, 2400, 2400, 2976, 960, 960, 1152);
    // L3: C 360, 1500 (24x7): p90 = 360 + 0.9 * 1140 = 1386
    assertDurations(rows.get(2), "L3", 2, 930, 930, 1386, 930, 930, 1386);
  }

  @Test
  void volumeByCategoryAndByLevel() {
    assertThat(rows("/api/metrics/volume-by-category?" + RANGE, "key", "escalations"))
        .containsExactly("BUG=2", "FEATURE=1", "CONFIGURATION=1", "DOCUMENTATION=1", "OTHER=1");
    assertThat(rows("/api/metrics/volume-by-level?" + RANGE, "key", "escalations")).containsExactly("L1=2", "L2=3", "L3=1");
    // filters: Enterprise accounts are C and E; bugs are A (L1) and G (L2)
    assertThat(rows("/api/metrics/volume-by-category?" + RANGE + "&accountTier=ENTERPRISE", "key", "escalations"))
        .containsExactly("BUG=0", "FEATURE=0", "CONFIGURATION=1", "DOCUMENTATION=0", "OTHER=1");
    assertThat(rows("/api/metrics/volume-by-level?" + RANGE + "&category=BUG", "key", "escalations"))
        .containsExactly("L1=1", "L2=1");
    assertThat(rows("/api/metrics/volume-by-level?" + RANGE + "&issueType=CONFIRMED_BUG", "key", "escalations"))
        .containsExactly("L2=2");
    // a range without the escalations: F opened 10 December
    assertThat(rows("/api/metrics/volume-by-level?from=2030-12-02&to=2030-12-31", "key", "escalations"))
        .containsExactly("L1=1");
  }

  @Test
  void csatAverageDistributionAndPending() {
    JsonNode csat = get("/api/metrics/csat?" + RANGE);
    // A 5 (closed), B 4 (its latest of 3 and 4), C 2 (closed); E resolved without a score: pending
    assertThat(rows("/api/metrics/csat?" + RANGE, "score", "escalations")).containsExactly("1=0", "2=1", "3=0", "4=1", "5=1");
    assertThat(csat.get("scored").asLong()).isEqualTo(3);
    assertThat(csat.get("average").asDouble()).isEqualTo(3.67); // 11 / 3
    assertThat(csat.get("pending").asLong()).isEqualTo(1);
    assertThat(get("/api/metrics/csat?" + RANGE + "&level=L2").get("pending").asLong()).isEqualTo(1);
    assertThat(get("/api/metrics/csat?" + RANGE + "&level=L1").get("pending").asLong()).isZero();
  }

  @Test
  void reEscalationRate() {
    JsonNode figure = get("/api/metrics/re-escalation?" + RANGE);
    // C reopened; D went up twice (breach L1 -> L2, by hand L2 -> L3); G went up once only
    assertThat(figure.get("escalations").asLong()).isEqualTo(6);
    assertThat(figure.get("reEscalated").asLong()).isEqualTo(2);
    assertThat(figure.get("ratePercent").asDouble()).isEqualTo(33.33);
    assertThat(rows("/api/metrics/re-escalation?" + RANGE, "level", "reEscalated", "escalations", "ratePercent"))
        .containsExactly("L1=1/2/50.0", "L2=0/3/0.0", "L3=1/1/100.0");
  }

  @Test
  void slaComplianceByLevel() {
    // L1: A responded in time, D breached; A resolved in time.
    // L2: B, D, E, G responded in time; B and E resolved in time, G breached. L3: C four times and twice.
    assertThat(rows("/api/metrics/sla-compliance?" + RANGE, "level", "responsesMet", "responsesMissed", "responsePercent",
        "resolutionsMet", "resolutionsMissed", "resolutionPercent"))
        .containsExactly("L1=1/1/50.0/1/0/100.0", "L2=4/0/100.0/2/1/66.67", "L3=4/0/100.0/2/0/100.0");
  }

  @Test
  void openEscalationsAndBreachesNowByCurrentLevel() {
    // open: F (L1); B, E (L2); D, G (L3), both breached. A and C are closed. The range does not apply.
    assertThat(rows("/api/metrics/open?" + RANGE, "level", "open", "breached")).containsExactly("L1=1/0", "L2=2/0", "L3=2/2");
    assertThat(rows("/api/metrics/open?level=L3&accountTier=PRO", "level", "open", "breached")).containsExactly("L3=1/1");
  }

  @Test
  void theEscalationsBehindABar() {
    assertThat(tickets("/api/metrics/volume-by-category/escalations?" + RANGE + "&category=BUG")).containsExactlyInAnyOrder(
        a.getBusinessKey(), g.getBusinessKey());
    assertThat(tickets("/api/metrics/open/escalations?level=L3")).containsExactlyInAnyOrder(d.getBusinessKey(), g.getBusinessKey());
    assertThat(tickets("/api/metrics/re-escalation/escalations?" + RANGE)).containsExactlyInAnyOrder(c.getBusinessKey(),
        d.getBusinessKey());
    assertThat(tickets("/api/metrics/csat/escalations?" + RANGE + "&score=4")).containsExactly(b.getBusinessKey());
    assertThat(tickets("/api/metrics/sla-compliance/escalations?" + RANGE + "&level=L2")).containsExactly(g.getBusinessKey());
    assertThat(tickets("/api/metrics/first-response/escalations?" + RANGE + "&level=L3")).containsExactly(c.getBusinessKey());
  }

  @Test
  void eachFigureAsCsv() {
    ResponseEntity<String> csv = lead().getForEntity("/api/metrics/resolution.csv?" + RANGE, String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getHeaders().getFirst("Content-Disposition")).contains("resolution.csv");
    assertThat(csv.getBody().split("\r\n")).containsExactly(
        "level,count,avgWallMinutes,medianWallMinutes,p90WallMinutes,avgBusinessMinutes,medianBusinessMinutes,p90BusinessMinutes",
        "L1,1,1440.0,1440.0,1440.0,480.0,480.0,480.0",
        "L2,2,2400.0,2400.0,2976.0,960.0,960.0,1152.0",
        "L3,2,930.0,930.0,1386.0,930.0,930.0,1386.0");
    assertThat(lead().getForObject("/api/metrics/open/escalations.csv?level=L1", String.class).split("\r\n"))
        .containsExactly("ticketId,openedAtLevel,accountTier,category,issueType,escalatedAt",
            f.getBusinessKey() + ",L1,FREE,OTHER,HOW_TO_QUESTION,2030-12-10T09:00:00Z");
    for (String figure : List.of("first-response", "volume-by-category", "volume-by-level", "csat", "re-escalation",
        "sla-compliance", "open")) {
      assertThat(lead().getForEntity("/api/metrics/" + figure + ".csv?" + RANGE, String.class).getStatusCode())
          .as(figure).isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void aBadParameterIsRefusedNamingIt() {
    assertRefused("/api/metrics/csat?from=25.11.2030", "from");
    assertRefused("/api/metrics/csat?from=2030-12-01&to=2030-11-01", "from");
    assertRefused("/api/metrics/csat?category=BUGS", "category");
    assertRefused("/api/metrics/csat?levl=L2", "levl");
    assertRefused("/api/metrics/csat/escalations?score=6", "score");
    assertRefused("/api/metrics/nps/escalations", "figure");
  }

  void assertRefused(String path, String field) {
    ResponseEntity<JsonNode> response = lead().getForEntity(path, JsonNode.class);
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("field").asText()).isEqualTo(field);
  }

  // ---------------------------------------------------------------- building the escalations

  ProcessInstance open(String issueType, String tier, String level, RequestedAction... actions) {
    at("2030-11-25T09:00:00Z");
    Map<String, Object> request = request(issueType, tier, "MEDIUM", 10);
    for (RequestedAction action : actions) {
      request.put(action.requested.name(), true);
    }
    ProcessInstance pi = driver.start(request);
    driver.reviewLevel(pi, level, "The level this test needs");
    if (!"L1".equals(level)) {
      driver.completeChecklist(pi, Map.of());
    }
    Jobs.executeAsyncContinuations(management, pi);
    return pi;
  }

  void acknowledgeAs(ProcessInstance pi, String group, String user) {
    Task task = driver.tasksAt(pi, EscalationModel.TASK_ACKNOWLEDGE_ESCALATION).stream()
        .filter(t -> driver.candidateGroups(t).contains(group)).findFirst().orElseThrow();
    driver.complete(task, user, Map.of(INITIAL_ASSESSMENT.name(), "On it"));
  }

  void csat(ProcessInstance pi, long score) {
    runtime.createMessageCorrelation(EscalationModel.MESSAGE_CSAT_RECEIVED).processInstanceBusinessKey(pi.getBusinessKey())
        .setVariable(CSAT_SCORE.name(), score).correlate();
  }

  static void at(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  // ---------------------------------------------------------------- reading the figures

  TestRestTemplate lead() {
    return rest.withBasicAuth("lee.lead", DEMO_PASSWORD);
  }

  JsonNode get(String path) {
    ResponseEntity<JsonNode> response = lead().getForEntity(path, JsonNode.class);
    assertThat(response.getStatusCode()).as("GET %s: %s", path, response.getBody()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  /** "key=v1/v2/..." per row. */
  List<String> rows(String path, String key, String... values) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : get(path).get("rows")) {
      List<String> texts = new ArrayList<>();
      for (String value : values) {
        texts.add(row.get(value).asText());
      }
      rows.add(row.get(key).asText() + "=" + String.join("/", texts));
    }
    return rows;
  }

  List<String> tickets(String path) {
    List<String> tickets = new ArrayList<>();
    get(path).get("rows").forEach(row -> tickets.add(row.get("ticketId").asText()));
    return tickets;
  }

  static void assertDurations(JsonNode row, String level, long count, double avgWall, double medianWall, double p90Wall,
      double avgBusiness, double medianBusiness, double p90Business) {
    assertThat(row.get("level").asText()).isEqualTo(level);
    assertThat(row.get("count").asLong()).as(level).isEqualTo(count);
    assertThat(List.of(row.get("avgWallMinutes").asDouble(), row.get("medianWallMinutes").asDouble(),
        row.get("p90WallMinutes").asDouble(), row.get("avgBusinessMinutes").asDouble(),
        row.get("medianBusinessMinutes").asDouble(), row.get("p90BusinessMinutes").asDouble()))
        .as("%s: avg, median, p90 wall; avg, median, p90 business", level)
        .containsExactly(avgWall, medianWall, p90Wall, avgBusiness, medianBusiness, p90Business);
  }

  /** This class's escalations (the application's whole audit trail holds other tests' escalations too). */
  List<String> instances() {
    return java.util.stream.Stream.of(a, b, c, d, e, f, g).map(ProcessInstance::getId).toList();
  }

  List<String> factTypes(ProcessInstance pi) {
    return jdbc.queryForList("select fact_type from escalation_fact where process_instance_id = ? order by id",
        String.class, pi.getId());
  }
}
