package org.scriptorium.reports;

import java.util.Optional;

/**
 * Where the bytes of evidence files are kept: a narrow port so that another store (object storage, say) can replace
 * the local file system. Keys are unguessable and mean nothing; nothing here is ever served to the public.
 */
interface EvidenceBlobs {

    /** Stores the bytes and returns the new key under which they can be read. */
    String put(byte[] content);

    /** The bytes stored under the key; empty for an unknown or malformed key. */
    Optional<byte[]> get(String key);

    /** Removes the bytes (used when saving a report fails after its files were stored); unknown keys are ignored. */
    void delete(String key);
}
