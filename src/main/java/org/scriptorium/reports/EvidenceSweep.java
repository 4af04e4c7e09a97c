package org.scriptorium.reports;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Set;
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
 * <p>Only files written before this process started are candidates, so nothing this process stores can be swept.
 */
@Component
@Order(10)
class EvidenceSweep implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EvidenceSweep.class);

    private final EvidenceBlobs blobs;
    private final ReportRepository repository;

    EvidenceSweep(EvidenceBlobs blobs, ReportRepository repository) {
        this.blobs = blobs;
        this.repository = repository;
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Set<String> kept = repository.blobKeys();
        try {
            int removed = blobs.sweep(kept::contains, started);
            if (removed > 0) {
                log.info("Evidence: removed {} file(s) left by a report that was never saved", removed);
            }
        } catch (RuntimeException e) {
            // Leftovers waste space but harm nothing: not a reason to refuse to start. The next start tries again.
            log.warn("Evidence: could not sweep files left by reports never saved: {}", e.toString());
        }
    }
}
