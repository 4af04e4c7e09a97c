-- API tokens get an id a user may see and revoke by (never the token or its hash), and when they were last used.
-- Tokens issued before get the first half of their hash as id: it reveals nothing of the token.
ALTER TABLE api_tokens ADD COLUMN id VARCHAR(32);
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
UPDATE api_tokens SET id = SUBSTRING(token_hash, 1, 32);
ALTER TABLE api_tokens ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id);
-- Each node looks every 20 s for accounts whose sessions ended (on another node), to close their open streams.
CREATE INDEX users_sessions_revoked ON users (sessions_revoked_at);
