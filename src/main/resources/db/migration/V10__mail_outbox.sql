-- Issue 16: outgoing e-mail is written here in the transaction that decides to send it, and sent by SMTP afterwards
-- (retried while the mail server is down), so a letter is neither lost nor sent for a change that rolled back.
CREATE TABLE mail_outbox (
    id              VARCHAR(20) PRIMARY KEY,
    recipient       VARCHAR(320) NOT NULL,
    subject         VARCHAR(300) NOT NULL,
    body            TEXT NOT NULL,
    kind            VARCHAR(40) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000)
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
