-- Search: withdrawn materials, an outbox that keeps the index in step with the database, and unmet queries.

ALTER TABLE materials ADD COLUMN withdrawn_at TIMESTAMP WITH TIME ZONE;

-- Written in the same transaction as the change; removed once the index has it. What is left after a crash is
-- replayed at the next start.
CREATE TABLE search_outbox (
    material_id VARCHAR(32) PRIMARY KEY,
    queued_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Queries that found nothing: what members look for and the library lacks.
CREATE TABLE search_misses (
    query      VARCHAR(200) PRIMARY KEY,
    misses     INTEGER NOT NULL,
    first_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
