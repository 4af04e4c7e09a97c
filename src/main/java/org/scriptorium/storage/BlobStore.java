package org.scriptorium.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One namespace of the blob store (see {@link BlobStorage}): files kept for rows of the database (evidence of a
 * report, an uploaded archive waiting to be imported), under keys that are unguessable and mean nothing. The bytes
 * are never served to the public: only through the application, after its own checks.
 *
 * <p>A caller stores the bytes first and commits the row naming the key after, so a row never outlives its bytes;
 * a crash in between leaves bytes without a row, which {@link #sweep} removes later.
 */
public interface BlobStore {

    /** Writes a blob's bytes to a stream, once; the stream need not be closed by it. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores the bytes and returns the new key under which they can be read. When it returns the bytes are durable
     * (on disk, committed in the database or acknowledged by the object store), never only in a cache.
     *
     * @throws java.io.UncheckedIOException or another runtime exception when they could not be stored; nothing is
     *         then left readable under any key
     */
    String put(byte[] content);

    /** As {@link #put(byte[])}, for content too large to hold in memory: written as a stream. */
    String put(Content content);

    /** The bytes stored under the key; empty for an unknown, deleted or malformed key. */
    Optional<byte[]> get(String key);

    /**
     * The bytes stored under the key as a stream, to be closed by the caller; empty for an unknown, deleted or
     * malformed key.
     */
    Optional<InputStream> open(String key);

    /** Removes the bytes; unknown and malformed keys are ignored. Once it returns, the key is never readable again. */
    void delete(String key);

    /**
     * Removes what a crash left: blobs of this namespace stored before {@code writtenBefore} that are not
     * {@code kept} (no row names them), and partly written ones. Callers on several nodes pass a time well before
     * any put still waiting for its row to commit (see each caller).
     *
     * @return how many blobs were removed
     */
    int sweep(Predicate<String> kept, Instant writtenBefore);
}
