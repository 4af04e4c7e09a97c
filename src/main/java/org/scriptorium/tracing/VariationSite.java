package org.scriptorium.tracing;

/**
 * One place in a revision where a curated alternative may be written: the robust layer's unit of one binary symbol.
 *
 * @param index     the site's number among the sites used for the revision, in text order (0..n-1)
 * @param paragraph the paragraph's index in the revision
 * @param offset    the index of the site's first character in that paragraph (UTF-16 units), in the source text
 * @param form0     the form the source has at this place (written for symbol 0)
 * @param form1     the other form of the pair (written for symbol 1)
 * @param rule      the id of the curated pair, e.g. {@code "w:加强/强化"}
 */
public record VariationSite(int index, int paragraph, int offset, String form0, String form1, String rule) {
}
