package org.scriptorium.tracing;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The secret every mark derives from. Made once, at the first start, and kept in the database so that every node
 * of a cluster marks and traces alike. Whoever holds it can forge or predict marks: back it up like a password.
 */
@Component
public class MarkKey {

    private static final String NAME = "mark_key";

    private final Prf prf;

    MarkKey(JdbcClient jdbc, Clock clock) {
        this.prf = new Prf(Base64.getDecoder().decode(load(jdbc, clock)));
    }

    /** The keyed function all mark layers use. */
    public Prf prf() {
        return prf;
    }

    private static String load(JdbcClient jdbc, Clock clock) {
        Optional<String> existing = read(jdbc);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            jdbc.sql("INSERT INTO secrets (name, secret, created_at) VALUES (?, ?, ?)")
                    .params(NAME, Base64.getEncoder().encodeToString(key), DbTime.of(clock.instant())).update();
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // Use the key that node made.
        }
        return read(jdbc).orElseThrow();
    }

    private static Optional<String> read(JdbcClient jdbc) {
        return jdbc.sql("SELECT secret FROM secrets WHERE name = ?").param(NAME).query(String.class).optional();
    }
}
