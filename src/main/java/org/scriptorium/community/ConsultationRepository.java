package org.scriptorium.community;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code consultations}, {@code consultation_messages} and {@code canned_replies} tables. */
@Repository
class ConsultationRepository {

    /** A conversation's row. {@code lastFrom} is ASKER or STAFF. */
    record Stored(String id, String askerId, String visitorEmail, String subject, Consultation.Status status,
                  String assigneeId, String lastFrom, Instant createdAt, Instant updatedAt) {
    }

    /** A message's row. */
    record StoredMessage(String id, String authorId, boolean fromStaff, String text, String materialId,
                         Instant createdAt) {
    }

    private final JdbcClient jdbc;

    ConsultationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Stored c) {
        jdbc.sql("""
                INSERT INTO consultations (id, asker_id, visitor_email, subject, status, assignee_id, last_from,
                                           created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.askerId(), c.visitorEmail(), c.subject(), c.status().name(), c.assigneeId(),
                        c.lastFrom(), DbTime.of(c.createdAt()), DbTime.of(c.updatedAt()))
                .update();
    }

    void insertMessage(String consultationId, StoredMessage m) {
        jdbc.sql("""
                INSERT INTO consultation_messages (id, consultation_id, author_id, from_staff, body, material_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), consultationId, m.authorId(), m.fromStaff(), m.text(), m.materialId(),
                        DbTime.of(m.createdAt()))
                .update();
    }

    Optional<Stored> find(String id) {
        return jdbc.sql("SELECT * FROM consultations WHERE id = ?").param(id).query(ConsultationRepository::row).optional();
    }

    /** The row, locked until the transaction ends: messages and changes of one conversation queue up. */
    Optional<Stored> lock(String id) {
        return jdbc.sql("SELECT * FROM consultations WHERE id = ? FOR UPDATE").param(id)
                .query(ConsultationRepository::row).optional();
    }

    List<Stored> byAsker(String askerId, int limit) {
        return jdbc.sql("SELECT * FROM consultations WHERE asker_id = ? ORDER BY updated_at DESC, id LIMIT ?")
                .params(askerId, limit).query(ConsultationRepository::row).list();
    }

    /** One box of the inbox for {@code staffId}: waiting longest first while open, newest first once closed. */
    List<Stored> inBox(ConsultationBox box, String staffId, int limit) {
        return switch (box) {
            case UNASSIGNED -> jdbc.sql("""
                            SELECT * FROM consultations WHERE status = 'OPEN' AND assignee_id IS NULL
                            ORDER BY updated_at, id LIMIT ?""")
                    .param(limit).query(ConsultationRepository::row).list();
            case MINE -> jdbc.sql("""
                            SELECT * FROM consultations WHERE status = 'OPEN' AND assignee_id = ?
                            ORDER BY CASE WHEN last_from = 'ASKER' THEN 0 ELSE 1 END, updated_at, id LIMIT ?""")
                    .params(staffId, limit).query(ConsultationRepository::row).list();
            case CLOSED -> jdbc.sql("SELECT * FROM consultations WHERE status = 'CLOSED' ORDER BY updated_at DESC, id LIMIT ?")
                    .param(limit).query(ConsultationRepository::row).list();
        };
    }

    /** How many conversations each box holds for {@code staffId}. */
    Map<ConsultationBox, Long> counts(String staffId) {
        Map<ConsultationBox, Long> counts = new EnumMap<>(ConsultationBox.class);
        counts.put(ConsultationBox.UNASSIGNED, jdbc.sql(
                "SELECT COUNT(*) FROM consultations WHERE status = 'OPEN' AND assignee_id IS NULL").query(Long.class).single());
        counts.put(ConsultationBox.MINE, jdbc.sql(
                "SELECT COUNT(*) FROM consultations WHERE status = 'OPEN' AND assignee_id = ?").param(staffId)
                .query(Long.class).single());
        counts.put(ConsultationBox.CLOSED, jdbc.sql(
                "SELECT COUNT(*) FROM consultations WHERE status = 'CLOSED'").query(Long.class).single());
        return counts;
    }

    List<StoredMessage> messages(String consultationId) {
        return jdbc.sql("SELECT * FROM consultation_messages WHERE consultation_id = ? ORDER BY created_at, id")
                .param(consultationId)
                .query((rs, n) -> new StoredMessage(rs.getString("id"), rs.getString("author_id"),
                        rs.getBoolean("from_staff"), rs.getString("body"), rs.getString("material_id"),
                        time(rs, "created_at")))
                .list();
    }

    /** After a message: who wrote last, when, and whether that opened the conversation again. */
    void afterMessage(String id, String lastFrom, Instant at) {
        jdbc.sql("UPDATE consultations SET last_from = ?, updated_at = ?, status = 'OPEN', closed_at = NULL WHERE id = ?")
                .params(lastFrom, DbTime.of(at), id).update();
    }

    void assign(String id, String staffId) {
        jdbc.sql("UPDATE consultations SET assignee_id = ? WHERE id = ?").params(staffId, id).update();
    }

    void close(String id, Instant at) {
        jdbc.sql("UPDATE consultations SET status = 'CLOSED', closed_at = ?, updated_at = ? WHERE id = ?")
                .params(DbTime.of(at), DbTime.of(at), id).update();
    }

    // Canned replies -------------------------------------------------------------------------------------------

    List<CannedReply> cannedReplies() {
        return jdbc.sql("SELECT * FROM canned_replies ORDER BY title, id").query(ConsultationRepository::canned).list();
    }

    Optional<CannedReply> cannedReply(String id) {
        return jdbc.sql("SELECT * FROM canned_replies WHERE id = ?").param(id).query(ConsultationRepository::canned)
                .optional();
    }

    void putCannedReply(CannedReply reply, String staffId, boolean create) {
        String sql = create
                ? "INSERT INTO canned_replies (title, body, updated_by, updated_at, id) VALUES (?, ?, ?, ?, ?)"
                : "UPDATE canned_replies SET title = ?, body = ?, updated_by = ?, updated_at = ? WHERE id = ?";
        jdbc.sql(sql).params(reply.title(), reply.text(), staffId, DbTime.of(reply.updatedAt()), reply.id()).update();
    }

    boolean deleteCannedReply(String id) {
        return jdbc.sql("DELETE FROM canned_replies WHERE id = ?").param(id).update() == 1;
    }

    private static Stored row(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getString("id"), rs.getString("asker_id"), rs.getString("visitor_email"),
                rs.getString("subject"), Consultation.Status.valueOf(rs.getString("status")),
                rs.getString("assignee_id"), rs.getString("last_from"), time(rs, "created_at"), time(rs, "updated_at"));
    }

    private static CannedReply canned(ResultSet rs, int n) throws SQLException {
        return new CannedReply(rs.getString("id"), rs.getString("title"), rs.getString("body"), time(rs, "updated_at"));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        return DbTime.toInstant(rs.getObject(column, OffsetDateTime.class));
    }
}
