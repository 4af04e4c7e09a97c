-- Scriptorium foundation schema. Runs unchanged on H2 (embedded default) and PostgreSQL.
-- Ids are opaque random strings; times are stored with their offset (always UTC).

CREATE TABLE users (
    id               VARCHAR(32)  PRIMARY KEY,
    email            VARCHAR(254) NOT NULL UNIQUE,
    password_hash    VARCHAR(255) NOT NULL,
    display_name     VARCHAR(100) NOT NULL,
    roles            VARCHAR(100) NOT NULL,
    suspended_at     TIMESTAMP WITH TIME ZONE,
    suspended_reason VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(32) NOT NULL REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE plans (
    id                VARCHAR(32)  PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    duration_days     INTEGER      NOT NULL,
    back_catalog_days INTEGER      NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE code_batches (
    id         VARCHAR(32) PRIMARY KEY,
    plan_id    VARCHAR(32) NOT NULL REFERENCES plans (id),
    code_count INTEGER     NOT NULL,
    created_by VARCHAR(32) REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE activation_codes (
    code        VARCHAR(32) PRIMARY KEY,
    plan_id     VARCHAR(32) NOT NULL REFERENCES plans (id),
    batch_id    VARCHAR(32) NOT NULL REFERENCES code_batches (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_by VARCHAR(32) REFERENCES users (id),
    redeemed_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX activation_codes_batch ON activation_codes (batch_id);

-- One row per term placed on a member's time line; consecutive terms form one period.
CREATE TABLE memberships (
    id                VARCHAR(32) PRIMARY KEY,
    user_id           VARCHAR(32) NOT NULL REFERENCES users (id),
    plan_id           VARCHAR(32) NOT NULL REFERENCES plans (id),
    starts_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    back_catalog_days INTEGER     NOT NULL,
    source            VARCHAR(16) NOT NULL,
    code              VARCHAR(32),
    granted_by        VARCHAR(32) REFERENCES users (id),
    revoked_at        TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE materials (
    id               VARCHAR(32)  PRIMARY KEY,
    title            VARCHAR(300) NOT NULL,
    kind             VARCHAR(50)  NOT NULL,
    topics           VARCHAR(500) NOT NULL,
    tier             VARCHAR(10)  NOT NULL,
    published_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    current_revision INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX materials_published ON materials (published_at);

-- Revisions are append-only: an edit adds a row, nothing already saved is overwritten.
CREATE TABLE material_revisions (
    material_id    VARCHAR(32)  NOT NULL REFERENCES materials (id),
    revision       INTEGER      NOT NULL,
    detected_title VARCHAR(300) NOT NULL,
    source_name    VARCHAR(300),
    source_text    TEXT         NOT NULL,
    body           TEXT         NOT NULL,
    characters     INTEGER      NOT NULL,
    change_note    VARCHAR(1000),
    created_by     VARCHAR(32)  REFERENCES users (id),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (material_id, revision)
);
