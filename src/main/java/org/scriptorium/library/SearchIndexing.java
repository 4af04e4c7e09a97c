package org.scriptorium.library;

import java.time.Clock;
import java.util.Iterator;
import java.util.List;
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

    private final Materials materials;
    private final SearchIndex index;
    private final JdbcClient jdbc;
    private final Clock clock;

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
        } catch (RuntimeException e) {
            // The outbox row stays; the next start replays it.
            log.error("Could not update the search index for material {}", event.materialId(), e);
        }
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

    /** Rebuilds the whole index from the database, reporting how many materials are indexed so far. */
    public void rebuild(LongConsumer progress) {
        List<String> ids = materials.allIds();
        Iterator<String> idIterator = ids.iterator();
        Iterator<IndexedMaterial> documents = new Iterator<>() {
            private IndexedMaterial next = advance();

            private IndexedMaterial advance() {
                while (idIterator.hasNext()) {
                    Optional<IndexedMaterial> doc = document(idIterator.next());
                    if (doc.isPresent()) {
                        return doc.get();
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IndexedMaterial next() {
                IndexedMaterial current = next;
                next = advance();
                return current;
            }
        };
        index.rebuild(documents, progress);
        jdbc.sql("DELETE FROM search_outbox").update();
    }

    /** How many materials the database holds, to compare with the index. */
    public long materialCount() {
        return materials.count();
    }

    private void reindex(String materialId) {
        Optional<IndexedMaterial> document = document(materialId);
        if (document.isPresent()) {
            index.upsert(document.get());
        } else {
            index.delete(materialId);
        }
        jdbc.sql("DELETE FROM search_outbox WHERE material_id = ?").param(materialId).update();
    }

    /** What the index holds for a material: nothing when it is withdrawn or gone. */
    private Optional<IndexedMaterial> document(String materialId) {
        return materials.find(materialId).filter(m -> !m.withdrawn()).map(m -> {
            ParsedMaterial parsed = materials.parse(materials.revision(m.id(), m.currentRevision()));
            return new IndexedMaterial(m.id(), m.title(), m.kind(), m.topics(), m.tier(), m.publishedAt(),
                    parsed.outline().stream().map(Heading::heading).toList(),
                    parsed.blocks().stream().map(Block::text).toList());
        });
    }
}
