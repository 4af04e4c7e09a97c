-- Issue 17, shared state: what several app nodes behind one proxy must agree on, kept in the database.

-- Browser sessions (Spring Session JDBC, spring.session.jdbc.initialize-schema=never: made here, for H2 and
-- PostgreSQL alike). The tables are Spring Session's own (schema-h2.sql / schema-postgresql.sql of spring-session-jdbc
-- 4.0), with BYTEA, which both databases accept, for the attribute bytes.
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36)     NOT NULL,
    SESSION_ID            CHAR(36)     NOT NULL,
    CREATION_TIME         BIGINT       NOT NULL,
    LAST_ACCESS_TIME      BIGINT       NOT NULL,
    MAX_INACTIVE_INTERVAL INT          NOT NULL,
    EXPIRY_TIME           BIGINT       NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100),
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);
CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES    BYTEA        NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION (PRIMARY_ID)
        ON DELETE CASCADE
);

-- Request rates shared by every node (common.RateBuckets' database adapter): one token bucket per scope and
-- subject (the SHA-256 of an account or client address), spent by one conditional UPDATE. A row idle until
-- idle_until_ms would be full again, so it says nothing a missing row does not: such rows are deleted.
CREATE TABLE rate_buckets (
    scope         VARCHAR(32)      NOT NULL,
    subject       VARCHAR(64)      NOT NULL,
    tokens        DOUBLE PRECISION NOT NULL,
    updated_ms    BIGINT           NOT NULL,
    idle_until_ms BIGINT           NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX rate_buckets_idle_until ON rate_buckets (idle_until_ms);

-- The tracer's near-copy fingerprints of each delivered revision (tracer.RevisionFingerprints): written once by
-- whichever node first needs them (or when a revision is published), read by every node's first trace instead of
-- parsing and winnowing every revision again. A revision's text never changes, so a row never does; scheme names
-- how the fingerprints were made, and rows of another scheme are made again.
CREATE TABLE trace_fingerprints (
    revision_key VARCHAR(48)              NOT NULL PRIMARY KEY,
    scheme       VARCHAR(32)              NOT NULL,
    characters   INTEGER                  NOT NULL,
    prints       BYTEA                    NOT NULL,
    made_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
