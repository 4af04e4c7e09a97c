-- Issue 16, account basics and sending mail.

-- A node sends a letter only while it holds the letter's claim: a conditional UPDATE sets claimed_until in the future,
-- which succeeds on one node only. A claim that ran out (its node stopped mid-send) is taken over by any node.
ALTER TABLE mail_outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- When the account's owner followed the link in the verification letter (or in a reset letter): null until then.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP WITH TIME ZONE;

-- Single-use links sent by e-mail (password reset, address verification). Only the token's SHA-256 is kept, so a copy
-- of the database opens no account; a link works until used_at is set or expires_at has passed.
CREATE TABLE account_links (
    token_hash VARCHAR(64)  PRIMARY KEY,
    user_id    VARCHAR(32)  NOT NULL REFERENCES users (id),
    purpose    VARCHAR(20)  NOT NULL,
    -- The address the letter went to: a verification counts only for the address it was sent to.
    email      VARCHAR(254) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX account_links_user ON account_links (user_id, purpose);
