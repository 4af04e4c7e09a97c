package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scriptorium.storage.BlobStorage;
import org.scriptorium.storage.BlobStore;

@DisplayName("The start-up sweep of evidence no report names")
class EvidenceSweepTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("on this node's files: everything stored before the start and named by no report goes")
    void localStore() {
        Instant cut = sweepTime(BlobStorage.files(dataDir));
        assertThat(cut).isEqualTo(started());
    }

    @Test
    @DisplayName("on a store every node shares: only what is an hour older than the start, sparing filings under way elsewhere")
    void sharedStore() {
        BlobStorage shared = mock(BlobStorage.class);
        when(shared.sharedByNodes()).thenReturn(true);
        assertThat(sweepTime(shared)).isEqualTo(started().minus(EvidenceSweep.SHARED_GRACE));
    }

    /** Runs the sweep and returns the time before which it let blobs be removed. */
    private static Instant sweepTime(BlobStorage storage) {
        BlobStore blobs = mock(BlobStore.class);
        Instant[] asked = new Instant[1];
        when(blobs.sweep(any(), any())).thenAnswer(call -> {
            asked[0] = call.getArgument(1);
            return 0;
        });
        ReportRepository repository = mock(ReportRepository.class);
        when(repository.blobKeys()).thenReturn(Set.of("a".repeat(48)));
        new EvidenceSweep(blobs, storage, repository).run(null);
        return asked[0];
    }

    private static Instant started() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}
