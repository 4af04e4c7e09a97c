package org.scriptorium.imports;

import java.time.Instant;
import java.util.List;

/**
 * A batch import as it stands.
 *
 * @param uploadName what the editor uploaded (the zip's name, or the first of several files)
 * @param total      how many files of the archive are items (0 until it has been listed, and for an empty archive)
 * @param items      the files done so far, in archive order (empty in a summary)
 */
public record ImportJob(String id, Status status, String uploadName, Instant createdAt, Instant finishedAt, int total,
                        int imported, int duplicates, int failed, List<ImportItem> items) {

    /** Running in the background (or waiting for its turn), or done with every file. */
    public enum Status {
        RUNNING, DONE
    }

    /** Files done so far. */
    public int done() {
        return imported + duplicates + failed;
    }

    /** How far the job is, 0–100: 100 once done. */
    public int percent() {
        if (status == Status.DONE) {
            return 100;
        }
        return total <= 0 ? 0 : (int) Math.min(99, Math.floor(done() * 100.0 / total));
    }
}
