package org.scriptorium.search;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * One page of paragraph-level hits and how many match in all.
 *
 * @param match      how much of the query the hits had to match (see {@link SearchResult#match()})
 * @param understood how the query was read
 */
public record PassageResult(long total, List<PassageHit> hits, Match match, UnderstoodQuery understood) {

    public PassageResult {
        hits = List.copyOf(hits);
        match = match == null ? Match.ALL : match;
        understood = understood == null ? UnderstoodQuery.EMPTY : understood;
    }

    /** A result of every concept of a query not read by {@link QueryUnderstanding}. */
    public PassageResult(long total, List<PassageHit> hits) {
        this(total, hits, Match.ALL, UnderstoodQuery.EMPTY);
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
