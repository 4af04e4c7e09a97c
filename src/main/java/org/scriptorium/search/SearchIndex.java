package org.scriptorium.search;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/** The write side of the search port: what the library tells the index when materials change. */
public interface SearchIndex {

    /** Adds the material, or replaces everything indexed for it (its document and its passages); visible at once. */
    void upsert(IndexedMaterial material);

    /** Removes the material and its passages; a material not in the index is ignored. */
    void delete(String materialId);

    /**
     * Runs {@code action} once every change made so far is durable (would survive a crash): at once for an adapter
     * that makes each change durable as it is made, after its next commit for one that commits changes in groups. The
     * action is dropped if that commit fails (the caller's record of the change, such as an outbox row, must stay).
     */
    default void afterDurable(Runnable action) {
        action.run();
    }

    /**
     * Replaces the whole index with the given materials, reporting the number indexed so far to {@code progress}.
     * Searches keep answering from the old index until the new one is committed.
     */
    void rebuild(Iterator<IndexedMaterial> materials, LongConsumer progress);

    /**
     * Whether every node of a cluster reads and writes this one index (a search server such as OpenSearch), so that
     * each change must be applied once, by one node; {@code false} (the default) for an index each node keeps for
     * itself (embedded Lucene), which every node must bring up to date with every change.
     */
    default boolean sharedByNodes() {
        return false;
    }

    /** How many materials the index holds. */
    long materialCount();

    /**
     * Every material the index holds with the {@link IndexedMaterial#version() version} it was indexed at, to compare
     * with the database; empty when this adapter keeps no copy of its own (it reads the database).
     */
    Optional<Map<String, String>> versions();
}
