package org.scriptorium.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole application on a random port against a real database: embedded H2 by
 * default, or the PostgreSQL server named by {@code -Dscriptorium.test.db=postgresql} (the build's second
 * Surefire run), each test JVM in a schema of its own.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("scriptorium.data-dir", IntegrationTest::tempDir);
        registry.add("scriptorium.demo.enabled", () -> "false");
        registry.add("scriptorium.admin.email", () -> Api.ADMIN_EMAIL);
        registry.add("scriptorium.admin.password", () -> Api.ADMIN_PASSWORD);
        // The test contexts share one database but not their data directories: no context's look may take up
        // another's batch import (ImportLeaseTest calls the look itself).
        registry.add("scriptorium.import.batch.poll", () -> "1h");
        if ("postgresql".equals(System.getProperty("scriptorium.test.db"))) {
            String schema = "test_" + RUN;
            String url = System.getProperty("scriptorium.test.pg.url", "jdbc:postgresql://127.0.0.1:54329/scriptorium_test");
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            registry.add("spring.datasource.username", () -> System.getProperty("scriptorium.test.pg.user", "scriptorium"));
            registry.add("spring.datasource.password", () -> System.getProperty("scriptorium.test.pg.password", "scriptorium"));
            registry.add("spring.flyway.schemas", () -> schema);
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + RUN + ";DB_CLOSE_DELAY=-1");
        }
    }

    /** A client for this application's HTTP API. */
    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("scriptorium-test").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
