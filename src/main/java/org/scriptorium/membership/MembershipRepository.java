package org.scriptorium.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MembershipRepository {

    /** A stored term with the plan it came from. */
    record StoredTerm(String id, String planId, String planName, MembershipTerm term) {
    }

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPlan(Plan plan) {
        jdbc.sql("INSERT INTO plans (id, name, duration_days, back_catalog_days, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(plan.id(), plan.name(), plan.durationDays(), plan.backCatalogDays(), DbTime.of(plan.createdAt()))
                .update();
    }

    List<Plan> plans() {
        return jdbc.sql("SELECT * FROM plans ORDER BY created_at").query(MembershipRepository::plan).list();
    }

    Optional<Plan> plan(String id) {
        return jdbc.sql("SELECT * FROM plans WHERE id = ?").param(id).query(MembershipRepository::plan).optional();
    }

    void insertBatch(String id, String planId, int count, String createdBy, Instant at) {
        jdbc.sql("INSERT INTO code_batches (id, plan_id, code_count, created_by, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, planId, count, createdBy, DbTime.of(at)).update();
    }

    void insertCode(String code, String planId, String batchId, Instant at) {
        jdbc.sql("INSERT INTO activation_codes (code, plan_id, batch_id, created_at) VALUES (?, ?, ?, ?)")
                .params(code, planId, batchId, DbTime.of(at)).update();
    }

    List<CodeBatch> batches() {
        return jdbc.sql("""
                SELECT b.id, b.plan_id, p.name, b.code_count, b.created_at,
                       (SELECT COUNT(*) FROM activation_codes c WHERE c.batch_id = b.id AND c.redeemed_by IS NOT NULL) AS redeemed
                FROM code_batches b JOIN plans p ON p.id = b.plan_id
                ORDER BY b.created_at DESC""")
                .query((rs, n) -> new CodeBatch(rs.getString("id"), rs.getString("plan_id"), rs.getString("name"),
                        rs.getInt("code_count"), rs.getInt("redeemed"),
                        DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
    }

    List<String> codesOfBatch(String batchId) {
        return jdbc.sql("SELECT code FROM activation_codes WHERE batch_id = ? ORDER BY code").param(batchId)
                .query(String.class).list();
    }

    /** The plan of an unused code, if the code exists and has not been redeemed. */
    Optional<String> planOfCode(String code) {
        return jdbc.sql("SELECT plan_id FROM activation_codes WHERE code = ?").param(code).query(String.class).optional();
    }

    /** Marks a code redeemed; false when somebody redeemed it first. */
    boolean markRedeemed(String code, String userId, Instant at) {
        return jdbc.sql("UPDATE activation_codes SET redeemed_by = ?, redeemed_at = ? WHERE code = ? AND redeemed_by IS NULL")
                .params(userId, DbTime.of(at), code).update() == 1;
    }

    void insertTerm(String id, String userId, String planId, MembershipTerm term, String source, String code,
                    String grantedBy, Instant at) {
        jdbc.sql("""
                INSERT INTO memberships (id, user_id, plan_id, starts_at, ends_at, back_catalog_days, source, code, granted_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, userId, planId, DbTime.of(term.startsAt()), DbTime.of(term.endsAt()),
                        (int) term.backCatalog().toDays(), source, code, grantedBy, DbTime.of(at))
                .update();
    }

    List<StoredTerm> terms(String userId) {
        return jdbc.sql("""
                SELECT m.*, p.name AS plan_name FROM memberships m JOIN plans p ON p.id = m.plan_id
                WHERE m.user_id = ? AND m.revoked_at IS NULL ORDER BY m.starts_at""")
                .param(userId)
                .query((rs, n) -> new StoredTerm(rs.getString("id"), rs.getString("plan_id"), rs.getString("plan_name"), term(rs)))
                .list();
    }

    /** Ends every term of the user at {@code now}: running terms are cut short, future ones withdrawn. */
    void revokeFrom(String userId, Instant now) {
        jdbc.sql("UPDATE memberships SET revoked_at = ? WHERE user_id = ? AND starts_at >= ? AND revoked_at IS NULL")
                .params(DbTime.of(now), userId, DbTime.of(now)).update();
        jdbc.sql("UPDATE memberships SET ends_at = ? WHERE user_id = ? AND starts_at < ? AND ends_at > ? AND revoked_at IS NULL")
                .params(DbTime.of(now), userId, DbTime.of(now), DbTime.of(now)).update();
    }

    private static MembershipTerm term(ResultSet rs) throws SQLException {
        return new MembershipTerm(
                DbTime.toInstant(rs.getObject("starts_at", OffsetDateTime.class)),
                DbTime.toInstant(rs.getObject("ends_at", OffsetDateTime.class)),
                Duration.ofDays(rs.getInt("back_catalog_days")));
    }

    private static Plan plan(ResultSet rs, int row) throws SQLException {
        return new Plan(rs.getString("id"), rs.getString("name"), rs.getInt("duration_days"),
                rs.getInt("back_catalog_days"), DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)));
    }
}
