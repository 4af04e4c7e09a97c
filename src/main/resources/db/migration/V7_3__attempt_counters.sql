-- Throttles that hold across nodes and restarts (common.AttemptLimit): sign-in per e-mail address and per client
-- address, code redemption per account and per client address. A subject is stored as the SHA-256 of its key, so a
-- row has a fixed size whatever was typed and no made-up address is kept; rows whose window has ended are deleted.
CREATE TABLE attempt_counters (
    scope       VARCHAR(32) NOT NULL,
    subject     VARCHAR(64) NOT NULL,
    attempts    INTEGER     NOT NULL,
    window_ends TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX attempt_counters_window_ends ON attempt_counters (window_ends);
