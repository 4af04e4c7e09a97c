-- Anti-reselling II: reports of resale and the signals that join them in one review queue, the decisions on each
-- case, notices to the people concerned, the operator's audit log, and the end of a suspended account's sessions.

-- Set when an account is suspended: a browser session signed in before this time ends at its next request.
ALTER TABLE users ADD COLUMN sessions_revoked_at TIMESTAMP WITH TIME ZONE;

-- One case for review: a report filed by a user (kind REPORT), or a signal the library raised by itself
-- (DOWNLOAD_SIGNAL, DEVICE_SIGNAL; no reporter, the account concerned is the subject).
CREATE TABLE reports (
    id              VARCHAR(32)   PRIMARY KEY,
    kind            VARCHAR(20)   NOT NULL,
    reporter_id     VARCHAR(32)   REFERENCES users (id),
    subject_id      VARCHAR(32)   REFERENCES users (id),
    seen_where      VARCHAR(500),
    statement       VARCHAR(2000),
    evidence_text   TEXT,
    -- A signal is opened once per key (its kind, account and day); reports have none.
    signal_key      VARCHAR(200)  UNIQUE,
    signal_detail   VARCHAR(2000),
    -- The tracer's result on the evidence, run when the report was filed (JSON), or why it could not run.
    trace_verdict   VARCHAR(20),
    trace_result    TEXT,
    trace_note      VARCHAR(1000),
    status          VARCHAR(20)   NOT NULL,
    outcome         VARCHAR(20),
    decision_reason VARCHAR(2000),
    decided_by      VARCHAR(32)   REFERENCES users (id),
    decided_at      TIMESTAMP WITH TIME ZONE,
    reward_plan_id  VARCHAR(32)   REFERENCES plans (id),
    reward_ends_at  TIMESTAMP WITH TIME ZONE,
    filed_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reports_reporter ON reports (reporter_id, filed_at);
CREATE INDEX reports_status ON reports (status, filed_at);

-- Evidence files: the bytes live in the blob store under an unguessable key, never in a public folder.
CREATE TABLE report_files (
    id          VARCHAR(32)  PRIMARY KEY,
    report_id   VARCHAR(32)  NOT NULL REFERENCES reports (id),
    file_order  INTEGER      NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    media_type  VARCHAR(100) NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    blob_key    VARCHAR(100) NOT NULL,
    -- Text the tracer read (.txt, .docx, .pdf), or an image kept as an attachment only.
    traced      BOOLEAN      NOT NULL
);
CREATE INDEX report_files_report ON report_files (report_id);

-- The accounts an upheld case named as leaking (and suspended). A later case naming only these is a repeat.
CREATE TABLE report_accounts (
    report_id VARCHAR(32) NOT NULL REFERENCES reports (id),
    user_id   VARCHAR(32) NOT NULL REFERENCES users (id),
    PRIMARY KEY (report_id, user_id)
);
CREATE INDEX report_accounts_user ON report_accounts (user_id);

-- Every decision on a case and its author, in order: uphold, reject, and accounts restored later. Append-only.
CREATE TABLE report_decisions (
    id          VARCHAR(32)   PRIMARY KEY,
    report_id   VARCHAR(32)   NOT NULL REFERENCES reports (id),
    action_code VARCHAR(20)   NOT NULL,
    actor_id    VARCHAR(32)   REFERENCES users (id),
    reason      VARCHAR(2000),
    detail      VARCHAR(2000),
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX report_decisions_report ON report_decisions (report_id, decided_at);

-- What a user is told about their cases, shown on their pages until read.
CREATE TABLE notifications (
    id         VARCHAR(32)   PRIMARY KEY,
    user_id    VARCHAR(32)   NOT NULL REFERENCES users (id),
    report_id  VARCHAR(32)   REFERENCES reports (id),
    title      VARCHAR(200)  NOT NULL,
    body       VARCHAR(2000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

-- Every operator action: who, what, on which object, when, and the state before and after. Append-only.
CREATE TABLE audit_log (
    id           VARCHAR(32)   PRIMARY KEY,
    acted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id     VARCHAR(32)   REFERENCES users (id),
    action_code  VARCHAR(40)   NOT NULL,
    target_type  VARCHAR(20)   NOT NULL,
    target_id    VARCHAR(64),
    summary      VARCHAR(1000) NOT NULL,
    before_state VARCHAR(2000),
    after_state  VARCHAR(2000)
);
CREATE INDEX audit_log_time ON audit_log (acted_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, acted_at);
