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

    /** The account's session revocation; empty when there is no such account. */
    Optional<SessionRevocation> sessionRevocation(String id) {
        return jdbc.sql("SELECT sessions_revoked_at FROM users WHERE id = ?").param(id)
                .query((rs, n) -> new SessionRevocation(DbTime.toInstant(rs.getObject(1, OffsetDateTime.class))))
                .optional();
    }

    void insertToken(String tokenHash, String userId, Instant createdAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(tokenHash, userId, DbTime.of(createdAt), DbTime.of(expiresAt)).update();
    }

    Optional<String> userIdForToken(String tokenHash, Instant now) {
        return jdbc.sql("SELECT user_id FROM api_tokens WHERE token_hash = ? AND expires_at > ?")
                .params(tokenHash, DbTime.of(now)).query(String.class).optional();
    }

    void deleteTokens(String userId) {
        jdbc.sql("DELETE FROM api_tokens WHERE user_id = ?").param(userId).update();
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
