package org.scriptorium.reports;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the bytes of evidence files are kept: a narrow port so that another store (object storage, say) can replace
 * the local file system. Keys are unguessable and mean nothing; nothing here is ever served to the public.
 */
interface EvidenceBlobs {

    /**
     * Stores the bytes and returns the new key under which they can be read. When it returns, the bytes are on disk
     * (not only in a cache): the report row naming the key is committed after it, and must never outlive its file.
     */
    String put(byte[] content);

    /** The bytes stored under the key; empty for an unknown or malformed key. */
    Optional<byte[]> get(String key);

    /** Removes the bytes (used when saving a report fails after its files were stored); unknown keys are ignored. */
    void delete(String key);

    /**
     * Removes what a crash left: files whose report was never saved (stored before {@code writtenBefore} and not
     * {@code kept}), and partly written ones.
     *
     * @return how many files were removed
     */
    int sweep(Predicate<String> kept, Instant writtenBefore);
}
