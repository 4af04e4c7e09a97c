package org.scriptorium.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs one Flyway migration script by itself, for tests of one table on an in-memory database. */
public final class Migration {

    private Migration() {
    }

    /** Runs {@code db/migration/<file>} statement by statement (its comments are whole lines). */
    public static void run(JdbcClient jdbc, String file) {
        try (InputStream in = Migration.class.getResourceAsStream("/db/migration/" + file)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    jdbc.sql(statement).update();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
