-- The duration figures (first response, resolution) filtered by account tier, category or issue type are read
-- from the facts (the duration roll-ups have no such dimension): one index per filter, leading with it and the
-- range, holding every column those figures read, so PostgreSQL reads only the filtered facts, from the index
-- alone. (One-year figure filtered by a tier, 4 clients: p95 133-165 ms through idx_escalation_fact_figures,
-- which leads with the range and filters every fact of the year; BENCHMARKS.md.)
create index idx_escalation_fact_by_tier on escalation_fact (fact_type, account_tier, escalated_at, level, category,
  issue_type, wall_seconds, business_seconds);
create index idx_escalation_fact_by_category on escalation_fact (fact_type, category, escalated_at, level, account_tier,
  issue_type, wall_seconds, business_seconds);
create index idx_escalation_fact_by_issue_type on escalation_fact (fact_type, issue_type, escalated_at, level,
  account_tier, category, wall_seconds, business_seconds);
