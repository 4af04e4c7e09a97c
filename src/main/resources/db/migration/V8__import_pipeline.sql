-- Issue 13: the import pipeline that cleans real documents. A revision records which parser read it, so that a later
-- change of the parser (or of the operator's notice rules) never re-reads an old revision differently: the marks in
-- copies already delivered, and the tracer, depend on its paragraphs staying exactly as they were.
--   parser_version 1: the first parser, which reads source_text as a whole (every revision before this migration);
--   parser_version 2: the cleaning pipeline; cleaned_text is what the cleaner kept (chrome, adverts and page numbers
--                     removed, hard wraps joined), and the structure is read from it alone.
-- body_hash is the SHA-256 of the cleaned body, so that an exact re-import is found without reading every text.
ALTER TABLE material_revisions ADD COLUMN parser_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE material_revisions ADD COLUMN cleaned_text TEXT;
ALTER TABLE material_revisions ADD COLUMN body_hash VARCHAR(64);
-- For parser 2, the lines the cleaner removed: one a line, "rule U+001F reason U+001F text".
ALTER TABLE material_revisions ADD COLUMN stripped_lines TEXT;
CREATE INDEX material_revisions_body_hash ON material_revisions (body_hash);
