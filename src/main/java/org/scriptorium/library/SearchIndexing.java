package org.scriptorium.library;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.scriptorium.common.DbTime;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the search index in step with the library. Each change queues the material in an outbox row written in the
 * same transaction; after the commit the index is updated and the row removed. A crash in between leaves the row,
 * and {@link #replayOutbox()} at the next start finishes the work.
 */
@Component
public class SearchIndexing {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexing.class);

    private static final int REBUILD_CHUNK = 500;
    /** Above this many differences a repair rebuilds the index rather than fixing (and committing) one at a time. */
    private static final int REPAIR_ONE_BY_ONE = 1_000;

    private final Materials materials;
    private final SearchIndex index;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** Set when a change could not be indexed; its outbox row waits to be replayed. */
    private volatile boolean behind;

    SearchIndexing(Materials materials, SearchIndex index, JdbcClient jdbc, Clock clock) {
        this.materials = materials;
        this.index = index;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void queue(MaterialEvent event) {
        jdbc.sql("DELETE FROM search_outbox WHERE material_id = ?").param(event.materialId()).update();
        jdbc.sql("INSERT INTO search_outbox (material_id, queued_at) VALUES (?, ?)")
                .params(event.materialId(), DbTime.of(clock.instant())).update();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void apply(MaterialEvent event) {
        try {
            reindex(event.materialId());
            if (behind) {
                // An earlier change could not be indexed (disk full, say) and the index takes writes again.
                behind = false;
                replayOutbox();
            }
        } catch (RuntimeException e) {
            // The outbox row stays; the next change that indexes, or the next start, replays it.
            behind = true;
            log.error("Could not update the search index for material {}", event.materialId(), e);
        }
    }

    /**
     * Makes the index agree with the database: adds what is missing, removes what is extra (deleted or withdrawn),
     * indexes again what is stale (indexed at another revision or before the row's last change). Many differences
     * (an index from an older version, or restored from elsewhere) are cheaper to fix by rebuilding it all.
     *
     * @return what differed
     */
    IndexDifference repair() {
        Optional<Map<String, String>> indexed = index.versions();
        if (indexed.isEmpty()) {
            return IndexDifference.between(Map.of(), Map.of());
        }
        IndexDifference difference = IndexDifference.between(materials.versions(), indexed.get());
        if (difference.size() > REPAIR_ONE_BY_ONE) {
            rebuild(n -> { });
        } else {
            difference.missing().forEach(this::reindex);
            difference.stale().forEach(this::reindex);
            difference.extra().forEach(this::reindex);
        }
        return difference;
    }

    /** Applies every queued change; returns how many were applied. */
    public int replayOutbox() {
        List<String> queued = jdbc.sql("SELECT material_id FROM search_outbox ORDER BY queued_at").query(String.class).list();
        queued.forEach(this::reindex);
        if (!queued.isEmpty()) {
            log.info("Search index: replayed {} queued change(s)", queued.size());
        }
        return queued.size();
    }

    /**
     * Rebuilds the whole index from the database, reporting how many materials are indexed so far. Materials are read
     * and parsed in chunks, in parallel, while the index analyses the previous ones.
     */
    public void rebuild(LongConsumer progress) {
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
        jdbc.sql("DELETE FROM search_outbox").update();
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

    private void reindex(String materialId) {
        // A change queued after this point has its own outbox row, which must outlive this reindex.
        Instant started = clock.instant();
        Optional<IndexedMaterial> document = document(materialId);
        if (document.isPresent()) {
            index.upsert(document.get());
        } else {
            index.delete(materialId);
        }
        // The outbox row goes only once the index has made the change durable: a crash before loses nothing.
        index.afterDurable(() -> jdbc.sql("DELETE FROM search_outbox WHERE material_id = ? AND queued_at <= ?")
                .params(materialId, DbTime.of(started)).update());
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
