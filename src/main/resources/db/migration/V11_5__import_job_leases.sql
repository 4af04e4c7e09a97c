-- Issue 17, several nodes: a RUNNING batch import is run by one node at a time, the one whose token is in runner,
-- until lease_until; the lease is renewed in the transaction of every item, so a node that lost it (it stalled and
-- another took the job over) cannot write another item. A job whose node stopped or died is taken up by any node once
-- lease_until has passed. Both NULL: nobody runs it (not started yet, or released at a clean stop).
ALTER TABLE import_jobs ADD COLUMN runner VARCHAR(32);
ALTER TABLE import_jobs ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
