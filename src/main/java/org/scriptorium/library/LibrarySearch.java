package org.scriptorium.library;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Reader;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.Match;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.MaterialSearch;
import org.scriptorium.search.PassageResult;
import org.scriptorium.search.SearchResult;
import org.scriptorium.search.TitleSuggestion;
import org.scriptorium.search.UnderstoodQuery;
import org.springframework.stereotype.Service;

/**
 * Search as readers meet it: hits with snippets, passages and suggestions, each passed through the entitlement
 * gate. A material a reader may not read is found by its title, outline and topics only, and shows snippets from
 * them; passages come only from materials the reader may read, so no search confirms text the reader may not see.
 */
@Service
public class LibrarySearch {

    private static final int SNIPPET_WIDTH = 90;

    private final MaterialSearch search;
    private final Materials materials;
    private final MaterialAccess access;
    private final SearchMisses misses;
    private final SearchThrottle throttle;
    private final Clock clock;

    LibrarySearch(MaterialSearch search, Materials materials, MaterialAccess access, SearchMisses misses,
                  SearchThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.search = search;
        this.materials = materials;
        this.access = access;
        this.misses = misses;
        this.clock = clock;
    }

    /** A material found, with whether this reader may read it and a snippet they may see (HTML, escaped, matches in {@code <em>}). */
    public record Found(Listing material, boolean entitled, String snippet) {
    }

    /** What a list of hits shows of a material. */
    public record Listing(String id, String title, String kind, List<String> topics, Tier tier, Instant publishedAt) {

        static Listing of(Material m) {
            return new Listing(m.id(), m.title(), m.kind(), m.topics(), m.tier(), m.publishedAt());
        }

        static Listing of(SearchResult.MaterialHit hit) {
            return new Listing(hit.materialId(), hit.title(), hit.kind(), hit.topics(), hit.tier(), hit.publishedAt());
        }
    }

    /**
     * One page of found materials, facet counts, and help when nothing was found.
     *
     * @param match      {@link Match#ALL} when the hits hold every word of the query; otherwise no material did, and
     *                   these are the materials holding most ({@link Match#MOST}) or any one ({@link Match#ANY}) of them
     * @param understood how the query was read (its words, 文种 and year)
     */
    public record FoundPage(MaterialQuery query, long total, List<Found> hits, SearchResult.Facets facets, Help help,
                            Match match, UnderstoodQuery understood) {

        /** Whether the hits are a fallback (see {@link #match()}). */
        public boolean partial() {
            return match != Match.ALL && total > 0;
        }
    }

    /** A paragraph found; {@code text} and {@code snippet} are null unless the reader may read the material. */
    public record FoundPassage(String materialId, String title, int paragraph, boolean entitled, String text, String snippet) {
    }

    /** One page of found paragraphs; {@code match} as in {@link FoundPage}. */
    public record FoundPassages(MaterialQuery query, long total, List<FoundPassage> hits, Match match) {
    }

    /**
     * What to try when nothing was found.
     *
     * @param singleTerms    for a query of several words, each word alone and how many it finds (a quoted phrase is
     *                       never dropped by the search's own fallback, so this can find what the query did not)
     * @param topics         topics of the library that share characters with the query
     * @param withoutFilters how many the same words find without the kind, topic, year and tier chosen; 0 when none
     *                       were chosen
     */
    public record Help(List<Alternative> singleTerms, List<String> topics, long withoutFilters) {
        static final Help NONE = new Help(List.of(), List.of(), 0);
    }

    public record Alternative(String text, long total) {
    }

    /**
     * Searches materials for this reader; a query that finds nothing is counted for the operator.
     *
     * @throws org.scriptorium.common.Rejected 429 {@code RATE_LIMITED} when this account or address searches too often
     */
    public FoundPage search(MaterialQuery query, Optional<String> userId) {
        throttle.check(userId);
        Reader reader = access.reader(userId);
        boolean staff = reader instanceof Reader.SignedIn s && s.staff();
        Instant now = clock.instant();
        FullTextScope scope = access.fullTextScope(reader);
        SearchResult result = search.search(query, now, staff, scope);
        Snippets.Highlighter snippets = Snippets.forTerms(result.understood().highlights());
        List<Found> hits = reader instanceof Reader.Anonymous && result.hits().stream().allMatch(h -> h.kind() != null)
                ? listedFromIndex(result, snippets)
                : listedFromDatabase(result, query, reader, snippets);
        Help help = Help.NONE;
        if ((result.total() == 0 || result.match() != Match.ALL) && query.text() != null && query.page() == 0) {
            misses.record(query.text(), userId, result.total() == 0 ? "NONE" : result.match().name());
        }
        if (result.total() == 0 && query.text() != null) {
            help = help(query, result.understood(), now, staff, scope);
        }
        return new FoundPage(query, result.total(), hits, result.facets(), help, result.match(), result.understood());
    }

    /**
     * Hits for a reader who is not signed in, straight from the index: they may read nothing, so their snippets come
     * from the title and outline and no database read is needed (the index drops withdrawn materials as they go).
     */
    private List<Found> listedFromIndex(SearchResult result, Snippets.Highlighter snippets) {
        return result.hits().stream()
                .map(hit -> new Found(Listing.of(hit), false,
                        snippets.around(outlineSource(hit.title(), hit), SNIPPET_WIDTH)))
                .toList();
    }

    /** What a reader who may not read a material sees a snippet of: its title and its headings. */
    private static String outlineSource(String title, SearchResult.MaterialHit hit) {
        return title + "｜" + hit.outline().replace('\n', ' ');
    }

    /** Hits with what the database says now, and snippets from the text of those this reader may read. */
    private List<Found> listedFromDatabase(SearchResult result, MaterialQuery query, Reader reader,
                                           Snippets.Highlighter snippets) {
        List<String> ids = result.hits().stream().map(SearchResult.MaterialHit::materialId).toList();
        Map<String, Material> byId = materials.findAll(ids).stream().collect(Collectors.toMap(Material::id, Function.identity()));
        List<String> entitledIds = new ArrayList<>();
        for (String id : ids) {
            Material m = byId.get(id);
            if (m != null && access.access(m, reader).full()) {
                entitledIds.add(id);
            }
        }
        Map<String, String> bodies = query.text() == null ? Map.of() : materials.currentBodies(entitledIds);
        List<Found> hits = new ArrayList<>();
        for (SearchResult.MaterialHit hit : result.hits()) {
            Material m = byId.get(hit.materialId());
            if (m == null) {
                continue; // deleted between the index and the database read
            }
            boolean entitled = entitledIds.contains(m.id());
            String source = entitled && bodies.containsKey(m.id())
                    ? bodies.get(m.id())
                    : outlineSource(m.title(), hit);
            hits.add(new Found(Listing.of(m), entitled, snippets.around(source, SNIPPET_WIDTH)));
        }
        return hits;
    }

    /**
     * Searches paragraphs of the materials this reader may read, with their text.
     *
     * @throws org.scriptorium.common.Rejected 429 {@code RATE_LIMITED} when this account or address searches too often
     */
    public FoundPassages passages(MaterialQuery query, Optional<String> userId) {
        throttle.check(userId);
        Reader reader = access.reader(userId);
        boolean staff = reader instanceof Reader.SignedIn s && s.staff();
        // Only materials this reader may read: a paragraph's place alone would confirm text they may not see.
        PassageResult result = search.passages(query, clock.instant(), staff, access.fullTextScope(reader));
        List<String> ids = result.hits().stream().map(PassageResult.PassageHit::materialId).distinct().toList();
        Map<String, Material> byId = materials.findAll(ids).stream().collect(Collectors.toMap(Material::id, Function.identity()));
        List<FoundPassage> hits = new ArrayList<>();
        Snippets.Highlighter snippets = Snippets.forTerms(result.understood().highlights());
        for (PassageResult.PassageHit hit : result.hits()) {
            Material m = byId.get(hit.materialId());
            if (m == null) {
                continue;
            }
            // An entitled reader's passage is their own marked copy of that paragraph, like every other copy.
            Optional<String> text = userId.isPresent() && access.access(m, reader).full()
                    ? access.passage(m, hit.paragraph(), userId.get())
                    : Optional.empty();
            hits.add(new FoundPassage(m.id(), m.title(), hit.paragraph(), text.isPresent(), text.orElse(null),
                    text.map(t -> snippets.around(t, Math.max(t.length(), 1))).orElse(null)));
        }
        return new FoundPassages(query, result.total(), hits, result.match());
    }

    /** Published titles containing what was typed. Titles are public, like the outline. */
    public List<TitleSuggestion> suggest(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        String text = typed.strip();
        return search.suggestTitles(text.length() > 50 ? text.substring(0, 50) : text, 8, clock.instant());
    }

    private Help help(MaterialQuery query, UnderstoodQuery understood, Instant now, boolean staff, FullTextScope scope) {
        List<String> terms = understood.concepts().stream().map(UnderstoodQuery.Concept::typed).toList();
        List<Alternative> alternatives = new ArrayList<>();
        if (terms.size() > 1) {
            for (String term : terms.subList(0, Math.min(terms.size(), 4))) {
                MaterialQuery alone = new MaterialQuery(term, query.kind(), query.topic(), query.year(), query.tier(),
                        query.sort(), 0, 1);
                long total = search.search(alone, now, staff, scope).total();
                if (total > 0) {
                    alternatives.add(new Alternative(term, total));
                }
            }
        }
        long withoutFilters = 0;
        if (query.kind() != null || query.topic() != null || query.year() != null || query.tier() != null) {
            withoutFilters = search.search(new MaterialQuery(query.text(), null, null, null, null, query.sort(), 0, 1),
                    now, staff, scope).total();
        }
        String joined = String.join("", terms) + (understood.kind() == null ? "" : understood.kind().word());
        List<String> topics = materials.topics().stream()
                .filter(topic -> sharesCharacters(topic, joined))
                .limit(8)
                .toList();
        return new Help(alternatives, topics, withoutFilters);
    }

    private static boolean sharesCharacters(String topic, String query) {
        return topic.codePoints().filter(Character::isLetter).anyMatch(c -> query.indexOf(c) >= 0);
    }
}
