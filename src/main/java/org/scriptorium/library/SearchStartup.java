package org.scriptorium.library;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Heals the search index at start: an index that is empty (new, lost or reset after corruption) while the library
 * is not is rebuilt; otherwise it is compared with the database (ids and versions) and the differences repaired, so
 * that an index restored from elsewhere, or left behind by a failed write, agrees again; changes queued before a
 * crash are replayed.
 */
@Component
@Order(20)
class SearchStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SearchStartup.class);

    private final SearchIndexing indexing;
    private final org.scriptorium.search.SearchIndex index;

    SearchStartup(SearchIndexing indexing, org.scriptorium.search.SearchIndex index) {
        this.indexing = indexing;
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.getNonOptionArgs().contains(ReindexCommand.NAME)) {
            return;
        }
        if (index.materialCount() == 0 && indexing.materialCount() > 0) {
            log.info("Search index is empty while the library holds {} materials: rebuilding", indexing.materialCount());
            indexing.rebuild(n -> { });
        } else {
            IndexDifference repaired = indexing.repair();
            if (!repaired.isEmpty()) {
                log.info("Search index differed from the database: {} missing, {} extra, {} stale; repaired",
                        repaired.missing().size(), repaired.extra().size(), repaired.stale().size());
            }
        }
        indexing.replayOutbox();
    }
}
