package org.scriptorium.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.scriptorium.common.DbTime;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Tier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plain database search, the foundation's baseline, kept to measure the full-text adapter against. It reads a query as
 * {@link QueryUnderstanding} does and relaxes it as {@link UnderstoodQuery#stages()} says, like the Lucene adapter: a
 * concept is found where any of its alternatives occurs (SQL {@code LIKE}) in the title, the topics or, for materials
 * in the reader's scope, the current body. The 文种, the year and the runs only rank. Hits are in a simple relevance
 * order (concepts in the title, then the 文种's kind, then the year, then newest) or newest first; no facets.
 *
 * <p>The SQL is portable between H2 and PostgreSQL: {@code LIKE} with an explicit escape character, {@code CASE} sums,
 * {@code LIMIT}/{@code OFFSET}.
 */
public class DatabaseMaterialSearch implements MaterialSearch, SearchIndex {

    /** How many of the newest matching materials {@link #passages} reads paragraphs from. */
    static final int PASSAGE_MATERIALS = 200;

    /** Relevance weights: a concept in the title counts most, in the topics less; then the 文种, then the year. */
    private static final int IN_TITLE = 8;
    private static final int IN_TOPICS = 3;
    private static final int RUN_IN_TITLE = 4;
    private static final int KIND = 5;
    private static final int KIND_WORD_IN_TITLE = 2;
    private static final int YEAR = 3;
    private static final int YEAR_IN_TITLE = 3;

    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final Supplier<Synonyms> synonyms;
    private final QueryUnderstanding understanding = new QueryUnderstanding();

    /** Reads queries with the {@linkplain Synonyms#builtIn() built-in} synonym groups. */
    public DatabaseMaterialSearch(JdbcClient jdbc, ZoneId zone) {
        this(jdbc, zone, Synonyms::builtIn);
    }

    /**
     * @param zone     the zone in which a publication time falls into a year
     * @param synonyms the synonym groups to read each query with, asked at the time of each search
     */
    public DatabaseMaterialSearch(JdbcClient jdbc, ZoneId zone, Supplier<Synonyms> synonyms) {
        this.jdbc = jdbc;
        this.zone = zone;
        this.synonyms = synonyms;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: when no material holds every concept, most of them, then any one, as the result's
     * {@link SearchResult#match()} says.
     */
    @Override
    public SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
        UnderstoodQuery understood = understanding.understand(query.text(), synonyms.get());
        if (query.text() != null && understood.isEmpty()) {
            // typed, but nothing to search for (😀, 的, *): nothing is found, rather than the whole library
            return new SearchResult(0, List.of(), SearchResult.Facets.NONE, Match.ALL, understood);
        }
        return understood.firstFound(stage -> search(understood, stage, query, now, includeUnpublished, scope),
                SearchResult::total);
    }

    private SearchResult search(UnderstoodQuery understood, Match stage, MaterialQuery query, Instant now,
                                boolean includeUnpublished, FullTextScope scope) {
        Sql sql = new Sql();
        List<String> where = filters(query, now, includeUnpublished, sql);
        String inScope = inScope(scope, sql);
        Stage text = stage(understood, stage, new Where(true, inScope), sql);
        boolean relevance = text != null && query.sort() == SortOrder.RELEVANCE;
        if (text != null) {
            where.addAll(text.conditions());
        }
        String from = FROM + " WHERE " + String.join(" AND ", where);
        long total = jdbc.sql("SELECT COUNT(*)" + from).params(sql.params).query(Long.class).single();
        if (total == 0 || query.offset() >= total) {
            return new SearchResult(total, List.of(), SearchResult.Facets.NONE, stage, understood);
        }
        String score = relevance ? score(understood, sql) : "0";
        String matched = relevance && text.matched() != null ? text.matched() : "0";
        List<SearchResult.MaterialHit> hits = jdbc.sql("SELECT m.id, m.title, m.kind, m.topics, m.tier, m.published_at, "
                        + score + " AS score, " + matched + " AS matched" + from
                        + " ORDER BY " + (relevance ? "matched DESC, score DESC, " : "") + "m.published_at DESC, m.id"
                        + " LIMIT :limit OFFSET :offset")
                .params(sql.params)
                .param("limit", query.size())
                .param("offset", query.offset())
                // the score says the order: concepts held first (relaxed stages), then the relevance expression
                .query((rs, n) -> new SearchResult.MaterialHit(rs.getString("id"),
                        rs.getInt("matched") * 100f + rs.getInt("score"), rs.getString("title"), "",
                        rs.getString("kind"), topics(rs.getString("topics")), Tier.valueOf(rs.getString("tier")),
                        DbTime.toInstant(rs.getObject("published_at", OffsetDateTime.class))))
                .list();
        return new SearchResult(total, hits, SearchResult.Facets.NONE, stage, understood);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: paragraphs of the {@value #PASSAGE_MATERIALS} newest materials whose body holds the query, best
     * paragraphs first; relaxed as {@link #search(MaterialQuery, Instant, boolean, FullTextScope)} is, a paragraph
     * having to hold the concepts a stage requires.
     */
    @Override
    public PassageResult passages(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
        UnderstoodQuery understood = understanding.understand(query.text(), synonyms.get());
        if (understood.isEmpty() || scope.isEmpty()) {
            return new PassageResult(0, List.of(), Match.ALL, understood);
        }
        return understood.firstFound(stage -> passages(understood, stage, query, now, includeUnpublished, scope),
                PassageResult::total);
    }

    private PassageResult passages(UnderstoodQuery understood, Match stage, MaterialQuery query, Instant now,
                                   boolean includeUnpublished, FullTextScope scope) {
        Sql sql = new Sql();
        List<String> where = filters(query, now, includeUnpublished, sql);
        String inScope = inScope(scope, sql);
        if (inScope != null) {
            where.add(inScope);
        }
        // the body must hold what the stage requires, since one of its paragraphs must
        Stage text = stage(understood, stage, new Where(false, null), sql);
        where.addAll(text.conditions());
        Paragraphs paragraphs = new Paragraphs(understood, stage);
        List<ScoredPassage> all = new ArrayList<>();
        jdbc.sql("SELECT m.id, m.title, m.tier, m.published_at, r.body" + FROM + " WHERE " + String.join(" AND ", where)
                        + " ORDER BY m.published_at DESC, m.id LIMIT " + PASSAGE_MATERIALS)
                .params(sql.params)
                .query(rs -> {
                    String[] lines = rs.getString("body").split("\n");
                    // the body's first line is its title, not a paragraph
                    for (int i = 1; i < lines.length; i++) {
                        int score = paragraphs.score(lines[i]);
                        if (score >= 0) {
                            all.add(new ScoredPassage(score, all.size(), new PassageResult.PassageHit(rs.getString("id"),
                                    rs.getString("title"), i - 1, lines[i], score, Tier.valueOf(rs.getString("tier")),
                                    DbTime.toInstant(rs.getObject("published_at", OffsetDateTime.class)))));
                        }
                    }
                });
        // best first; among equals, newer materials first and a material's paragraphs in order, as read
        all.sort(Comparator.comparingInt(ScoredPassage::score).reversed().thenComparingInt(ScoredPassage::read));
        int from = Math.min(all.size(), query.offset());
        List<PassageResult.PassageHit> page = all.subList(from, Math.min(all.size(), from + query.size())).stream()
                .map(ScoredPassage::hit).toList();
        return new PassageResult(all.size(), page, stage, understood);
    }

    private record ScoredPassage(int score, int read, PassageResult.PassageHit hit) {
    }

    @Override
    public List<TitleSuggestion> suggestTitles(String typed, int limit, Instant now) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, title FROM materials WHERE title LIKE :q" + ESCAPE
                        + " AND published_at <= :now AND withdrawn_at IS NULL AND draft = FALSE "
                        + "ORDER BY published_at DESC LIMIT :limit")
                .param("q", "%" + escapeLike(typed.strip()) + "%")
                .param("now", DbTime.of(now))
                .param("limit", limit)
                .query((rs, n) -> new TitleSuggestion(rs.getString("id"), rs.getString("title")))
                .list();
    }

    /** The database is its own index: nothing to update. */
    @Override
    public void upsert(IndexedMaterial material) {
    }

    @Override
    public void delete(String materialId) {
    }

    @Override
    public void rebuild(Iterator<IndexedMaterial> materials, LongConsumer progress) {
        long n = 0;
        while (materials.hasNext()) {
            materials.next();
            n++;
        }
        progress.accept(n);
    }

    @Override
    public long materialCount() {
        return jdbc.sql("SELECT COUNT(*) FROM materials WHERE withdrawn_at IS NULL AND draft = FALSE").query(Long.class).single();
    }

    /** Nothing to compare: this adapter reads the database itself. */
    @Override
    public Optional<Map<String, String>> versions() {
        return Optional.empty();
    }

    private static final String FROM = " FROM materials m"
            + " JOIN material_revisions r ON r.material_id = m.id AND r.revision = m.current_revision";

    /**
     * The escape character of every {@code LIKE}, said explicitly so that H2 and PostgreSQL agree on it; not the
     * backslash, whose meaning in a string literal depends on PostgreSQL's {@code standard_conforming_strings}.
     */
    private static final String ESCAPE = " ESCAPE '!'";

    /** The parameters of one statement, named in the order they are made; a {@code LIKE} pattern is made once. */
    private static final class Sql {
        final Map<String, Object> params = new LinkedHashMap<>();
        private final Map<String, String> patterns = new HashMap<>();

        String param(Object value) {
            String name = "p" + params.size();
            params.put(name, value);
            return ":" + name;
        }

        /** A parameter holding {@code %text%}, wildcards in the text taken literally. */
        String contains(String text) {
            return patterns.computeIfAbsent(text, t -> param("%" + escapeLike(t) + "%"));
        }
    }

    /**
     * Where concepts are looked for.
     *
     * @param shortFields whether in the title and topics too, not only in the body
     * @param bodyScope   the condition under which a material's body is searched (see {@link #inScope}); null when it
     *                    is searched in every material the statement reads
     */
    private record Where(boolean shortFields, String bodyScope) {
    }

    /**
     * What a stage adds to the {@code WHERE} clause.
     *
     * @param matched how many of the concepts a material holds, as an SQL expression, when the stage does not require
     *                them all (null when it does)
     */
    private record Stage(List<String> conditions, String matched) {
    }

    /** The conditions of a stage, or null when the query has nothing to look for (then everything matches). */
    private static Stage stage(UnderstoodQuery understood, Match stage, Where where, Sql sql) {
        List<String> exact = new ArrayList<>();
        List<String> loose = new ArrayList<>();
        for (UnderstoodQuery.Concept concept : understood.concepts()) {
            (concept.exact() ? exact : loose).add(found(concept.alternatives(), where, sql));
        }
        String kindWord = kindWordAsConcept(understood, stage);
        if (kindWord != null) {
            loose.add(found(List.of(kindWord), where, sql));
        }
        if (exact.isEmpty() && loose.isEmpty()) {
            return null;
        }
        List<String> conditions = new ArrayList<>(exact);
        String matched = null;
        if (!loose.isEmpty()) {
            int required = Math.clamp(understood.required(stage), 1, loose.size());
            if (required == loose.size()) {
                conditions.addAll(loose);
            } else {
                matched = "(" + String.join(" + ", loose.stream().map(c -> "CASE WHEN " + c + " THEN 1 ELSE 0 END").toList()) + ")";
                conditions.add(matched + " >= " + sql.param(required));
            }
        }
        return new Stage(conditions, matched);
    }

    /** When any one concept will do, the 文种 word is one too (讲话 of 防汛讲话), as in the Lucene adapter. */
    private static String kindWordAsConcept(UnderstoodQuery understood, Match stage) {
        if (stage != Match.ANY || understood.kind() == null) {
            return null;
        }
        String word = understood.kind().word();
        return understood.concepts().stream().anyMatch(c -> c.typed().equals(word)) ? null : word;
    }

    /**
     * The alternatives a text must hold one of, without those that hold another: where 防汛抗旱 occurs, 防汛 does, so
     * {@code LIKE '%防汛%'} alone decides (one scan of a body instead of three).
     */
    static List<String> needed(List<String> alternatives) {
        return alternatives.stream().filter(a -> alternatives.stream().noneMatch(b -> !b.equals(a) && a.contains(b)))
                .distinct().toList();
    }

    /** Any of the alternatives anywhere it is looked for. */
    private static String found(List<String> alternatives, Where where, Sql sql) {
        List<String> visible = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String alternative : needed(alternatives)) {
            String p = sql.contains(alternative);
            if (where.shortFields()) {
                visible.add(like("m.title", alternative, p));
                visible.add(like("m.topics", alternative, p));
            }
            body.add(like("r.body", alternative, p));
        }
        if (where.shortFields() && "FALSE".equals(where.bodyScope())) {
            return "(" + String.join(" OR ", visible) + ")";
        }
        String inBody = "(" + String.join(" OR ", body) + ")";
        if (where.bodyScope() != null) {
            inBody = "(" + where.bodyScope() + " AND " + inBody + ")";
        }
        visible.add(inBody);
        return "(" + String.join(" OR ", visible) + ")";
    }

    /**
     * {@code column LIKE pattern}, ignoring case where the text has letters with case: the query is read in lower case,
     * and only then is the column lowered (lowering a whole body for a Chinese word would cost for nothing).
     */
    private static String like(String column, String text, String param) {
        boolean cased = !text.equals(text.toUpperCase(Locale.ROOT));
        return (cased ? "LOWER(" + column + ")" : column) + " LIKE " + param + ESCAPE;
    }

    /**
     * The relevance of a material as an SQL expression: each concept in the title (or, less, in the topics), each run
     * in the title as typed, the 文种's kind and word in the title, the year of publication or in the title.
     */
    private String score(UnderstoodQuery understood, Sql sql) {
        List<String> parts = new ArrayList<>();
        for (UnderstoodQuery.Concept concept : understood.concepts()) {
            List<String> title = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            for (String alternative : needed(concept.alternatives())) {
                title.add(like("m.title", alternative, sql.contains(alternative)));
                topics.add(like("m.topics", alternative, sql.contains(alternative)));
            }
            parts.add("CASE WHEN " + String.join(" OR ", title) + " THEN " + IN_TITLE
                    + " WHEN " + String.join(" OR ", topics) + " THEN " + IN_TOPICS + " ELSE 0 END");
        }
        for (String run : understood.runs()) {
            parts.add("CASE WHEN " + like("m.title", run, sql.contains(run)) + " THEN " + RUN_IN_TITLE + " ELSE 0 END");
        }
        if (understood.kind() != null) {
            List<String> kinds = understood.kind().kinds().stream().map(sql::param).toList();
            if (!kinds.isEmpty()) {
                parts.add("CASE WHEN m.kind IN (" + String.join(", ", kinds) + ") THEN " + KIND + " ELSE 0 END");
            }
            String word = understood.kind().word();
            parts.add("CASE WHEN " + like("m.title", word, sql.contains(word)) + " THEN " + KIND_WORD_IN_TITLE + " ELSE 0 END");
        }
        if (understood.year() != null) {
            int year = understood.year();
            parts.add("CASE WHEN m.published_at >= " + sql.param(startOf(year)) + " AND m.published_at < "
                    + sql.param(startOf(year + 1)) + " THEN " + YEAR + " ELSE 0 END");
            String text = Integer.toString(year);
            parts.add("CASE WHEN " + like("m.title", text, sql.contains(text)) + " THEN " + YEAR_IN_TITLE + " ELSE 0 END");
        }
        return parts.isEmpty() ? "0" : "(" + String.join(" + ", parts) + ")";
    }

    /**
     * Which paragraphs hold what a stage requires, and how well: the same rule as {@link #stage}, read in Java on each
     * paragraph of the bodies the database found.
     */
    private static final class Paragraphs {
        private final List<UnderstoodQuery.Concept> exact = new ArrayList<>();
        private final List<UnderstoodQuery.Concept> loose = new ArrayList<>();
        private final int required;
        private final List<String> runs;
        private final String kindWord;
        private final String year;

        Paragraphs(UnderstoodQuery understood, Match stage) {
            for (UnderstoodQuery.Concept concept : understood.concepts()) {
                (concept.exact() ? exact : loose).add(concept);
            }
            String asConcept = kindWordAsConcept(understood, stage);
            if (asConcept != null) {
                loose.add(new UnderstoodQuery.Concept(asConcept, List.of(asConcept), false));
            }
            this.required = loose.isEmpty() ? 0 : Math.clamp(understood.required(stage), 1, loose.size());
            this.runs = understood.runs();
            this.kindWord = understood.kind() == null ? null : understood.kind().word();
            this.year = understood.year() == null ? null : Integer.toString(understood.year());
        }

        /** The paragraph's score, or -1 when it does not hold what the stage requires. */
        int score(String paragraph) {
            String text = paragraph.toLowerCase(Locale.ROOT);
            int score = 0;
            for (UnderstoodQuery.Concept concept : exact) {
                if (!text.contains(concept.typed())) {
                    return -1;
                }
                score += 10;
            }
            int matched = 0;
            for (UnderstoodQuery.Concept concept : loose) {
                if (text.contains(concept.typed())) {
                    matched++;
                    score += 10;
                } else if (concept.alternatives().stream().anyMatch(text::contains)) {
                    matched++;
                    score += 7; // a synonym, as the Lucene adapter weighs it lower than the typed form
                }
            }
            if (matched < required) {
                return -1;
            }
            for (String run : runs) {
                score += text.contains(run) ? 4 : 0;
            }
            score += kindWord != null && text.contains(kindWord) ? 2 : 0;
            score += year != null && text.contains(year) ? 2 : 0;
            return score;
        }
    }

    /**
     * The filters of the query (kind, topic, tier, year) and what every reader is limited to (not withdrawn, not a
     * draft, published unless {@code includeUnpublished}).
     */
    private List<String> filters(MaterialQuery query, Instant now, boolean includeUnpublished, Sql sql) {
        List<String> where = new ArrayList<>();
        where.add("m.withdrawn_at IS NULL AND m.draft = FALSE");
        if (!includeUnpublished) {
            where.add("m.published_at <= " + sql.param(DbTime.of(now)));
        }
        if (query.kind() != null) {
            where.add("m.kind = " + sql.param(query.kind()));
        }
        if (query.topic() != null) {
            where.add("(',' || m.topics || ',') LIKE " + sql.param("%," + escapeLike(query.topic()) + ",%") + ESCAPE);
        }
        if (query.tier() != null) {
            where.add("m.tier = " + sql.param(query.tier().name()));
        }
        if (query.year() != null) {
            where.add("m.published_at >= " + sql.param(startOf(query.year())) + " AND m.published_at < "
                    + sql.param(startOf(query.year() + 1)));
        }
        return where;
    }

    /**
     * Whose body may be searched: the reader's full-text scope, as EntitlementRule grants it. Null for every
     * material, {@code FALSE} for none.
     */
    private static String inScope(FullTextScope scope, Sql sql) {
        if (scope.everything()) {
            return null;
        }
        List<String> any = new ArrayList<>();
        if (scope.free()) {
            any.add("m.tier = 'FREE'");
        }
        if (scope.memberFrom() != null) {
            any.add("(m.tier = 'MEMBER' AND m.published_at >= " + sql.param(DbTime.of(scope.memberFrom())) + ")");
        }
        return any.isEmpty() ? "FALSE" : "(" + String.join(" OR ", any) + ")";
    }

    private OffsetDateTime startOf(int year) {
        return DbTime.of(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant());
    }

    private static String escapeLike(String term) {
        return term.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The materials table keeps topics comma-separated. */
    private static List<String> topics(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
