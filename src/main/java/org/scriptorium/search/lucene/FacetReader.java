package org.scriptorium.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.scriptorium.search.SearchResult.FacetCount;
import org.scriptorium.search.SearchResult.Facets;

/** Counts matches per kind, topic, year and tier from the facet doc values of the materials index. */
final class FacetReader {

    static final int TOP_TOPICS = 20;

    private final FacetsConfig config;

    /** Ordinals of the facet values for one reader; rebuilt only when the reader changes, as it is costly. */
    private record Cached(IndexReader reader, SortedSetDocValuesReaderState state) {
    }

    private volatile Cached cached;

    FacetReader(FacetsConfig config) {
        this.config = config;
    }

    Facets count(IndexReader reader, FacetsCollector matches) throws IOException {
        SortedSetDocValuesReaderState state = state(reader);
        if (state == null) {
            return Facets.NONE;
        }
        SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, matches);
        return new Facets(
                all(counts, state, Documents.KIND),
                top(counts, state, Documents.TOPIC, TOP_TOPICS),
                all(counts, state, Documents.YEAR),
                all(counts, state, Documents.TIER));
    }

    private SortedSetDocValuesReaderState state(IndexReader reader) throws IOException {
        Cached c = cached;
        if (c != null && c.reader() == reader) {
            return c.state();
        }
        synchronized (this) {
            c = cached;
            if (c != null && c.reader() == reader) {
                return c.state();
            }
            SortedSetDocValuesReaderState state;
            try {
                state = new DefaultSortedSetDocValuesReaderState(reader, config);
            } catch (IllegalArgumentException empty) {
                state = null; // no document has facet values yet
            }
            cached = new Cached(reader, state);
            return state;
        }
    }

    private static List<FacetCount> all(SortedSetDocValuesFacetCounts counts, SortedSetDocValuesReaderState state, String dim)
            throws IOException {
        return state.getOrdRange(dim) == null ? List.of() : sorted(counts.getAllChildren(dim), Integer.MAX_VALUE);
    }

    private static List<FacetCount> top(SortedSetDocValuesFacetCounts counts, SortedSetDocValuesReaderState state, String dim,
                                        int n) throws IOException {
        return state.getOrdRange(dim) == null ? List.of() : sorted(counts.getTopChildren(n, dim), n);
    }

    private static List<FacetCount> sorted(FacetResult result, int limit) {
        if (result == null) {
            return List.of();
        }
        List<FacetCount> out = new ArrayList<>();
        for (LabelAndValue lv : result.labelValues) {
            if (lv.value.longValue() > 0) {
                out.add(new FacetCount(lv.label, lv.value.longValue()));
            }
        }
        out.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }
}
