-- Issue 15: the variation rules became numbered sets (tracing/variation-rules-v{n}.txt). Each set is recorded here
-- when the first copy is made under it, so the tracer reads a recipient's copies with the set in force at their first
-- copy. Set 1, the rules in Java until now, is in force for every copy made before.
CREATE TABLE mark_rule_sets (
    version       INTEGER PRIMARY KEY,
    in_force_from TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO mark_rule_sets (version, in_force_from) VALUES (1, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00');
