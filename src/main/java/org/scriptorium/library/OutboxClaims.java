package org.scriptorium.library;

import java.time.Duration;
import java.time.Instant;
import org.scriptorium.common.Ids;

/**
 * One node's part in keeping a shared index (one every node writes, such as OpenSearch) in step: each change is
 * applied once for the cluster, by the node that holds its outbox row's lease. The committing node writes the row
 * already leased to itself, so no other node touches it while it applies the change after the commit; a row whose
 * lease ran out (the node stopped between commit and apply, or the index refused the write) is taken over by
 * whichever node's {@link #takeOver} leases it first. The row goes only once the change is durable in the index, so
 * a node that dies at any point loses nothing: its row waits for its lease to run out.
 */
final class OutboxClaims {

    /** Applies a material's change to the index and runs {@code whenDurable} once the index has made it durable. */
    interface Indexer {
        void reindex(String materialId, Runnable whenDurable);
    }

    private static final int PAGE = 100;

    private final SearchOutbox outbox;
    private final Indexer indexer;
    private final Duration lease;
    /** This node's lease token: a node that restarts gets a new one and waits for its old leases to run out. */
    private final String token = Ids.newId();

    OutboxClaims(SearchOutbox outbox, Indexer indexer, Duration lease) {
        this.outbox = outbox;
        this.indexer = indexer;
        this.lease = lease;
    }

    /** Queues a change in the committing transaction, leased to this node. */
    void queue(String materialId, Instant now) {
        outbox.queue(materialId, now, token, now.plus(lease));
    }

    /** Applies a change this node queued, after its commit; {@code started} is taken before the index reads it. */
    void apply(String materialId, Instant started) {
        indexer.reindex(materialId, () -> outbox.remove(materialId, started, token));
    }

    /**
     * Leases and applies the rows no node holds at {@code now}, oldest first, until none is left or the index fails
     * (the failing row stays leased here until its lease runs out, then anyone retries it).
     *
     * @return how many this node applied
     */
    int takeOver(Instant now) {
        int applied = 0;
        for (var page = outbox.unheld(now, PAGE); !page.isEmpty(); page = outbox.unheld(now, PAGE)) {
            int before = applied;
            for (String materialId : page) {
                if (outbox.lease(materialId, token, now, now.plus(lease))) {
                    apply(materialId, now);
                    applied++;
                }
            }
            if (applied == before) {
                break; // every row of the page was taken by another node meanwhile
            }
        }
        return applied;
    }
}
