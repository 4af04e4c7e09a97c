package org.scriptorium.imports;

import java.time.Duration;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.storage.BlobStorage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where uploaded archives wait, how large one document may be, and how nodes share the jobs: the operator's settings
 * as this module uses them.
 */
@Configuration
class ImportSettings {

    private final long maxEntryBytes;
    private final Duration lease;
    private final Duration poll;

    ImportSettings(ScriptoriumProperties properties,
                   @Value("${scriptorium.import.batch.lease:2m}") Duration lease,
                   @Value("${scriptorium.import.batch.poll:30s}") Duration poll) {
        if (lease.isNegative() || lease.isZero() || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("scriptorium.import.batch.lease and poll must be positive");
        }
        this.maxEntryBytes = properties.upload().maxSize().toBytes();
        this.lease = lease;
        this.poll = poll;
    }

    /**
     * How long a node holds a job without writing an item before another node may take it over: longer than any one
     * document takes to import.
     */
    Duration lease() {
        return lease;
    }

    /** How often each node looks for jobs whose node stopped. */
    Duration poll() {
        return poll;
    }

    /** The upload limit: the most one document of an archive may inflate to. */
    long maxEntryBytes() {
        return maxEntryBytes;
    }

    @Bean
    ArchiveStore importArchiveStore(BlobStorage storage, ScriptoriumProperties properties) {
        return new ArchiveStore(storage.namespace("imports"), properties.dataDir().resolve("import-work"));
    }
}
