package org.scriptorium.search;

import java.util.List;

/**
 * One page of material hits, how many match in all, and facet counts over all matches.
 */
public record SearchResult(long total, List<MaterialHit> hits, Facets facets) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /**
     * A matching material.
     *
     * @param title   the indexed title
     * @param outline the indexed headings, one per line: what a snippet may show to a reader who is not entitled
     */
    public record MaterialHit(String materialId, float score, String title, String outline) {
    }

    /**
     * Counts of matching materials per kind, topic, year and tier, largest first.
     *
     * @param estimated whether the counts were scaled up from a random sample of the matches (done when very many
     *                  match, to keep such searches fast); totals are always exact
     */
    public record Facets(List<FacetCount> kinds, List<FacetCount> topics, List<FacetCount> years, List<FacetCount> tiers,
                         boolean estimated) {

        public static final Facets NONE = new Facets(List.of(), List.of(), List.of(), List.of(), false);

        public Facets {
            kinds = List.copyOf(kinds);
            topics = List.copyOf(topics);
            years = List.copyOf(years);
            tiers = List.copyOf(tiers);
        }
    }

    public record FacetCount(String value, long count) {
    }
}
