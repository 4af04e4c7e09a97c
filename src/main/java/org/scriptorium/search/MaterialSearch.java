package org.scriptorium.search;

import java.time.Instant;
import java.util.List;

/**
 * The read side of the search port. Only materials published at or before {@code now} are found unless
 * {@code includeUnpublished} (for staff). Query text is plain words, never a query language: any character is safe.
 */
public interface MaterialSearch {

    /** Materials matching every whitespace-separated term of the query (a "quoted phrase" counts as one term). */
    SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished);

    /** Paragraphs matching every term of the query, best first; the query's filters apply to their materials. */
    PassageResult passages(MaterialQuery query, Instant now, boolean includeUnpublished);

    /** Up to {@code limit} published titles that contain what the reader has typed so far. */
    List<TitleSuggestion> suggestTitles(String typed, int limit, Instant now);
}
