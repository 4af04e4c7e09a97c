package org.scriptorium.search;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * One page of material hits, how many match in all, and facet counts over all matches.
 *
 * @param match      how much of the query the hits had to match: {@link Match#ALL} unless that found nothing and the
 *                   search fell back to most or any of its concepts
 * @param understood how the query was read
 */
public record SearchResult(long total, List<MaterialHit> hits, Facets facets, Match match, UnderstoodQuery understood) {

    public SearchResult {
        hits = List.copyOf(hits);
        match = match == null ? Match.ALL : match;
        understood = understood == null ? UnderstoodQuery.EMPTY : understood;
    }

    /** A result of every concept of a query not read by {@link QueryUnderstanding}. */
    public SearchResult(long total, List<MaterialHit> hits, Facets facets) {
        this(total, hits, facets, Match.ALL, UnderstoodQuery.EMPTY);
    }

    /**
     * A matching material, with what a list of hits shows of it as indexed.
     *
     * @param title       the indexed title
     * @param outline     the indexed headings, one per line: what a snippet may show to a reader who is not entitled
     * @param kind        the indexed kind; null when the index was written before kinds and topics were stored in it
     *                    (the caller then reads them from the database)
     * @param topics      the indexed topics
     * @param tier        the indexed tier
     * @param publishedAt the indexed publication time
     */
    public record MaterialHit(String materialId, float score, String title, String outline, String kind,
                              List<String> topics, Tier tier, Instant publishedAt) {

        public MaterialHit {
            topics = List.copyOf(topics);
        }
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
