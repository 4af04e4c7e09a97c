package org.scriptorium.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.function.LongConsumer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scriptorium.common.DbTime;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Tier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plain database search, the foundation's baseline: every term must occur (SQL {@code LIKE}) in the title, the topics
 * or the current body; newest first; no facets. Kept to measure the full-text adapter against.
 */
public class DatabaseMaterialSearch implements MaterialSearch, SearchIndex {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    public DatabaseMaterialSearch(JdbcClient jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    @Override
    public SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
        Filter filter = filter(query, now, includeUnpublished, scope, false);
        long total = jdbc.sql("SELECT COUNT(*)" + filter.from()).params(filter.params()).query(Long.class).single();
        List<SearchResult.MaterialHit> hits = jdbc.sql("SELECT m.id, m.title, m.kind, m.topics, m.tier, m.published_at"
                        + filter.from() + " ORDER BY m.published_at DESC, m.id LIMIT :limit OFFSET :offset")
                .params(filter.params())
                .param("limit", query.size())
                .param("offset", query.offset())
                .query((rs, n) -> new SearchResult.MaterialHit(rs.getString("id"), 0f, rs.getString("title"), "",
                        rs.getString("kind"), topics(rs.getString("topics")), Tier.valueOf(rs.getString("tier")),
                        DbTime.toInstant(rs.getObject("published_at", java.time.OffsetDateTime.class))))
                .list();
        return new SearchResult(total, hits, SearchResult.Facets.NONE);
    }

    @Override
    public PassageResult passages(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
        if (scope.isEmpty()) {
            return new PassageResult(0, List.of());
        }
        Filter filter = filter(query, now, includeUnpublished, scope, true);
        List<String> terms = query.text() == null ? List.of() : List.of(query.text().split("\\s+"));
        List<PassageResult.PassageHit> all = new ArrayList<>();
        jdbc.sql("SELECT m.id, m.title, m.tier, m.published_at, r.body" + filter.from() + " ORDER BY m.published_at DESC LIMIT 200")
                .params(filter.params())
                .query(rs -> {
                    String[] lines = rs.getString("body").split("\n");
                    for (int i = 1; i < lines.length; i++) {
                        String line = lines[i];
                        if (!terms.isEmpty() && terms.stream().allMatch(line::contains)) {
                            all.add(new PassageResult.PassageHit(rs.getString("id"), rs.getString("title"), i - 1, line, 0f,
                                    Tier.valueOf(rs.getString("tier")),
                                    DbTime.toInstant(rs.getObject("published_at", java.time.OffsetDateTime.class))));
                        }
                    }
                });
        int from = Math.min(all.size(), query.offset());
        return new PassageResult(all.size(), all.subList(from, Math.min(all.size(), from + query.size())));
    }

    @Override
    public List<TitleSuggestion> suggestTitles(String typed, int limit, Instant now) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, title FROM materials WHERE title LIKE :q AND published_at <= :now AND withdrawn_at IS NULL AND draft = FALSE "
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
    public java.util.Optional<Map<String, String>> versions() {
        return java.util.Optional.empty();
    }

    private record Filter(String from, Map<String, Object> params) {
    }

    /**
     * @param onlyInScope whether materials outside the scope are left out altogether (passages), rather than searched
     *                    in their title and topics only
     */
    private Filter filter(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope,
                          boolean onlyInScope) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where.add("m.withdrawn_at IS NULL AND m.draft = FALSE");
        // Whose body may be searched: the reader's full-text scope, as EntitlementRule grants it.
        String inScope = "TRUE";
        if (!scope.everything()) {
            List<String> any = new ArrayList<>();
            if (scope.free()) {
                any.add("m.tier = 'FREE'");
            }
            if (scope.memberFrom() != null) {
                any.add("(m.tier = 'MEMBER' AND m.published_at >= :memberFrom)");
                params.put("memberFrom", DbTime.of(scope.memberFrom()));
            }
            inScope = any.isEmpty() ? "FALSE" : "(" + String.join(" OR ", any) + ")";
        }
        if (onlyInScope) {
            where.add(inScope);
        }
        if (!includeUnpublished) {
            where.add("m.published_at <= :now");
            params.put("now", DbTime.of(now));
        }
        if (query.text() != null) {
            String[] terms = query.text().replace("\"", " ").strip().split("\\s+");
            for (int i = 0; i < terms.length && i < 8; i++) {
                String p = "t" + i;
                where.add("(LOWER(m.title) LIKE :" + p + " OR LOWER(m.topics) LIKE :" + p + " OR (r.body LIKE :" + p + " AND " + inScope + "))");
                params.put(p, "%" + escapeLike(terms[i].toLowerCase()) + "%");
            }
        }
        if (query.kind() != null) {
            where.add("m.kind = :kind");
            params.put("kind", query.kind());
        }
        if (query.topic() != null) {
            where.add("(',' || m.topics || ',') LIKE :topic");
            params.put("topic", "%," + escapeLike(query.topic()) + ",%");
        }
        if (query.tier() != null) {
            where.add("m.tier = :tier");
            params.put("tier", query.tier().name());
        }
        if (query.year() != null) {
            where.add("m.published_at >= :yearFrom AND m.published_at < :yearTo");
            params.put("yearFrom", DbTime.of(LocalDate.of(query.year(), 1, 1).atStartOfDay(zone).toInstant()));
            params.put("yearTo", DbTime.of(LocalDate.of(query.year() + 1, 1, 1).atStartOfDay(zone).toInstant()));
        }
        String from = " FROM materials m JOIN material_revisions r ON r.material_id = m.id AND r.revision = m.current_revision"
                + " WHERE " + String.join(" AND ", where);
        return new Filter(from, params);
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The materials table keeps topics comma-separated. */
    private static List<String> topics(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
