package org.scriptorium.library;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the search index in step with the library. Each change queues the material in the same transaction; after
 * the commit this node updates the index at once, and what it could not do (a crash in between, an index that
 * refused the write) is finished later. How depends on the index and the number of nodes:
 *
 * <ul>
 * <li><b>One node</b> (the default on H2): an outbox row per material, removed once the index has the change;
 *     {@link #replayOutbox()} at the next start, or after the next change that indexes, applies what is left.
 * <li><b>A shared index</b> ({@link SearchIndex#sharedByNodes()}, such as OpenSearch): the same outbox, each row
 *     leased to the node that applies it, so each change is applied once for the cluster; every node takes over rows
 *     whose lease ran out ({@link OutboxClaims}).
 * <li><b>An index per node on several nodes</b> ({@code scriptorium.search.indexing.follow}, on by default with
 *     PostgreSQL): each change is also appended to the change log, which every node follows into its own index,
 *     woken by a PostgreSQL {@code NOTIFY} and polling as well ({@link ChangeFollower}). Every node indexes every
 *     change, so this suits a few nodes; a larger cluster wants a shared index.
 * </ul>
 */
@Component
public class SearchIndexing implements DisposableBean {

    /** How changes reach the index; see the class comment. */
    enum Mode { ONE_NODE, SHARED, FOLLOW }

    private static final Logger log = LoggerFactory.getLogger(SearchIndexing.class);

    private static final int REBUILD_CHUNK = 500;
    /** Above this many differences a repair rebuilds the index rather than fixing (and committing) one at a time. */
    private static final int REPAIR_ONE_BY_ONE = 1_000;
    /** How often a follower prunes the change log (every node does; the deletes overlap harmlessly). */
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Materials materials;
    private final SearchIndex index;
    private final Clock clock;
    private final IndexingSettings settings;
    private final ChangeSignal signal;
    private final Mode mode;
    private final SearchOutbox outbox;
    private final SearchChanges changes;
    private final OutboxClaims claims;
    private final ChangeFollower follower;
    /** The change-log id each of this node's changes got, from its transaction's commit to its apply. */
    private final Map<MaterialEvent, Long> ownChanges = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("search-indexing").factory());
    private final AtomicBoolean lookPending = new AtomicBoolean();
    /**
     * Set when a change could not be indexed: on one node its outbox row waits to be replayed; following the change
     * log, the index is repaired once it takes writes again.
     */
    private volatile boolean behind;
    private Instant lastPrune = Instant.MIN;

    SearchIndexing(Materials materials, SearchIndex index, JdbcClient jdbc, Clock clock, IndexingSettings settings,
                   ChangeSignal signal, Environment environment) {
        this.materials = materials;
        this.index = index;
        this.clock = clock;
        this.settings = settings;
        this.signal = signal;
        this.mode = index.sharedByNodes() ? Mode.SHARED
                : settings.follows(LibraryConfig.onPostgres(environment)) ? Mode.FOLLOW : Mode.ONE_NODE;
        this.outbox = new SearchOutbox(jdbc);
        this.changes = new SearchChanges(jdbc);
        this.claims = new OutboxClaims(outbox, this::reindex, settings.lease());
        this.follower = new ChangeFollower(changes, new ChangeFollower.Index() {
            @Override
            public void apply(String materialId) {
                reindexFollowing(materialId);
            }

            @Override
            public void repair() {
                SearchIndexing.this.repair();
            }
        }, settings.retention());
    }

    Mode mode() {
        return mode;
    }

    /**
     * Once the context is up, before the start's repair ({@link SearchStartup}): a follower starts reading from the
     * log's end, so that what is committed during the repair is applied too.
     */
    @EventListener(ApplicationStartedEvent.class)
    void start() {
        long poll = settings.poll().toMillis();
        switch (mode) {
            case ONE_NODE -> { }
            case SHARED -> worker.scheduleWithFixedDelay(this::takeOver, poll, poll, TimeUnit.MILLISECONDS);
            case FOLLOW -> {
                follower.start(clock.instant());
                signal.listen(this::look);
                worker.scheduleWithFixedDelay(this::look, poll, poll, TimeUnit.MILLISECONDS);
                log.info("Search index: following the change log (every node applies every change)");
            }
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void queue(MaterialEvent event) {
        Instant now = clock.instant();
        switch (mode) {
            case ONE_NODE -> outbox.queue(event.materialId(), now, null, null);
            case SHARED -> claims.queue(event.materialId(), now);
            case FOLLOW -> {
                long change = changes.append(event.materialId(), now);
                follower.committing(change);
                ownChanges.put(event, change);
                signal.sendAtCommit();
            }
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void apply(MaterialEvent event) {
        switch (mode) {
            case ONE_NODE -> applyQueued(event.materialId());
            case SHARED -> {
                try {
                    claims.apply(event.materialId(), clock.instant());
                } catch (RuntimeException e) {
                    // The row stays leased here; once the lease runs out any node tries again.
                    log.error("Could not update the search index for material {}", event.materialId(), e);
                }
            }
            case FOLLOW -> {
                Long change = ownChanges.remove(event);
                try {
                    reindexFollowing(event.materialId());
                    if (change != null) {
                        follower.appliedHere(change);
                    }
                } catch (RuntimeException e) {
                    if (change != null) {
                        follower.leftToLog(change); // the follower tries again from the log
                    }
                    log.error("Could not update the search index for material {}", event.materialId(), e);
                }
            }
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
    void rolledBack(MaterialEvent event) {
        Long change = ownChanges.remove(event);
        if (change != null) {
            follower.leftToLog(change);
        }
    }

    private void applyQueued(String materialId) {
        try {
            reindexQueued(materialId);
        } catch (RuntimeException first) {
            // The index may have answered with an earlier failure of its own (a background commit that found the disk
            // full, and so dropped changes whose rows are still queued): once it is told, it may take writes again.
            behind = true;
            try {
                reindexQueued(materialId);
            } catch (RuntimeException again) {
                again.addSuppressed(first);
                // The outbox row stays; the next change that indexes, or the next start, replays it.
                log.error("Could not update the search index for material {}", materialId, again);
                return;
            }
        }
        if (behind) {
            // An earlier change could not be indexed (disk full, say) and the index takes writes again.
            behind = false;
            try {
                replayOutbox();
            } catch (RuntimeException e) {
                behind = true;
                log.error("Could not replay the queued search index changes", e);
            }
        }
    }

    /**
     * Applies a change with no outbox row behind it (the change log's, or this node's own when following it). An
     * index that failed may have dropped changes it had taken but not committed, which no row recalls: once it takes
     * writes again, the whole index is compared with the database and repaired, on the indexing thread.
     */
    private void reindexFollowing(String materialId) {
        try {
            reindex(materialId, () -> { });
        } catch (RuntimeException e) {
            behind = true;
            throw e;
        }
        if (behind) {
            behind = false;
            onWorker(() -> {
                try {
                    IndexDifference repaired = repair();
                    log.info("Search index: taking writes again; repaired {} difference(s) with the database",
                            repaired.size());
                } catch (RuntimeException e) {
                    behind = true;
                    log.warn("Search index: repair after a failure failed; trying again after the next change", e);
                }
            });
        }
    }

    /** Reads the change log soon, on the indexing thread; several calls meanwhile make one read. */
    private void look() {
        if (lookPending.compareAndSet(false, true) && !onWorker(this::follow)) {
            lookPending.set(false);
        }
    }

    /** Runs the task on the indexing thread; false when the node is stopping and it will not run. */
    private boolean onWorker(Runnable task) {
        try {
            worker.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return false;
        }
    }

    private void follow() {
        lookPending.set(false);
        try {
            Instant now = clock.instant();
            follower.look(now);
            if (lastPrune.plus(PRUNE_EVERY).isBefore(now)) {
                lastPrune = now;
                int pruned = changes.prune(now.minus(settings.retention()));
                if (pruned > 0) {
                    log.info("Search index: pruned {} change-log row(s) older than {}", pruned, settings.retention());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Search index: following the change log failed; trying again at the next look", e);
        }
    }

    private void takeOver() {
        try {
            int applied = claims.takeOver(clock.instant());
            if (applied > 0) {
                log.info("Search index: applied {} change(s) left by a node that stopped or failed", applied);
            }
        } catch (RuntimeException e) {
            log.warn("Search index: taking over queued changes failed; trying again at the next poll", e);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    /**
     * Makes the index agree with the database: adds what is missing, removes what is extra (deleted or withdrawn),
     * indexes again what is stale (indexed at another revision or before the row's last change). Many differences
     * (an index from an older version, or restored from elsewhere) are cheaper to fix by rebuilding it all.
     *
     * @return what differed
     */
    IndexDifference repair() {
        IndexDifference difference = differenceFromDatabase();
        if (difference.size() > REPAIR_ONE_BY_ONE) {
            rebuild(n -> { });
        } else {
            fix(difference);
        }
        return difference;
    }

    /** What the index holds that the database does not, or not at that version; none for an index that cannot say. */
    private IndexDifference differenceFromDatabase() {
        Optional<Map<String, String>> indexed = index.versions();
        return indexed.isEmpty() ? IndexDifference.between(Map.of(), Map.of())
                : IndexDifference.between(materials.versions(), indexed.get());
    }

    private void fix(IndexDifference difference) {
        difference.missing().forEach(this::reindexQueued);
        difference.stale().forEach(this::reindexQueued);
        difference.extra().forEach(this::reindexQueued);
    }

    /**
     * Applies every queued change; returns how many were applied. With a shared index, only the changes no node
     * holds, each leased first so that no other node applies it too.
     */
    public int replayOutbox() {
        if (mode == Mode.SHARED) {
            return claims.takeOver(clock.instant());
        }
        List<String> queued = outbox.all();
        queued.forEach(this::reindexQueued);
        if (!queued.isEmpty()) {
            log.info("Search index: replayed {} queued change(s)", queued.size());
        }
        return queued.size();
    }

    /**
     * Rebuilds the whole index from the database, reporting how many materials are indexed so far. Materials are read
     * and parsed in chunks, in parallel, while the index analyses the previous ones.
     *
     * <p>Changes made meanwhile reach the new index: this node's through the index itself (it applies them again to
     * the new index before the switch), other nodes' following the change log the same way. A shared index learns
     * other nodes' changes only through their writes to the old index, which the new one may have read before: so it
     * is compared with the database once it has taken over, and what differs is indexed again. The outbox keeps the
     * rows of changes queued after the rebuild began.
     */
    public void rebuild(LongConsumer progress) {
        Instant started = clock.instant();
        List<String> ids = materials.allIds();
        Iterator<IndexedMaterial> documents = new Iterator<>() {
            private int next;
            private Iterator<IndexedMaterial> chunk = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && next < ids.size()) {
                    List<String> chunkIds = ids.subList(next, Math.min(ids.size(), next + REBUILD_CHUNK));
                    next += chunkIds.size();
                    chunk = documents(chunkIds).iterator();
                }
                return chunk.hasNext();
            }

            @Override
            public IndexedMaterial next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return chunk.next();
            }
        };
        index.rebuild(documents, progress);
        outbox.removeQueuedBy(started);
        if (mode == Mode.SHARED) {
            IndexDifference missed = differenceFromDatabase();
            if (!missed.isEmpty()) {
                log.info("Search index: {} change(s) made on other nodes during the rebuild applied again", missed.size());
                fix(missed);
            }
        }
    }

    /** The index documents of the given materials, withdrawn ones and drafts left out; parsed in parallel. */
    private List<IndexedMaterial> documents(List<String> ids) {
        Map<String, Material> byId = materials.findAll(ids).stream()
                .filter(Material::released)
                .collect(Collectors.toMap(Material::id, m -> m));
        Map<String, Revision> revisions = materials.currentRevisions(byId.keySet());
        return byId.values().parallelStream()
                .filter(m -> revisions.containsKey(m.id()))
                .map(m -> document(m, materials.parse(revisions.get(m.id()))))
                .toList();
    }

    /** How many materials the database holds, to compare with the index. */
    public long materialCount() {
        return materials.count();
    }

    private void reindexQueued(String materialId) {
        // A change queued after this point has its own outbox row, which must outlive this reindex.
        Instant started = clock.instant();
        // The outbox row goes only once the index has made the change durable: a crash before loses nothing.
        reindex(materialId, () -> outbox.remove(materialId, started, null));
    }

    /** Indexes the material as the database has it now, or removes it; {@code whenDurable} runs once that is durable. */
    private void reindex(String materialId, Runnable whenDurable) {
        Optional<IndexedMaterial> document = document(materialId);
        if (document.isPresent()) {
            index.upsert(document.get());
        } else {
            index.delete(materialId);
        }
        index.afterDurable(whenDurable);
    }

    /** What the index holds for a material: nothing when it is withdrawn, a draft or gone. */
    private Optional<IndexedMaterial> document(String materialId) {
        return materials.find(materialId).filter(Material::released)
                .map(m -> document(m, materials.parse(materials.revision(m.id(), m.currentRevision()))));
    }

    private static IndexedMaterial document(Material m, ParsedMaterial parsed) {
        return new IndexedMaterial(m.id(), m.title(), m.kind(), m.topics(), m.tier(), m.publishedAt(),
                parsed.outline().stream().map(Heading::heading).toList(),
                parsed.paragraphs(), Materials.version(m));
    }
}
