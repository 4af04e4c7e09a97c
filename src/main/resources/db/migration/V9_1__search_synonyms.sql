-- Issue 14: the operator's own synonym groups, added to the reviewed built-in list shipped in search/synonyms.tsv
-- (which is read-only). A query uses them when it is read, so a change needs no rebuild of the index; each node reads
-- this table again at most every 30 seconds, and at once after a change it made itself.
CREATE TABLE search_synonyms (
    id         VARCHAR(40)  PRIMARY KEY,
    -- the terms, normalised (Synonyms.normalise) and joined by '/': 2 to 12 terms of 2 to 30 characters, none with '/'
    terms      VARCHAR(400) NOT NULL,
    note       VARCHAR(200),
    enabled    BOOLEAN      NOT NULL,
    created_by VARCHAR(32)  REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(32)  REFERENCES users (id),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
