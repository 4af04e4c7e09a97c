package org.scriptorium.storage;

import java.nio.file.Path;

/**
 * Where files the database refers to are kept, as chosen by {@code scriptorium.blobs.store}: the data directory of
 * this node ({@code files}, the default: one machine only), the database itself ({@code database}: every node reads
 * them) or an S3-compatible bucket ({@code s3}: every node reads them, for large deployments). Each feature keeps
 * its blobs in a namespace of its own.
 */
public interface BlobStorage {

    /**
     * The blobs of one feature.
     *
     * @param name lower-case letters, digits and hyphens, starting with a letter; also the folder under the data
     *             directory for {@code files}
     * @throws IllegalArgumentException for any other name
     */
    BlobStore namespace(String name);

    /** Which store this is: {@code files}, {@code database} or {@code s3}. */
    String kind();

    /** The {@code files} store over a data directory, as the application makes it by default (for commands and tests). */
    static BlobStorage files(Path dataDir) {
        return new FileBlobStorage(dataDir);
    }

    /**
     * Whether every node reads and writes the same blobs ({@code database}, {@code s3}); false for {@code files},
     * where each node has its own. A sweep on a shared store must spare blobs another node is filing right now.
     */
    default boolean sharedByNodes() {
        return !"files".equals(kind());
    }
}
