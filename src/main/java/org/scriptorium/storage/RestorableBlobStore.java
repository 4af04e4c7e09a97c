package org.scriptorium.storage;

/**
 * A blob store that can also write under a key it did not make: only {@link Restore} does, putting back the blobs of a
 * backup under the keys the database's rows name (checked as keys first).
 */
interface RestorableBlobStore extends BlobStore {

    /** Stores the content under {@code key}, replacing what was there; durable when it returns. */
    void putAs(String key, Content content);

    /** {@inheritDoc} Here: under a new key, as {@link #putAs} writes. */
    @Override
    default String put(Content content) {
        String key = BlobKeys.newKey();
        putAs(key, content);
        return key;
    }
}
