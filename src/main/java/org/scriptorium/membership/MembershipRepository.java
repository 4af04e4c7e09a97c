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
        jdbc.sql("""
                INSERT INTO plans (id, name, duration_days, back_catalog_days, created_at, price, description, shop_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(plan.id(), plan.name(), plan.durationDays(), plan.backCatalogDays(), DbTime.of(plan.createdAt()),
                        plan.price(), plan.description(), plan.shopUrl())
                .update();
    }

    /** Replaces the plan's name and shop face. */
    void updatePlan(String id, String name, PlanListing listing) {
        jdbc.sql("UPDATE plans SET name = ?, price = ?, description = ?, shop_url = ? WHERE id = ?")
                .params(name, listing.price(), listing.description(), listing.shopUrl(), id).update();
    }

    /** Retires the plan; false when it was retired already (by somebody else first). */
    boolean retirePlan(String id, Instant at) {
        return jdbc.sql("UPDATE plans SET retired_at = ? WHERE id = ? AND retired_at IS NULL")
                .params(DbTime.of(at), id).update() == 1;
    }

    /** The plan's row, locked until the transaction ends: a batch is not generated for a plan being retired. */
    Optional<Plan> planForUpdate(String id) {
        return jdbc.sql("SELECT * FROM plans WHERE id = ? FOR UPDATE").param(id).query(MembershipRepository::plan).optional();
    }

    List<Plan> plans() {
        return jdbc.sql("SELECT * FROM plans ORDER BY created_at").query(MembershipRepository::plan).list();
    }

    Optional<Plan> plan(String id) {
        return jdbc.sql("SELECT * FROM plans WHERE id = ?").param(id).query(MembershipRepository::plan).optional();
    }

    void insertBatch(String id, String planId, int count, String channel, String createdBy, Instant at) {
        jdbc.sql("INSERT INTO code_batches (id, plan_id, code_count, channel, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, planId, count, channel, createdBy, DbTime.of(at)).update();
    }

    /** Voids the batch; false when it was voided already. */
    boolean voidBatch(String id, String voidedBy, Instant at) {
        return jdbc.sql("UPDATE code_batches SET voided_at = ?, voided_by = ? WHERE id = ? AND voided_at IS NULL")
                .params(DbTime.of(at), voidedBy, id).update() == 1;
    }

    void insertCode(String code, String planId, String batchId, Instant at) {
        jdbc.sql("INSERT INTO activation_codes (code, plan_id, batch_id, created_at) VALUES (?, ?, ?, ?)")
                .params(code, planId, batchId, DbTime.of(at)).update();
    }

    List<CodeBatch> batches() {
        return jdbc.sql(BATCHES + " ORDER BY b.created_at DESC").query(MembershipRepository::batch).list();
    }

    Optional<CodeBatch> batch(String id) {
        return jdbc.sql(BATCHES + " WHERE b.id = ?").param(id).query(MembershipRepository::batch).optional();
    }

    private static final String BATCHES = """
            SELECT b.id, b.plan_id, p.name, b.code_count, b.created_at, b.channel, b.voided_at,
                   (SELECT COUNT(*) FROM activation_codes c WHERE c.batch_id = b.id AND c.redeemed_by IS NOT NULL) AS redeemed
            FROM code_batches b JOIN plans p ON p.id = b.plan_id""";

    private static CodeBatch batch(ResultSet rs, int row) throws SQLException {
        return new CodeBatch(rs.getString("id"), rs.getString("plan_id"), rs.getString("name"),
                rs.getInt("code_count"), rs.getInt("redeemed"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)), rs.getString("channel"),
                DbTime.toInstant(rs.getObject("voided_at", OffsetDateTime.class)));
    }

    List<String> codesOfBatch(String batchId) {
        return jdbc.sql("SELECT code FROM activation_codes WHERE batch_id = ? ORDER BY code").param(batchId)
                .query(String.class).list();
    }

    /** A stored code: its plan, whether it was redeemed, and whether its batch is voided. */
    record StoredCode(String planId, boolean redeemed, boolean voided) {
    }

    /** The code, if it exists. */
    Optional<StoredCode> code(String code) {
        return jdbc.sql("""
                SELECT c.plan_id, c.redeemed_by, b.voided_at FROM activation_codes c JOIN code_batches b ON b.id = c.batch_id
                WHERE c.code = ?""").param(code)
                .query((rs, n) -> new StoredCode(rs.getString("plan_id"), rs.getString("redeemed_by") != null,
                        rs.getObject("voided_at") != null))
                .optional();
    }

    /** Marks a code redeemed; false when somebody redeemed it first or its batch was voided meanwhile. */
    boolean markRedeemed(String code, String userId, Instant at) {
        return jdbc.sql("""
                UPDATE activation_codes SET redeemed_by = ?, redeemed_at = ?
                WHERE code = ? AND redeemed_by IS NULL
                  AND batch_id IN (SELECT id FROM code_batches WHERE voided_at IS NULL)""")
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

    /** Users with a term ending in {@code (from, to]}: those a reminder may be due for. */
    List<String> usersWithTermsEnding(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT DISTINCT user_id FROM memberships WHERE ends_at > ? AND ends_at <= ? AND revoked_at IS NULL""")
                .params(DbTime.of(from), DbTime.of(to)).query(String.class).list();
    }

    /** The period ends the user has been told of. */
    List<Instant> noticedEnds(String userId) {
        return jdbc.sql("SELECT period_ends_at FROM membership_expiry_notices WHERE user_id = ?").param(userId)
                .query((rs, n) -> DbTime.toInstant(rs.getObject("period_ends_at", OffsetDateTime.class))).list();
    }

    /** Records the expiry notice of one period end; throws DuplicateKeyException when it was recorded before. */
    void recordExpiryNotice(String userId, Instant periodEndsAt, Instant at) {
        jdbc.sql("INSERT INTO membership_expiry_notices (user_id, period_ends_at, noticed_at) VALUES (?, ?, ?)")
                .params(userId, DbTime.of(periodEndsAt), DbTime.of(at)).update();
    }

    private static Plan plan(ResultSet rs, int row) throws SQLException {
        return new Plan(rs.getString("id"), rs.getString("name"), rs.getInt("duration_days"),
                rs.getInt("back_catalog_days"), DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                rs.getBigDecimal("price") == null ? null : PlanListing.plain(rs.getBigDecimal("price")), rs.getString("description"), rs.getString("shop_url"),
                DbTime.toInstant(rs.getObject("retired_at", OffsetDateTime.class)));
    }
}
