package org.scriptorium.search;

import org.scriptorium.membership.Tier;

/**
 * What a reader looks for. Every field but the page is optional (null or blank means "any").
 *
 * @param page zero-based page number
 * @param size hits per page, 1–100
 */
public record MaterialQuery(String text, String kind, String topic, Integer year, Tier tier, int page, int size) {

    public MaterialQuery {
        text = blankToNull(text);
        kind = blankToNull(kind);
        topic = blankToNull(topic);
        page = Math.max(0, page);
        size = Math.clamp(size, 1, 100);
        if (year != null && (year < 1900 || year > 2999)) {
            year = null;
        }
        if (text != null && text.length() > 200) {
            text = text.substring(0, 200);
        }
    }

    /** The first page of the newest materials. */
    public static MaterialQuery latest(int size) {
        return new MaterialQuery(null, null, null, null, null, 0, size);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
