package org.scriptorium.search;

import org.scriptorium.membership.Tier;

/**
 * What a reader looks for. Every field but the page is optional (null or blank means "any").
 *
 * @param text  plain words; a "quoted phrase" must occur as written; at most 200 characters are used
 * @param sort  null means {@link SortOrder#RELEVANCE}
 * @param page  zero-based page number
 * @param size  hits per page, 1–100
 */
public record MaterialQuery(String text, String kind, String topic, Integer year, Tier tier, SortOrder sort, int page, int size) {

    /** The most that a result may skip, so a page far past the end stays cheap. */
    public static final int MAX_OFFSET = 10_000;

    public MaterialQuery {
        text = blankToNull(text);
        kind = blankToNull(kind);
        topic = blankToNull(topic);
        sort = sort == null ? SortOrder.RELEVANCE : sort;
        size = Math.clamp(size, 1, 100);
        page = Math.clamp(page, 0, MAX_OFFSET / size);
        if (year != null && (year < 1900 || year > 2999)) {
            year = null;
        }
        if (text != null && text.length() > 200) {
            text = text.substring(0, 200);
        }
    }

    /** A query without sort order, as the foundation built them. */
    public MaterialQuery(String text, String kind, String topic, Integer year, Tier tier, int page, int size) {
        this(text, kind, topic, year, tier, null, page, size);
    }

    /** The first page of the newest materials. */
    public static MaterialQuery latest(int size) {
        return new MaterialQuery(null, null, null, null, null, SortOrder.NEWEST, 0, size);
    }

    /** Where this page starts among all hits. */
    public int offset() {
        return page * size;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
