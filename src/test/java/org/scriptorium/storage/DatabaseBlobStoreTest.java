package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The {@code blobs} table as the V11_2 migration makes it: on H2 in the default run, and on PostgreSQL (a schema of
 * its own) in the PostgreSQL run, hence the tag.
 */
@Tag("integration")
@DisplayName("Blobs in the database (scriptorium.blobs.store=database)")
class DatabaseBlobStoreTest extends BlobStoreContract {

    private static DriverManagerDataSource dataSource;
    private static String schema;

    @BeforeAll
    static void database() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if ("postgresql".equals(System.getProperty("scriptorium.test.db"))) {
            String url = System.getProperty("scriptorium.test.pg.url", "jdbc:postgresql://127.0.0.1:54329/scriptorium_test");
            String user = System.getProperty("scriptorium.test.pg.user", "scriptorium");
            String password = System.getProperty("scriptorium.test.pg.password", "scriptorium");
            schema = "blobs_" + run;
            execute(new DriverManagerDataSource(url, user, password), "CREATE SCHEMA " + schema);
            dataSource = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    user, password);
        } else {
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:blobs_" + run + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        execute(dataSource, migration());
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            execute(dataSource, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    BlobStorage storage() {
        return new DatabaseBlobStorage(dataSource, Clock.systemUTC());
    }

    @Test
    @DisplayName("is shared by every node on the database")
    void shared() {
        assertThat(storage.sharedByNodes()).isTrue();
        assertThat(new DatabaseBlobStorage(dataSource, Clock.systemUTC()).namespace("evidence").get(
                storage.namespace("evidence").put(new byte[] {7}))).as("read through another instance").isPresent();
    }

    static DataSource dataSource() {
        return dataSource;
    }

    private static String migration() {
        try (var in = DatabaseBlobStoreTest.class.getResourceAsStream("/db/migration/V11_2__blobs.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(DataSource target, String sql) throws SQLException {
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }
}
