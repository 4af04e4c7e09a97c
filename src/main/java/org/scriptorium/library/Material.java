package org.scriptorium.library;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * A material in the library, as its current revision presents it.
 *
 * @param title           the title shown to readers (detected on import, correctable by an editor)
 * @param publishedAt     when it is (or was, for an imported archive) published; readers see nothing before. Null only
 *                        for a draft whose publication time is not chosen: publishing it then sets the moment it is
 *                        published
 * @param currentRevision the number of the newest revision, starting at 1
 * @param withdrawnAt     when an editor withdrew it from readers, or null while it is published
 * @param draft           true while it is a draft: saved unpublished for an editor to preview and correct, seen by
 *                        staff only and announced to nobody until {@code Materials.publish}
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
        Instant withdrawnAt,
        boolean draft) {

    public Material {
        topics = List.copyOf(topics);
        if (publishedAt == null && !draft) {
            throw new IllegalArgumentException("only a draft may have no publication time");
        }
    }

    /** A material that is not a draft. */
    public Material(String id, String title, String kind, List<String> topics, Tier tier, Instant publishedAt,
                    int currentRevision, Instant createdAt, Instant updatedAt, Instant withdrawnAt) {
        this(id, title, kind, topics, tier, publishedAt, currentRevision, createdAt, updatedAt, withdrawnAt, false);
    }

    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    /** Whether readers may ever see it as it stands: neither a draft nor withdrawn (it may still be scheduled). */
    public boolean released() {
        return !draft && withdrawnAt == null;
    }
}
