-- Issue 16, reader basics: what a reader keeps (收藏) and what they opened (阅读记录). What they downloaded (我的下载)
-- is read from the delivery ledger, which already records it.

-- A material the reader marked to find again; one row per reader and material.
CREATE TABLE favourites (
    user_id     VARCHAR(32) NOT NULL REFERENCES users (id),
    material_id VARCHAR(32) NOT NULL REFERENCES materials (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, material_id)
);
CREATE INDEX favourites_newest ON favourites (user_id, created_at);

-- The materials a reader opened, one row per reader and material with the last time; the oldest rows beyond the cap
-- (ReadingHistory.CAP) are deleted as new ones come, and the reader may clear them all.
CREATE TABLE reading_history (
    user_id     VARCHAR(32) NOT NULL REFERENCES users (id),
    material_id VARCHAR(32) NOT NULL REFERENCES materials (id),
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, material_id)
);
CREATE INDEX reading_history_newest ON reading_history (user_id, opened_at);
