package org.scriptorium.library;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * A material in the library, as its current revision presents it.
 *
 * @param title           the title shown to readers (detected on import, correctable by an editor)
 * @param publishedAt     when it is (or was, for an imported archive) published; readers see nothing before
 * @param currentRevision the number of the newest revision, starting at 1
 * @param withdrawnAt     when an editor withdrew it from readers, or null while it is published
 */
public record Material(
        String id,
        String title,
        String kind,
        List<String> topics,
        Tier tier,
        Instant publishedAt,
        int currentRevision,
        Instant createdAt,
        Instant updatedAt,
        Instant withdrawnAt) {

    public Material {
        topics = List.copyOf(topics);
    }

    public boolean withdrawn() {
        return withdrawnAt != null;
    }
}
