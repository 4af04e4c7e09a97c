package org.scriptorium.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The append-only log of every operator action, written in the same transaction as the action itself (see
 * {@link AuditListener}), so an action that rolls back leaves no entry and a committed one always has its entry.
 * Administrators read it and export it as CSV.
 */
@Service
public class AuditLog {

    /** The most entries one export holds; narrow the filter for more. */
    public static final int MAX_EXPORT = 100_000;

    private static final int MAX_TEXT = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    AuditLog(JdbcClient jdbc, Clock clock, ScriptoriumProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = properties.zone();
    }

    /** Appends an entry now; {@code actorId} null for the system. */
    void record(String actorId, AuditAction action, String targetType, String targetId, String summary, String before,
                String after) {
        jdbc.sql("""
                INSERT INTO audit_log (id, acted_at, actor_id, action_code, target_type, target_id, summary, before_state, after_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), DbTime.of(clock.instant()), actorId, action.name(), targetType, targetId,
                        cut(summary, 1000), cut(before, MAX_TEXT), cut(after, MAX_TEXT))
                .update();
    }

    /** Entries matching the filter, newest first, at most {@code limit} (1 to {@link #MAX_EXPORT}). */
    public List<AuditEntry> find(AuditFilter filter, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.add("LOWER(u.email) LIKE :actor");
            params.put("actor", "%" + filter.actor().strip().toLowerCase(Locale.ROOT) + "%");
        }
        if (filter.action() != null) {
            where.add("a.action_code = :action");
            params.put("action", filter.action().name());
        }
        if (filter.target() != null && !filter.target().isBlank()) {
            where.add("a.target_id = :target");
            params.put("target", filter.target().strip());
        }
        if (filter.from() != null) {
            where.add("a.acted_at >= :from");
            params.put("from", DbTime.of(filter.from()));
        }
        if (filter.until() != null) {
            where.add("a.acted_at < :until");
            params.put("until", DbTime.of(filter.until()));
        }
        return jdbc.sql("SELECT a.*, u.email AS actor_email FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"
                        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY a.acted_at DESC, a.id DESC LIMIT :limit")
                .params(params)
                .param("limit", Math.clamp(limit, 1, MAX_EXPORT))
                .query(AuditLog::map)
                .list();
    }

    /** The entries matching the filter as CSV (see {@link AuditCsv}), at most {@link #MAX_EXPORT}. */
    public String csv(AuditFilter filter) {
        return AuditCsv.write(find(filter, MAX_EXPORT), zone);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getString("id"), DbTime.toInstant(rs.getObject("acted_at", OffsetDateTime.class)),
                rs.getString("actor_id"), rs.getString("actor_email"), AuditAction.valueOf(rs.getString("action_code")),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("summary"),
                rs.getString("before_state"), rs.getString("after_state"));
    }
}
