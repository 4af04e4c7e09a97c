package org.scriptorium.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code account_links} table and the verified mark on {@code users}. */
@Repository
class OneTimeLinks {

    private final JdbcClient jdbc;

    OneTimeLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(OneTimeLink link) {
        jdbc.sql("""
                        INSERT INTO account_links (token_hash, user_id, purpose, email, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(link.tokenHash(), link.userId(), link.purpose().name(), link.email(),
                        DbTime.of(link.createdAt()), DbTime.of(link.expiresAt()))
                .update();
    }

    /** The link with this token hash, its row locked until the transaction ends (two clicks at once queue up). */
    Optional<OneTimeLink> lockByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM account_links WHERE token_hash = ? FOR UPDATE").param(tokenHash)
                .query((rs, n) -> new OneTimeLink(rs.getString("token_hash"), rs.getString("user_id"),
                        OneTimeLink.Purpose.valueOf(rs.getString("purpose")), rs.getString("email"),
                        DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                        DbTime.toInstant(rs.getObject("expires_at", OffsetDateTime.class)),
                        DbTime.toInstant(rs.getObject("used_at", OffsetDateTime.class))))
                .optional();
    }

    /** Ends every unused link of the account for {@code purpose}: only the newest letter's link, or none, works. */
    void endUnused(String userId, OneTimeLink.Purpose purpose, Instant at) {
        jdbc.sql("UPDATE account_links SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
                .params(DbTime.of(at), userId, purpose.name()).update();
    }

    /** Drops links that ended more than a day before {@code now}: they can only answer "invalid" anyway. */
    void pruneEnded(Instant before) {
        jdbc.sql("DELETE FROM account_links WHERE expires_at < ?").param(DbTime.of(before)).update();
    }

    boolean emailVerified(String userId) {
        return jdbc.sql("SELECT email_verified_at FROM users WHERE id = ?").param(userId)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class) != null).optional().orElse(false);
    }

    /** Marks the address verified, if it is still the account's address. */
    void markVerified(String userId, String email, Instant at) {
        jdbc.sql("UPDATE users SET email_verified_at = ? WHERE id = ? AND email = ? AND email_verified_at IS NULL")
                .params(DbTime.of(at), userId, email).update();
    }
}
