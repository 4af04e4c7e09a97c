-- Issue 13: batch imports of an archive. A job is saved once its uploaded archive is on disk (archive_key names the
-- file under <data dir>/imports) and runs in the background; each file of the archive becomes an item when it is
-- done, so a job still RUNNING at start-up resumes after its last item. The archive is deleted when the job is DONE.
CREATE TABLE import_jobs (
    id           VARCHAR(32)   PRIMARY KEY,
    status       VARCHAR(16)   NOT NULL,
    upload_name  VARCHAR(500)  NOT NULL,
    archive_key  VARCHAR(64),
    editor_id    VARCHAR(32)   NOT NULL REFERENCES users (id),
    -- The details applied to every document (null: each document's default).
    tier         VARCHAR(16),
    kind         VARCHAR(50),
    topics       VARCHAR(1000),
    published_at TIMESTAMP WITH TIME ZONE,
    -- How many items the archive has, once it has been listed (0 until then).
    total        INTEGER       DEFAULT 0 NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX import_jobs_status ON import_jobs (status);
CREATE INDEX import_jobs_created ON import_jobs (created_at);

-- One file of a job's archive, in archive order (item_order from 0), once it is done. material_id is the material
-- imported, or for a DUPLICATE the one already there; code and detail say why a FAILED file was not imported.
CREATE TABLE import_items (
    job_id      VARCHAR(32)   NOT NULL REFERENCES import_jobs (id),
    item_order  INTEGER       NOT NULL,
    file_name   VARCHAR(1000) NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    material_id VARCHAR(32),
    code        VARCHAR(64),
    detail      VARCHAR(1000),
    PRIMARY KEY (job_id, item_order)
);
