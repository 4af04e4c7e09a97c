package org.scriptorium.imports;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * The details an editor gives a whole batch, applied to every document; null (or no topics) leaves each document its
 * default, as a single import does.
 */
public record ImportDetails(Tier tier, String kind, List<String> topics, Instant publishedAt) {

    public ImportDetails {
        topics = topics == null ? List.of() : List.copyOf(topics);
        kind = kind == null || kind.isBlank() ? null : kind.strip();
    }

    /** No details: every document takes its defaults. */
    public static ImportDetails none() {
        return new ImportDetails(null, null, List.of(), null);
    }
}
