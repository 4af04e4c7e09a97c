-- Webhook deliveries not yet made, so that a retry survives a restart and several nodes share the work.

-- One row per endpoint and publication until it is delivered, given up or the endpoint removed. The body is the
-- signed JSON as first built (public fields only), so a retry sends the same bytes. A node sends an attempt only
-- while it holds the row's lease: it takes one with a conditional UPDATE (lease_token set, leased_until in the
-- future) that succeeds on one node only, and keeps it through the wait before its own retry; a row whose lease ran
-- out (its node stopped) is taken over by any node once next_attempt_at has come.
CREATE TABLE webhook_outbox (
    webhook_id      VARCHAR(32)   NOT NULL REFERENCES webhooks (id),
    event_id        BIGINT        NOT NULL,
    body            BYTEA         NOT NULL,
    -- The number of the attempt to make next, from 1.
    attempt         INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Whoever holds the row: a random token per lease, so that a node whose lease was taken over changes nothing.
    lease_token     VARCHAR(32),
    leased_until    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (webhook_id, event_id)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at);
