package org.scriptorium.search;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * A published (or scheduled) material as the search index needs it. Withdrawn materials are not indexed.
 *
 * @param headings   the outline's headings in order, without numbers
 * @param paragraphs the body's paragraphs in order (headings included as written, title and salutation not),
 *                   each one a passage
 */
public record IndexedMaterial(
        String id,
        String title,
        String kind,
        List<String> topics,
        Tier tier,
        Instant publishedAt,
        List<String> headings,
        List<String> paragraphs) {

    public IndexedMaterial {
        topics = List.copyOf(topics);
        headings = List.copyOf(headings);
        paragraphs = List.copyOf(paragraphs);
    }
}
