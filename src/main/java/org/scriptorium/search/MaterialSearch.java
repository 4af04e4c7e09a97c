package org.scriptorium.search;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.FullTextScope;

/**
 * The read side of the search port. Only materials published at or before {@code now} are found unless
 * {@code includeUnpublished} (for staff). Query text is plain words, never a query language: any character is safe.
 */
public interface MaterialSearch {

    /**
     * Materials holding every concept of the query as {@link QueryUnderstanding} reads it (its words, in any synonym
     * form; a "quoted phrase" exactly), or, when none does, most or any of them ({@link SearchResult#match()}): in their
     * title, headings, topics or text for materials in {@code scope}, in their title, headings or topics only for the
     * rest, so that a reader learns nothing from a search about text they may not read. The 文种 and year the query
     * names rank; typed text with nothing searchable in it finds nothing.
     */
    SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope);

    /**
     * Paragraphs holding the query's concepts (falling back as {@link #search} does), best first, of materials in
     * {@code scope} only; the query's filters apply to their materials.
     */
    PassageResult passages(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope);

    /** {@link #search(MaterialQuery, Instant, boolean, FullTextScope)} in the text of every material (staff, tools). */
    default SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished) {
        return search(query, now, includeUnpublished, FullTextScope.EVERYTHING);
    }

    /** {@link #passages(MaterialQuery, Instant, boolean, FullTextScope)} of every material (staff, tools). */
    default PassageResult passages(MaterialQuery query, Instant now, boolean includeUnpublished) {
        return passages(query, now, includeUnpublished, FullTextScope.EVERYTHING);
    }

    /** Up to {@code limit} published titles that contain what the reader has typed so far. */
    List<TitleSuggestion> suggestTitles(String typed, int limit, Instant now);
}
