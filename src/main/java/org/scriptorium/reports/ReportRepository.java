package org.scriptorium.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cases, their evidence files, the accounts they named, their decisions; and the notices that tell people. */
@Repository
class ReportRepository {

    /** A case row as stored; ids stand where the public {@link Report} has people. */
    record Stored(String id, ReportKind kind, String reporterId, String subjectId, String where, String statement,
                  String evidenceText, String signalKey, String signalDetail, String traceVerdict, String traceJson,
                  String traceNote, ReportStatus status, Outcome outcome, String decisionReason, String decidedBy,
                  Instant decidedAt, String rewardPlanId, Instant rewardEndsAt, Instant filedAt) {
    }

    /** An evidence file row, with the key of its bytes in the blob store. */
    record StoredFile(Report.EvidenceFile file, String blobKey) {
    }

    /** A decision row; the actor is an id. */
    record StoredDecision(Decision.Action action, String actorId, String reason, String detail, Instant at) {
    }

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Stored r) {
        jdbc.sql("""
                INSERT INTO reports (id, kind, reporter_id, subject_id, seen_where, statement, evidence_text, signal_key,
                    signal_detail, trace_verdict, trace_result, trace_note, status, filed_at)
                VALUES (:id, :kind, :reporter, :subject, :seenWhere, :statement, :text, :signalKey, :signalDetail,
                    :verdict, :trace, :note, :status, :filed)""")
                .param("id", r.id())
                .param("kind", r.kind().name())
                .param("reporter", r.reporterId())
                .param("subject", r.subjectId())
                .param("seenWhere", r.where())
                .param("statement", r.statement())
                .param("text", r.evidenceText())
                .param("signalKey", r.signalKey())
                .param("signalDetail", r.signalDetail())
                .param("verdict", r.traceVerdict())
                .param("trace", r.traceJson())
                .param("note", r.traceNote())
                .param("status", r.status().name())
                .param("filed", DbTime.of(r.filedAt()))
                .update();
    }

    void insertFile(String reportId, int order, String fileId, EvidenceRules.Accepted file, String sha256, String blobKey) {
        jdbc.sql("""
                INSERT INTO report_files (id, report_id, file_order, file_name, media_type, size_bytes, sha256, blob_key, traced)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(fileId, reportId, order, file.name(), file.mediaType(), (long) file.content().length, sha256,
                        blobKey, file.traced())
                .update();
    }

    /** Every blob key a report file names: what the evidence store must keep. */
    Set<String> blobKeys() {
        return new HashSet<>(jdbc.sql("SELECT blob_key FROM report_files").query(String.class).list());
    }

    Optional<Stored> find(String id) {
        return jdbc.sql("SELECT * FROM reports WHERE id = ?").param(id).query(ReportRepository::map).optional();
    }

    /** Cases newest first, filtered by status and kind (null for any). */
    List<Stored> list(ReportStatus status, ReportKind kind, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            where.add("status = :status");
            params.put("status", status.name());
        }
        if (kind != null) {
            where.add("kind = :kind");
            params.put("kind", kind.name());
        }
        return jdbc.sql("SELECT * FROM reports" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY filed_at DESC, id LIMIT :limit")
                .params(params)
                .param("limit", limit)
                .query(ReportRepository::map)
                .list();
    }

    /** How many cases stand in each status. */
    Map<ReportStatus, Long> countByStatus() {
        Map<ReportStatus, Long> counts = new LinkedHashMap<>();
        for (ReportStatus s : ReportStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM reports GROUP BY status")
                .query((rs, n) -> Map.entry(ReportStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    List<Stored> byReporter(String reporterId) {
        return jdbc.sql("SELECT * FROM reports WHERE reporter_id = ? ORDER BY filed_at DESC, id")
                .param(reporterId).query(ReportRepository::map).list();
    }

    List<Instant> filedSince(String reporterId, Instant since) {
        return jdbc.sql("SELECT filed_at FROM reports WHERE reporter_id = ? AND filed_at > ?")
                .params(reporterId, DbTime.of(since))
                .query((rs, n) -> DbTime.toInstant(rs.getObject(1, OffsetDateTime.class)))
                .list();
    }

    boolean signalExists(String signalKey) {
        return jdbc.sql("SELECT COUNT(*) FROM reports WHERE signal_key = ?").param(signalKey).query(Long.class).single() > 0;
    }

    List<StoredFile> files(String reportId) {
        return jdbc.sql("SELECT * FROM report_files WHERE report_id = ? ORDER BY file_order").param(reportId)
                .query((rs, n) -> new StoredFile(new Report.EvidenceFile(rs.getString("id"), rs.getString("file_name"),
                        rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                        rs.getBoolean("traced")), rs.getString("blob_key")))
                .list();
    }

    /**
     * Records a decision on a case still pending.
     *
     * @return false when the case was no longer pending (someone decided it first), and nothing was changed
     */
    boolean decide(String id, ReportStatus status, Outcome outcome, String reason, String decidedBy, Instant at) {
        return jdbc.sql("""
                UPDATE reports SET status = ?, outcome = ?, decision_reason = ?, decided_by = ?, decided_at = ?
                WHERE id = ? AND status = 'PENDING'""")
                .params(status.name(), outcome == null ? null : outcome.name(), reason, decidedBy, DbTime.of(at), id)
                .update() == 1;
    }

    void setReward(String id, String planId, Instant endsAt) {
        jdbc.sql("UPDATE reports SET reward_plan_id = ?, reward_ends_at = ? WHERE id = ?")
                .params(planId, DbTime.of(endsAt), id).update();
    }

    void name(String reportId, String userId) {
        jdbc.sql("INSERT INTO report_accounts (report_id, user_id) VALUES (?, ?)").params(reportId, userId).update();
    }

    List<String> named(String reportId) {
        return jdbc.sql("SELECT user_id FROM report_accounts WHERE report_id = ? ORDER BY user_id").param(reportId)
                .query(String.class).list();
    }

    /** Those of the given accounts that a rewarded case already named. */
    Set<String> rewardedAmong(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT a.user_id FROM report_accounts a JOIN reports r ON r.id = a.report_id
                WHERE r.outcome = 'REWARDED' AND a.user_id IN (:ids)""")
                .param("ids", userIds).query(String.class).list());
    }

    /**
     * Locks the rows of these accounts until the transaction ends, so two editors upholding cases that name the same
     * account one after the other see each other's reward (the second is then a repeat).
     */
    void lockAccounts(Collection<String> userIds) {
        jdbc.sql("SELECT id FROM users WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", userIds).query(String.class).list();
    }

    void insertDecision(String id, String reportId, Decision.Action action, String actorId, String reason, String detail,
                        Instant at) {
        jdbc.sql("""
                INSERT INTO report_decisions (id, report_id, action_code, actor_id, reason, detail, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, reportId, action.name(), actorId, reason, detail, DbTime.of(at)).update();
    }

    List<StoredDecision> decisions(String reportId) {
        return jdbc.sql("SELECT * FROM report_decisions WHERE report_id = ? ORDER BY decided_at, id").param(reportId)
                .query((rs, n) -> new StoredDecision(Decision.Action.valueOf(rs.getString("action_code")),
                        rs.getString("actor_id"), rs.getString("reason"), rs.getString("detail"),
                        DbTime.toInstant(rs.getObject("decided_at", OffsetDateTime.class))))
                .list();
    }

    void insertNotice(String id, String userId, String reportId, String title, String body, Instant at) {
        jdbc.sql("INSERT INTO notifications (id, user_id, report_id, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, userId, reportId, title, body, DbTime.of(at)).update();
    }

    List<Notice> notices(String userId, int limit) {
        return jdbc.sql("SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?")
                .params(userId, limit)
                .query((rs, n) -> new Notice(rs.getString("id"), rs.getString("report_id"), rs.getString("title"),
                        rs.getString("body"), DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                        DbTime.toInstant(rs.getObject("read_at", OffsetDateTime.class))))
                .list();
    }

    long unreadNotices(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL").param(userId)
                .query(Long.class).single();
    }

    void markNoticesRead(String userId, Instant at) {
        jdbc.sql("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
                .params(DbTime.of(at), userId).update();
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Stored(
                rs.getString("id"),
                ReportKind.valueOf(rs.getString("kind")),
                rs.getString("reporter_id"),
                rs.getString("subject_id"),
                rs.getString("seen_where"),
                rs.getString("statement"),
                rs.getString("evidence_text"),
                rs.getString("signal_key"),
                rs.getString("signal_detail"),
                rs.getString("trace_verdict"),
                rs.getString("trace_result"),
                rs.getString("trace_note"),
                ReportStatus.valueOf(rs.getString("status")),
                outcome == null ? null : Outcome.valueOf(outcome),
                rs.getString("decision_reason"),
                rs.getString("decided_by"),
                DbTime.toInstant(rs.getObject("decided_at", OffsetDateTime.class)),
                rs.getString("reward_plan_id"),
                DbTime.toInstant(rs.getObject("reward_ends_at", OffsetDateTime.class)),
                DbTime.toInstant(rs.getObject("filed_at", OffsetDateTime.class)));
    }
}
