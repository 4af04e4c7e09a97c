package org.scriptorium.community;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The groups' tables ({@code chat_*}), owned by this module alone. */
@Repository
class GroupRepository {

    /** A cleaned image as stored. */
    record Image(String id, String groupId, String contentType, int width, int height, byte[] content) {
    }

    /** A member's report of a message, for staff. */
    record Report(String id, String messageId, String groupId, String reporterId, String reason, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- groups ---

    void insertGroup(Group g, String createdBy) {
        jdbc.sql("""
                INSERT INTO chat_groups (id, name, kind, description, external_label, external_number, created_by,
                                         created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(g.id(), g.name(), g.kind().name(), g.description(), g.externalLabel(), g.externalNumber(),
                        createdBy, DbTime.of(g.createdAt()), DbTime.of(g.createdAt()))
                .update();
    }

    void updateGroup(Group g, Instant now) {
        jdbc.sql("""
                UPDATE chat_groups SET name = ?, kind = ?, description = ?, external_label = ?, external_number = ?,
                                       qr_image_id = ?, updated_at = ?
                WHERE id = ?""")
                .params(g.name(), g.kind().name(), g.description(), g.externalLabel(), g.externalNumber(),
                        g.qrImageId(), DbTime.of(now), g.id())
                .update();
    }

    List<Group> groups() {
        return jdbc.sql("SELECT * FROM chat_groups ORDER BY kind, created_at").query(GroupRepository::group).list();
    }

    Optional<Group> group(String id) {
        return jdbc.sql("SELECT * FROM chat_groups WHERE id = ?").param(id).query(GroupRepository::group).optional();
    }

    // --- images ---

    void insertImage(String id, String groupId, ImageCleaner.Cleaned image, Instant now) {
        jdbc.sql("""
                INSERT INTO chat_images (id, group_id, content_type, width, height, content, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, groupId, image.contentType(), image.width(), image.height(), image.content(), DbTime.of(now))
                .update();
    }

    Optional<Image> image(String groupId, String id) {
        return jdbc.sql("SELECT * FROM chat_images WHERE id = ? AND group_id = ?").params(id, groupId)
                .query((rs, n) -> new Image(rs.getString("id"), rs.getString("group_id"), rs.getString("content_type"),
                        rs.getInt("width"), rs.getInt("height"), rs.getBytes("content")))
                .optional();
    }

    /** Width and height of each of these images, by id. */
    Map<String, int[]> imageSizes(List<String> ids) {
        Map<String, int[]> sizes = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, width, height FROM chat_images WHERE id IN (:ids)").param("ids", ids)
                    .query((rs, n) -> sizes.put(rs.getString(1), new int[]{rs.getInt(2), rs.getInt(3)})).list();
        }
        return sizes;
    }

    // --- messages ---

    /** Saves a message; returns its place in the history. */
    long insertMessage(String id, String groupId, String authorId, String body, String replyTo, List<String> mentions,
                       String imageId, boolean pinned, StoredMessage.Status status, String heldCaseId, Instant now) {
        jdbc.sql("""
                INSERT INTO chat_messages (id, group_id, author_id, body, reply_to, mentions, image_id, pinned, status,
                                           held_case_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, groupId, authorId, body, replyTo, mentions.isEmpty() ? null : String.join(",", mentions),
                        imageId, pinned, status.name(), heldCaseId, DbTime.of(now))
                .update();
        return jdbc.sql("SELECT seq FROM chat_messages WHERE id = ?").param(id).query(Long.class).single();
    }

    Optional<StoredMessage> message(String id) {
        return jdbc.sql("SELECT * FROM chat_messages WHERE id = ?").param(id).query(GroupRepository::message).optional();
    }

    /** Shown messages of a group before {@code beforeSeq} (all when null), newest first, at most {@code limit}. */
    List<StoredMessage> history(String groupId, Long beforeSeq, int limit) {
        return jdbc.sql("""
                SELECT * FROM chat_messages WHERE group_id = ? AND status = 'SHOWN' AND seq < ?
                ORDER BY seq DESC LIMIT ?""")
                .params(groupId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit)
                .query(GroupRepository::message).list();
    }

    /** The pinned, shown messages of a group, newest first. */
    List<StoredMessage> pinned(String groupId) {
        return jdbc.sql("""
                SELECT * FROM chat_messages WHERE group_id = ? AND status = 'SHOWN' AND pinned = TRUE
                ORDER BY seq DESC LIMIT 20""")
                .param(groupId).query(GroupRepository::message).list();
    }

    /** Messages of a group in one state (HELD, HIDDEN), newest first: the moderation list. */
    List<StoredMessage> withStatus(String groupId, StoredMessage.Status status, int limit) {
        return jdbc.sql("SELECT * FROM chat_messages WHERE group_id = ? AND status = ? ORDER BY seq DESC LIMIT ?")
                .params(groupId, status.name(), limit).query(GroupRepository::message).list();
    }

    List<StoredMessage> messages(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM chat_messages WHERE id IN (:ids)").param("ids", ids)
                .query(GroupRepository::message).list();
    }

    /** When the author's latest messages (any group, any state) were posted, newest first. */
    List<Instant> latestBy(String authorId, int limit) {
        return jdbc.sql("SELECT created_at FROM chat_messages WHERE author_id = ? ORDER BY seq DESC LIMIT ?")
                .params(authorId, limit)
                .query((rs, n) -> DbTime.toInstant(rs.getObject(1, OffsetDateTime.class))).list();
    }

    boolean hide(String id, String by, String reason) {
        return jdbc.sql("""
                UPDATE chat_messages SET status = 'HIDDEN', hidden_by = ?, hidden_reason = ?
                WHERE id = ? AND status = 'SHOWN'""")
                .params(by, reason, id).update() == 1;
    }

    void pin(String id, boolean pinned) {
        jdbc.sql("UPDATE chat_messages SET pinned = ? WHERE id = ?").params(pinned, id).update();
    }

    // --- read cursors and unread counts ---

    void readThrough(String groupId, String userId, long seq) {
        int updated = jdbc.sql("""
                UPDATE chat_reads SET read_through = ? WHERE group_id = ? AND user_id = ? AND read_through < ?""")
                .params(seq, groupId, userId, seq).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO chat_reads (group_id, user_id, read_through) VALUES (?, ?, ?)")
                        .params(groupId, userId, seq).update();
            } catch (org.springframework.dao.DuplicateKeyException alreadyFurther) {
                // the cursor exists and is at or past seq (or a concurrent request made it): nothing to do
            }
        }
    }

    /**
     * Per group, the shown messages of others after the account's cursor; without a cursor, those of the last
     * {@code since} (a new account does not start with a group's whole history unread).
     */
    Map<String, Integer> unread(String userId, List<String> groupIds, Instant since) {
        Map<String, Integer> counts = new HashMap<>();
        if (groupIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                SELECT m.group_id, COUNT(*) FROM chat_messages m
                LEFT JOIN chat_reads r ON r.group_id = m.group_id AND r.user_id = :user
                WHERE m.group_id IN (:groups) AND m.status = 'SHOWN' AND m.author_id <> :user
                  AND ((r.read_through IS NULL AND m.created_at > :since) OR m.seq > r.read_through)
                GROUP BY m.group_id""")
                .param("user", userId).param("groups", groupIds).param("since", DbTime.of(since))
                .query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    // --- sanctions ---

    /** Every sanction in a group, by account. */
    Map<String, Sanction> sanctions(String groupId) {
        Map<String, Sanction> all = new HashMap<>();
        jdbc.sql("SELECT * FROM chat_sanctions WHERE group_id = ?").param(groupId)
                .query((rs, n) -> all.put(rs.getString("user_id"), new Sanction(
                        DbTime.toInstant(rs.getObject("muted_until", OffsetDateTime.class)), rs.getString("mute_reason"),
                        rs.getBoolean("removed"), rs.getString("remove_reason")))).list();
        return all;
    }

    /** The account's sanction in a group, or {@link Sanction#NONE}. */
    Sanction sanction(String groupId, String userId) {
        return jdbc.sql("SELECT * FROM chat_sanctions WHERE group_id = ? AND user_id = ?").params(groupId, userId)
                .query((rs, n) -> new Sanction(DbTime.toInstant(rs.getObject("muted_until", OffsetDateTime.class)),
                        rs.getString("mute_reason"), rs.getBoolean("removed"), rs.getString("remove_reason")))
                .optional().orElse(Sanction.NONE);
    }

    void saveSanction(String groupId, String userId, Sanction s, String by, Instant now) {
        int updated = jdbc.sql("""
                UPDATE chat_sanctions SET muted_until = ?, mute_reason = ?, removed = ?, remove_reason = ?, decided_by = ?,
                                          decided_at = ?
                WHERE group_id = ? AND user_id = ?""")
                .params(DbTime.of(s.mutedUntil()), s.muteReason(), s.removed(), s.removeReason(), by, DbTime.of(now),
                        groupId, userId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO chat_sanctions (group_id, user_id, muted_until, mute_reason, removed, remove_reason,
                                                decided_by, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(groupId, userId, DbTime.of(s.mutedUntil()), s.muteReason(), s.removed(), s.removeReason(),
                            by, DbTime.of(now))
                    .update();
        }
    }

    // --- reports ---

    /** Files a report; false when this member already reported this message. */
    boolean insertReport(String id, String messageId, String reporterId, String reason, Instant now) {
        try {
            jdbc.sql("INSERT INTO chat_reports (id, message_id, reporter_id, reason, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(id, messageId, reporterId, reason, DbTime.of(now)).update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException again) {
            return false;
        }
    }

    List<Report> openReports(int limit) {
        return jdbc.sql("""
                SELECT r.*, m.group_id FROM chat_reports r JOIN chat_messages m ON m.id = r.message_id
                WHERE r.closed_at IS NULL ORDER BY r.created_at LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new Report(rs.getString("id"), rs.getString("message_id"), rs.getString("group_id"),
                        rs.getString("reporter_id"), rs.getString("reason"),
                        DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
    }

    /** Closes the open reports of a message (it was hidden), or one report (staff saw nothing wrong). */
    void closeReports(String messageId, String reportId, Instant now) {
        jdbc.sql("UPDATE chat_reports SET closed_at = ? WHERE closed_at IS NULL AND (message_id = ? OR id = ?)")
                .params(DbTime.of(now), messageId, reportId).update();
    }

    private static Group group(ResultSet rs, int n) throws SQLException {
        return new Group(rs.getString("id"), rs.getString("name"), GroupKind.valueOf(rs.getString("kind")),
                rs.getString("description"), rs.getString("external_label"), rs.getString("external_number"),
                rs.getString("qr_image_id"), DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)));
    }

    private static StoredMessage message(ResultSet rs, int n) throws SQLException {
        String mentions = rs.getString("mentions");
        return new StoredMessage(rs.getString("id"), rs.getLong("seq"), rs.getString("group_id"),
                rs.getString("author_id"), rs.getString("body"), rs.getString("reply_to"),
                mentions == null ? List.of() : Arrays.asList(mentions.split(",")), rs.getString("image_id"),
                rs.getBoolean("pinned"), StoredMessage.Status.valueOf(rs.getString("status")),
                rs.getString("held_case_id"), rs.getString("hidden_by"), rs.getString("hidden_reason"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)));
    }
}
