-- Roll-ups of escalation_fact for the figures (issue #11's benchmark targets). The facts stay the truth:
-- both tables are sums over them, kept by the fact recorder in the transaction that appends a fact, and
-- rebuilt from the facts by MetricsRollup.rebuild() (at start-up when metrics_rollup_state is missing or its
-- zone differs from the support centre's, and as an operation). period_start = the escalation's opening day (grain
-- D), the Monday of its week (grain W) or the first day of its month (grain M), in the support centre's time
-- zone: a figure's range is whole days there, so it is read as whole months from M rows, whole weeks of the rest
-- from W rows and the days left over from D rows (MetricsQueries.Periods).

-- Counts per period and dimension (the filters): volumes, re-escalations, SLA compliance, CSAT. level is the
-- level the figure counts the fact at (its level; for re_escalated the opening level, from_level). Missing
-- tier / issue type: ''.
create table escalation_rollup (
  grain char(1) not null,
  period_start date not null,
  level varchar(16) not null,
  account_tier varchar(32) not null,
  category varchar(32) not null,
  issue_type varchar(64) not null,
  escalated bigint not null,
  re_escalated bigint not null,
  first_responses bigint not null,
  resolutions bigint not null,
  -- first responses, resolutions and breaches: a level has an SLA compliance row when it has one of them
  sla_facts bigint not null,
  response_met bigint not null,
  response_missed bigint not null,
  resolution_met bigint not null,
  resolution_missed bigint not null,
  -- escalations whose latest score is 1..5: +1 for a score, -1 for the score it replaces
  csat_1 bigint not null,
  csat_2 bigint not null,
  csat_3 bigint not null,
  csat_4 bigint not null,
  csat_5 bigint not null,
  -- first resolutions and first scores: pending = resolved - scored
  csat_resolved bigint not null,
  csat_scored bigint not null,
  constraint pk_escalation_rollup primary key (grain, period_start, level, account_tier, category, issue_type)
);

-- Durations (first responses, resolutions) per period and level, as a histogram: measure N = the facts
-- (bucket 0), W = wall seconds, B = business seconds, in buckets of about 9 % width (MetricsRollup.bucket):
-- count and sum per bucket give the average and which bucket holds a median or p90; the exact value is then
-- read from the facts in that bucket alone (idx_escalation_fact_wall / _business).
create table escalation_duration_rollup (
  grain char(1) not null,
  period_start date not null,
  fact_type varchar(32) not null,
  level varchar(16) not null,
  measure char(1) not null,
  bucket integer not null,
  n bigint not null,
  total bigint not null,
  constraint pk_escalation_duration_rollup primary key (fact_type, grain, period_start, level, measure, bucket)
);

-- Which time zone the roll-ups' days are in (one row); another zone or none: rebuilt at start-up.
create table metrics_rollup_state (
  id integer primary key,
  zone varchar(64) not null,
  rebuilt_at timestamp with time zone not null
);

-- The k-th duration of a level from a bucket's lower bound on, in order, in the range (exact medians, p90).
create index idx_escalation_fact_wall on escalation_fact (fact_type, level, wall_seconds, escalated_at);
create index idx_escalation_fact_business on escalation_fact (fact_type, level, business_seconds, escalated_at);
