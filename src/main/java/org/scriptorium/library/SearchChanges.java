package org.scriptorium.library;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The {@code search_changes} table: the log of material changes that every node with an index of its own follows.
 * Ids rise in the order rows were written, not committed; {@link ChangeFollower} deals with the difference.
 */
class SearchChanges {

    /** One change: the material to index again (or remove), whatever the change was. */
    record Change(long id, String materialId) {
    }

    private final JdbcClient jdbc;

    SearchChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a change in the caller's transaction; returns its id. */
    long append(String materialId, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO search_changes (material_id, changed_at) VALUES (?, ?)")
                .params(materialId, DbTime.of(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** The newest id, or 0 for an empty log. */
    long lastId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM search_changes").query(Long.class).single();
    }

    /** The newest id among the changes written before {@code before}, or 0 when there is none. */
    long lastIdBefore(Instant before) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM search_changes WHERE changed_at < ?")
                .param(DbTime.of(before)).query(Long.class).single();
    }

    /** The ids in {@code (from, to]} that are present (committed), lowest first. */
    List<Long> idsBetween(long from, long to) {
        return jdbc.sql("SELECT id FROM search_changes WHERE id > ? AND id <= ? ORDER BY id")
                .params(from, to).query(Long.class).list();
    }

    /** The changes after {@code afterId}, oldest first, at most {@code limit}. */
    List<Change> after(long afterId, int limit) {
        return jdbc.sql("SELECT id, material_id FROM search_changes WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query((rs, n) -> new Change(rs.getLong("id"), rs.getString("material_id"))).list();
    }

    /** The changes among {@code ids} that are present, oldest first. */
    List<Change> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, material_id FROM search_changes WHERE id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query((rs, n) -> new Change(rs.getLong("id"), rs.getString("material_id"))).list();
    }

    /** Deletes the changes written before {@code before}; returns how many. */
    int prune(Instant before) {
        return jdbc.sql("DELETE FROM search_changes WHERE changed_at < ?").param(DbTime.of(before)).update();
    }
}
