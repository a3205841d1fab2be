-- Levels are rows of bpmn/level-policy.dmn, not a fixed L1-L4: an admin may name a new one (L5, BOARD).
alter table escalation_level_change alter column from_level set data type varchar(32);
alter table escalation_level_change alter column to_level set data type varchar(32);
alter table escalation_event alter column level set data type varchar(32);
