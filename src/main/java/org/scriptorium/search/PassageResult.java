package org.scriptorium.search;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/** One page of paragraph-level hits and how many match in all. */
public record PassageResult(long total, List<PassageHit> hits) {

    public PassageResult {
        hits = List.copyOf(hits);
    }

    /**
     * A matching paragraph. The text is the material's own: callers show it only to entitled readers.
     *
     * @param paragraph the paragraph's position in the material's body, from 0
     */
    public record PassageHit(String materialId, String title, int paragraph, String text, float score, Tier tier,
                             Instant publishedAt) {
    }
}
