-- Anti-reselling: member numbers shown in every notice, the append-only delivery ledger, editors' vetoes of
-- variation sites, and secrets shared by every node (the key from which all marks derive).

ALTER TABLE users ADD COLUMN member_number BIGINT;
CREATE UNIQUE INDEX users_member_number ON users (member_number);

-- Append-only: the application inserts rows and never updates or deletes them.
CREATE TABLE deliveries (
    id           VARCHAR(32) PRIMARY KEY,
    user_id      VARCHAR(32) NOT NULL REFERENCES users (id),
    material_id  VARCHAR(32) NOT NULL REFERENCES materials (id),
    revision     INTEGER     NOT NULL,
    format       VARCHAR(10) NOT NULL,
    address      VARCHAR(64),
    user_agent   VARCHAR(300),
    delivered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX deliveries_revision ON deliveries (material_id, revision);
CREATE INDEX deliveries_user ON deliveries (user_id, delivered_at);

CREATE TABLE mark_vetoes (
    material_id VARCHAR(32)  NOT NULL REFERENCES materials (id),
    veto_key    VARCHAR(100) NOT NULL,
    created_by  VARCHAR(32)  REFERENCES users (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (material_id, veto_key)
);

CREATE TABLE secrets (
    name       VARCHAR(50)  PRIMARY KEY,
    secret     VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Counters handed out under a row lock, so concurrent registrations never share a number.
CREATE TABLE counters (
    name  VARCHAR(50) PRIMARY KEY,
    next_value BIGINT      NOT NULL
);
INSERT INTO counters (name, next_value) VALUES ('member_number', 100000);
