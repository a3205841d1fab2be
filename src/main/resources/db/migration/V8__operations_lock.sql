-- Named locks for work that every node runs on a schedule but only one may do at a time (select ... for
-- update on the row): the stuck-escalation watch, so two nodes never raise the same incident twice.
create table operations_lock (
  name varchar(64) not null primary key
);
insert into operations_lock (name) values ('stuck-escalations');
