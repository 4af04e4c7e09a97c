package org.scriptorium.reports;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.scriptorium.storage.BlobStorage;
import org.scriptorium.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start, removes evidence files that no report names. A report's files are stored (and forced to disk) before its
 * row is committed, so a crash in between leaves files without a row; nothing else does.
 *
 * <p>Only files written before this process started are candidates, so nothing this process stores can be swept. On a
 * store every node shares (database, S3) another node may be filing a report right now, its files stored and its row
 * not yet committed: there only files older than {@link #SHARED_GRACE} before the start are candidates.
 */
@Component
@Order(10)
class EvidenceSweep implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EvidenceSweep.class);

    /** Far longer than storing one report's files (at most 30 MB) and committing its row ever takes. */
    static final Duration SHARED_GRACE = Duration.ofHours(1);

    private final BlobStore blobs;
    private final ReportRepository repository;
    private final boolean shared;

    EvidenceSweep(BlobStore blobs, BlobStorage storage, ReportRepository repository) {
        this.blobs = blobs;
        this.repository = repository;
        this.shared = storage.sharedByNodes();
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Instant before = shared ? started.minus(SHARED_GRACE) : started;
        Set<String> kept = repository.blobKeys();
        try {
            int removed = blobs.sweep(kept::contains, before);
            if (removed > 0) {
                log.info("Evidence: removed {} file(s) left by a report that was never saved", removed);
            }
        } catch (RuntimeException e) {
            // Leftovers waste space but harm nothing: not a reason to refuse to start. The next start tries again.
            log.warn("Evidence: could not sweep files left by reports never saved: {}", e.toString());
        }
    }
}
