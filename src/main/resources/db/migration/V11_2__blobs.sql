-- Issue 17, blobs: files the database refers to (report evidence, import archives waiting), kept in the database
-- itself when scriptorium.blobs.store=database, so that every node reads them and a database backup holds them.
-- Empty with the other stores (files: the data directory; s3: a bucket).
-- namespace: the feature (evidence, imports); blob_key: 48 random hex characters, unique within it.
CREATE TABLE blobs (
    namespace   VARCHAR(40)   NOT NULL,
    blob_key    VARCHAR(48)   NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    content     BYTEA         NOT NULL,
    PRIMARY KEY (namespace, blob_key)
);

-- The sweep of blobs no row names looks at one namespace's older blobs.
CREATE INDEX blobs_created ON blobs (namespace, created_at);
