package org.scriptorium.membership;

import java.time.Instant;

/**
 * The published materials whose full text a reader may read at one instant, as a filter over tier and publication time,
 * so that a search can look in the text of those materials only ({@link EntitlementRule#fullTextScope}).
 *
 * @param everything staff: every material, whatever its tier or time
 * @param free       FREE materials
 * @param memberFrom MEMBER materials published at or after this instant; null for none
 */
public record FullTextScope(boolean everything, boolean free, Instant memberFrom) {

    /** What staff read. */
    public static final FullTextScope EVERYTHING = new FullTextScope(true, true, Instant.MIN);
    /** What an anonymous visitor or a suspended account reads in full. */
    public static final FullTextScope NOTHING = new FullTextScope(false, false, null);

    /** Whether a published material of this tier and publication time is in the scope. */
    public boolean covers(Tier tier, Instant publishedAt) {
        return everything || switch (tier) {
            case FREE -> free;
            case MEMBER -> memberFrom != null && !publishedAt.isBefore(memberFrom);
        };
    }

    /** Whether no material is in the scope. */
    public boolean isEmpty() {
        return !everything && !free && memberFrom == null;
    }
}
