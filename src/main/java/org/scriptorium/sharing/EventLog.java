package org.scriptorium.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code sharing_events} table: what members are told about, in the order it happened. */
@Repository
class EventLog {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    EventLog(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Appends a publication (no recipient) or a notice for one user; returns its id. */
    long append(SharingEvent.Type type, String recipientId, String materialId, Integer revision, String requestId,
                String reportId, String note, Instant visibleAt, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sharing_events (event_type, recipient_id, material_id, revision, request_id, report_id, note,
                                            visible_at, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(type.name(), recipientId, materialId, revision, requestId, reportId, note, DbTime.of(visibleAt),
                        DbTime.of(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * Appends a group event (issue 16): a message posted or hidden (for everyone allowed in the group, so no
     * recipient), or a mention (for the one staff member mentioned); returns its id.
     */
    long appendGroup(SharingEvent.Type type, String recipientId, String groupId, String messageId, String note,
                     String payload, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sharing_events (event_type, recipient_id, group_id, message_id, note, payload, visible_at,
                                            occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(type.name(), recipientId, groupId, messageId, note, payload, DbTime.of(now), DbTime.of(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** Blanks the text a group message's event carries, once staff hid it: a replay no longer tells it. */
    void redactGroupMessage(String messageId) {
        jdbc.sql("UPDATE sharing_events SET payload = NULL WHERE message_id = ? AND event_type = ?")
                .params(messageId, SharingEvent.Type.GROUP_MESSAGE.name()).update();
    }

    /** The same notice for each of several users, in one batch. */
    void appendForEach(Collection<String> recipients, SharingEvent.Type type, String materialId, Integer revision,
                       String requestId, String note, Instant now) {
        List<Object[]> rows = recipients.stream()
                .map(r -> new Object[]{type.name(), r, materialId, revision, requestId, note, DbTime.of(now), DbTime.of(now)})
                .toList();
        template.batchUpdate("""
                INSERT INTO sharing_events (event_type, recipient_id, material_id, revision, request_id, note, visible_at,
                                            occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    /** The newest id, or 0 for an empty log. */
    long lastId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM sharing_events").query(Long.class).single();
    }

    /** Rows after {@code afterId} that may be told by {@code now}, oldest first, at most {@code limit}. */
    List<SharingEvent> after(long afterId, Instant now, int limit) {
        return jdbc.sql("SELECT * FROM sharing_events WHERE id > ? AND visible_at <= ? ORDER BY id LIMIT ?")
                .params(afterId, DbTime.of(now), limit)
                .query(EventLog::row).list();
    }

    /**
     * The rows among {@code ids} that may be told by {@code now} (as in {@link #after}), oldest first: the dispatcher
     * looks again for ids it passed over because their transaction had not committed yet.
     */
    List<SharingEvent> byIds(Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM sharing_events WHERE id IN (:ids) AND visible_at <= :now ORDER BY id")
                .param("ids", ids).param("now", DbTime.of(now))
                .query(EventLog::row).list();
    }

    /** Rows written earlier for a later time that came due in {@code (from, to]}: scheduled publications. */
    List<SharingEvent> cameDue(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT * FROM sharing_events WHERE visible_at > ? AND visible_at <= ? AND occurred_at < visible_at
                ORDER BY id""")
                .params(DbTime.of(from), DbTime.of(to))
                .query(EventLog::row).list();
    }

    /** Rows a user might be told of after {@code afterId}: their own notices and every publication, oldest first. */
    List<SharingEvent> forUserAfter(String userId, long afterId, Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM sharing_events
                WHERE id > ? AND visible_at <= ? AND (recipient_id IS NULL OR recipient_id = ?)
                ORDER BY id LIMIT ?""")
                .params(afterId, DbTime.of(now), userId, limit)
                .query(EventLog::row).list();
    }

    /**
     * The newest rows a user might be told of, newest first: the bell's. Group messages are left out (they are
     * counted per group, as unread messages); a mention, addressed to its recipient, is kept.
     */
    List<SharingEvent> newestForUser(String userId, Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM sharing_events
                WHERE visible_at <= ? AND (recipient_id = ? OR (recipient_id IS NULL AND group_id IS NULL))
                ORDER BY id DESC LIMIT ?""")
                .params(DbTime.of(now), userId, limit)
                .query(EventLog::row).list();
    }

    /** True for the one caller that claims a publication for relaying to webhooks. */
    boolean claimForHooks(long id) {
        return jdbc.sql("UPDATE sharing_events SET hooks_claimed = TRUE WHERE id = ? AND hooks_claimed = FALSE")
                .param(id).update() == 1;
    }

    private static SharingEvent row(ResultSet rs, int n) throws SQLException {
        return new SharingEvent(rs.getLong("id"), SharingEvent.Type.valueOf(rs.getString("event_type")),
                rs.getString("recipient_id"), rs.getString("material_id"), rs.getObject("revision", Integer.class),
                rs.getString("request_id"), rs.getString("report_id"), rs.getString("note"),
                DbTime.toInstant(rs.getObject("visible_at", OffsetDateTime.class)),
                DbTime.toInstant(rs.getObject("occurred_at", OffsetDateTime.class)),
                rs.getString("group_id"), rs.getString("message_id"), rs.getString("payload"));
    }
}
