package org.scriptorium.common;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keys kept in the {@code secrets} table: made once, at the first start, so that every node of a cluster uses the
 * same one. Whoever holds a key can forge what it signs: back the table up like a password.
 */
public final class Secrets {

    private Secrets() {
    }

    /** The 32-byte key called {@code name}, made now if no node has made it yet. */
    public static byte[] loadOrCreate(JdbcClient jdbc, Clock clock, String name) {
        Optional<String> existing = read(jdbc, name);
        if (existing.isPresent()) {
            return Base64.getDecoder().decode(existing.get());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            jdbc.sql("INSERT INTO secrets (name, secret, created_at) VALUES (?, ?, ?)")
                    .params(name, Base64.getEncoder().encodeToString(key), DbTime.of(clock.instant())).update();
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // Use the key that node made.
        }
        return Base64.getDecoder().decode(read(jdbc, name).orElseThrow());
    }

    private static Optional<String> read(JdbcClient jdbc, String name) {
        return jdbc.sql("SELECT secret FROM secrets WHERE name = ?").param(name).query(String.class).optional();
    }
}
