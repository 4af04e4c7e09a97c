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
 * @param version    the state of the library's row it was made from (revision and time of the last change), kept in
 *                   the index so that start-up can find entries the database has moved past; empty when unknown
 */
public record IndexedMaterial(
        String id,
        String title,
        String kind,
        List<String> topics,
        Tier tier,
        Instant publishedAt,
        List<String> headings,
        List<String> paragraphs,
        String version) {

    public IndexedMaterial {
        topics = List.copyOf(topics);
        headings = List.copyOf(headings);
        paragraphs = List.copyOf(paragraphs);
        version = version == null ? "" : version;
    }

    /** A material without a version: start-up will take it for stale and index it again. */
    public IndexedMaterial(String id, String title, String kind, List<String> topics, Tier tier, Instant publishedAt,
                           List<String> headings, List<String> paragraphs) {
        this(id, title, kind, topics, tier, publishedAt, headings, paragraphs, "");
    }
}
