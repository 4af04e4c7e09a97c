package org.scriptorium.search;

import java.time.Instant;
import java.util.List;

/**
 * One group of synonyms as the operator manages it: a built-in group of the reviewed list (read-only) or one of the
 * operator's own.
 *
 * @param id        {@code builtin-<n>} (its line among the built-in groups, from 1) or {@code syn-…} for the operator's
 * @param terms     the terms, {@linkplain Synonyms#normalise(String) normalised}, as a query compares them
 * @param note      why the group is there, or null
 * @param builtIn   true for the reviewed list shipped with the product
 * @param enabled   whether queries use it (a built-in group always)
 * @param createdBy the id of the account that added it, or null (built-in, a deleted account)
 * @param createdAt when it was added, or null for a built-in group
 * @param updatedBy the id of the account that changed it last, or null
 * @param updatedAt when it was changed last, or null for a built-in group
 */
public record SynonymGroup(String id, List<String> terms, String note, boolean builtIn, boolean enabled,
                           String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    public SynonymGroup {
        terms = List.copyOf(terms);
    }

    /** The terms as a reader sees them: {@code 人大 / 人民代表大会}. */
    public String shown() {
        return String.join(" / ", terms);
    }
}
