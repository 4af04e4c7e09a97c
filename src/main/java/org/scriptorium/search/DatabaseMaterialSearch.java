package org.scriptorium.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plain database search: every whitespace-separated term must occur in the title, the topics or the current body.
 * Newest first. Enough for a small library; the full-text adapter replaces it for scale and relevance.
 */
@Component
class DatabaseMaterialSearch implements MaterialSearch {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    DatabaseMaterialSearch(JdbcClient jdbc, ScriptoriumProperties properties) {
        this.jdbc = jdbc;
        this.zone = properties.zone();
    }

    @Override
    public SearchHits search(MaterialQuery query, Instant now, boolean includeUnpublished) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (!includeUnpublished) {
            where.add("m.published_at <= :now");
            params.put("now", DbTime.of(now));
        }
        if (query.text() != null) {
            String[] terms = query.text().split("\\s+");
            for (int i = 0; i < terms.length && i < 8; i++) {
                String p = "t" + i;
                where.add("(LOWER(m.title) LIKE :" + p + " OR LOWER(m.topics) LIKE :" + p + " OR r.body LIKE :" + p + ")");
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
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        long total = jdbc.sql("SELECT COUNT(*)" + from).params(params).query(Long.class).single();
        List<String> ids = jdbc.sql("SELECT m.id" + from + " ORDER BY m.published_at DESC, m.id LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(String.class)
                .list();
        return new SearchHits(total, ids);
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
