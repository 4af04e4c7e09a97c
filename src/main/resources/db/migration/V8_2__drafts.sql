-- Issue 13: drafts and near-duplicates.
-- A draft is an imported material not yet published: readers never see it and nothing announces it until an editor
-- publishes it. Its publication time is null until one is chosen: publishing then sets it to the moment it is
-- published, so a draft left for a week does not come out dated a week ago.
ALTER TABLE materials ADD COLUMN draft BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE materials ALTER COLUMN published_at DROP NOT NULL;

-- A sample of each material's winnowing fingerprints (of its current body), to find the few materials an import may
-- nearly duplicate without reading every text: the materials sharing many of its sampled hashes.
CREATE TABLE material_fingerprints (
    hash        BIGINT      NOT NULL,
    material_id VARCHAR(32) NOT NULL REFERENCES materials (id)
);
CREATE INDEX material_fingerprints_hash ON material_fingerprints (hash, material_id);
CREATE INDEX material_fingerprints_material ON material_fingerprints (material_id);

-- Which revision each material's fingerprints were taken from: materials missing here (imported before this
-- migration, or written straight into the database) are fingerprinted in the background at start-up.
CREATE TABLE material_fingerprinted (
    material_id VARCHAR(32) PRIMARY KEY REFERENCES materials (id),
    revision    INTEGER     NOT NULL
);
