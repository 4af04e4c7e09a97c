package org.scriptorium.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next member number; the counter row stays locked until the caller's transaction ends. */
    long nextMemberNumber() {
        jdbc.sql("UPDATE counters SET next_value = next_value + 1 WHERE name = 'member_number'").update();
        return jdbc.sql("SELECT next_value FROM counters WHERE name = 'member_number'").query(Long.class).single();
    }

    /** Locks the user's row until the transaction ends; false when there is no such user. */
    boolean lockForUpdate(String id) {
        return jdbc.sql("SELECT id FROM users WHERE id = ? FOR UPDATE").param(id).query(String.class).optional().isPresent();
    }

    List<String> idsWithoutMemberNumber() {
        return jdbc.sql("SELECT id FROM users WHERE member_number IS NULL ORDER BY created_at").query(String.class).list();
    }

    void setMemberNumber(String id, long number) {
        jdbc.sql("UPDATE users SET member_number = ? WHERE id = ?").params(number, id).update();
    }

    Optional<Account> findByMemberNumber(long number) {
        return jdbc.sql("SELECT * FROM users WHERE member_number = ?").param(number).query(AccountRepository::map).optional();
    }

    void insert(Account account, String passwordHash) {
        jdbc.sql("""
                INSERT INTO users (id, email, password_hash, display_name, roles, created_at, member_number)
                VALUES (:id, :email, :hash, :name, :roles, :created, :number)""")
                .param("id", account.id())
                .param("email", account.email())
                .param("hash", passwordHash)
                .param("name", account.displayName())
                .param("roles", rolesText(account.roles()))
                .param("created", DbTime.of(account.createdAt()))
                .param("number", account.memberNumber())
                .update();
    }

    Optional<Account> findById(String id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(AccountRepository::map).optional();
    }

    Optional<Account> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM users WHERE email = ?").param(email).query(AccountRepository::map).optional();
    }

    Optional<String> passwordHash(String email) {
        return jdbc.sql("SELECT password_hash FROM users WHERE email = ?").param(email).query(String.class).optional();
    }

    void updatePasswordHash(String id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
    }

    List<Account> list(String emailLike, int limit) {
        return jdbc.sql("SELECT * FROM users WHERE LOWER(email) LIKE :q OR LOWER(display_name) LIKE :q ORDER BY created_at DESC LIMIT :limit")
                .param("q", "%" + emailLike.toLowerCase() + "%")
                .param("limit", limit)
                .query(AccountRepository::map)
                .list();
    }

    /** Administrators in good standing (not suspended). */
    long activeAdministrators() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE roles LIKE '%ADMIN%' AND suspended_at IS NULL")
                .query(Long.class).single();
    }

    /**
     * Locks the account's row and every administrator's until the transaction ends: two changes of standing queue
     * up, so two administrators demoting each other at once cannot leave none.
     */
    void lockForStandingChange(String id) {
        jdbc.sql("SELECT id FROM users WHERE id = ? OR roles LIKE '%ADMIN%' FOR UPDATE").param(id).query(String.class).list();
    }

    // Issue 16, consultation: the staff a conversation may be assigned to.
    /** Accounts with a staff role that are not suspended, by name. */
    List<Account> staff() {
        return jdbc.sql("""
                SELECT * FROM users WHERE (roles LIKE '%EDITOR%' OR roles LIKE '%ADMIN%') AND suspended_at IS NULL
                ORDER BY display_name, id""").query(AccountRepository::map).list();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE roles LIKE ?").param("%" + role.name() + "%")
                .query(Long.class).single() > 0;
    }

    void updateRoles(String id, Set<Role> roles) {
        jdbc.sql("UPDATE users SET roles = ? WHERE id = ?").params(rolesText(roles), id).update();
    }

    void updateSuspension(String id, Instant suspendedAt, String reason) {
        jdbc.sql("UPDATE users SET suspended_at = ?, suspended_reason = ? WHERE id = ?")
                .params(DbTime.of(suspendedAt), reason, id).update();
    }

    void revokeSessions(String id, Instant at) {
        jdbc.sql("UPDATE users SET sessions_revoked_at = ? WHERE id = ?").params(DbTime.of(at), id).update();
    }

    /** When an account's browser sessions were last revoked: {@code at} is null if never. */
    record SessionRevocation(Instant at) {
    }

    /** An account as it is now, with when its sessions were last revoked (null if never). */
    record Current(Account account, Instant sessionsRevokedAt) {
    }

    /** The account and its session revocation in one read: what every signed-in request checks. */
    Optional<Current> current(String id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id)
                .query((rs, n) -> new Current(map(rs, n),
                        DbTime.toInstant(rs.getObject("sessions_revoked_at", OffsetDateTime.class))))
                .optional();
    }

    List<SessionsEnded> sessionsEndedSince(Instant since) {
        return jdbc.sql("SELECT id, sessions_revoked_at FROM users WHERE sessions_revoked_at > ?")
                .param(DbTime.of(since))
                .query((rs, n) -> new SessionsEnded(rs.getString(1),
                        DbTime.toInstant(rs.getObject(2, OffsetDateTime.class))))
                .list();
    }

    /** The account's session revocation; empty when there is no such account. */
    Optional<SessionRevocation> sessionRevocation(String id) {
        return jdbc.sql("SELECT sessions_revoked_at FROM users WHERE id = ?").param(id)
                .query((rs, n) -> new SessionRevocation(DbTime.toInstant(rs.getObject(1, OffsetDateTime.class))))
                .optional();
    }

    void insertToken(String id, String tokenHash, String userId, Instant createdAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO api_tokens (id, token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, tokenHash, userId, DbTime.of(createdAt), DbTime.of(expiresAt)).update();
    }

    /** An unexpired token as the bearer filter needs it. */
    record TokenHolder(String tokenId, String userId, Instant lastUsedAt) {
    }

    Optional<TokenHolder> tokenHolder(String tokenHash, Instant now) {
        return jdbc.sql("SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND expires_at > ?")
                .params(tokenHash, DbTime.of(now))
                .query((rs, n) -> new TokenHolder(rs.getString("id"), rs.getString("user_id"),
                        DbTime.toInstant(rs.getObject("last_used_at", OffsetDateTime.class))))
                .optional();
    }

    void touchToken(String tokenId, Instant at) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").params(DbTime.of(at), tokenId).update();
    }

    /** The account's unexpired tokens, newest first. */
    List<Accounts.TokenInfo> tokens(String userId, Instant now) {
        return jdbc.sql("""
                        SELECT id, created_at, expires_at, last_used_at FROM api_tokens
                        WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, id""")
                .params(userId, DbTime.of(now))
                .query((rs, n) -> new Accounts.TokenInfo(rs.getString("id"),
                        DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                        DbTime.toInstant(rs.getObject("expires_at", OffsetDateTime.class)),
                        DbTime.toInstant(rs.getObject("last_used_at", OffsetDateTime.class))))
                .list();
    }

    /** Deletes one of the account's tokens; false when it has no token with that id. */
    boolean deleteToken(String userId, String tokenId) {
        return jdbc.sql("DELETE FROM api_tokens WHERE user_id = ? AND id = ?").params(userId, tokenId).update() > 0;
    }

    /** Deletes every token of the account but {@code keepId} (null: all of them). */
    void deleteTokens(String userId, String keepId) {
        if (keepId == null) {
            jdbc.sql("DELETE FROM api_tokens WHERE user_id = ?").param(userId).update();
        } else {
            jdbc.sql("DELETE FROM api_tokens WHERE user_id = ? AND id <> ?").params(userId, keepId).update();
        }
    }

    private static String rolesText(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(",")).filter(s -> !s.isBlank()).map(Role::valueOf).forEach(roles::add);
        return new Account(
                rs.getString("id"),
                rs.getString("email"),
                rs.getString("display_name"),
                roles,
                DbTime.toInstant(rs.getObject("suspended_at", OffsetDateTime.class)),
                rs.getString("suspended_reason"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                rs.getLong("member_number"));
    }
}
