-- Issue 13: the operator's own notice rules (lines that are not part of a document, stripped on import), added to the
-- reviewed built-in list shipped in library/notice-rules.tsv. A built-in rule cannot be edited or deleted, only
-- switched off: its id is then kept in notice_rules_off. Changes apply to imports from then on; a saved revision
-- keeps the text it was cleaned with (material_revisions.cleaned_text).
CREATE TABLE notice_rules (
    id         VARCHAR(40)  PRIMARY KEY,
    -- EDGE (only above the document's beginning and below its end) or ANYWHERE
    scope      VARCHAR(10)  NOT NULL,
    -- a phrase the line must contain (case-insensitive), or a Java regular expression when is_regex
    pattern    VARCHAR(200) NOT NULL,
    is_regex   BOOLEAN      NOT NULL,
    reason     VARCHAR(100) NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    created_by VARCHAR(32)  REFERENCES users (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE notice_rules_off (
    rule_id     VARCHAR(40) PRIMARY KEY,
    switched_by VARCHAR(32) REFERENCES users (id),
    switched_at TIMESTAMP WITH TIME ZONE NOT NULL
);
