-- Issue 16, buying and renewal. A plan's shop face (price in 元, description, the shop that sells its codes) and its
-- retirement (no new codes, not offered; terms and codes already out stay valid).
ALTER TABLE plans ADD COLUMN price NUMERIC(10, 2);
ALTER TABLE plans ADD COLUMN description VARCHAR(500);
ALTER TABLE plans ADD COLUMN shop_url VARCHAR(500);
ALTER TABLE plans ADD COLUMN retired_at TIMESTAMP WITH TIME ZONE;

-- Where a batch is sold (淘宝, 闲鱼, 线下…), and its voiding: unredeemed codes of a voided batch no longer redeem.
ALTER TABLE code_batches ADD COLUMN channel VARCHAR(40);
ALTER TABLE code_batches ADD COLUMN voided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE code_batches ADD COLUMN voided_by VARCHAR(32);

-- One expiry notice per member and end of continuous period: the key lets several nodes run the reminder job at once
-- without ever telling a member twice; a renewal moves the end, and so earns a new notice.
CREATE TABLE membership_expiry_notices (
    user_id        VARCHAR(32) NOT NULL REFERENCES users (id),
    period_ends_at TIMESTAMP WITH TIME ZONE NOT NULL,
    noticed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, period_ends_at)
);

-- The reminder job looks for terms ending in the next days.
CREATE INDEX memberships_ends_at ON memberships (ends_at);
