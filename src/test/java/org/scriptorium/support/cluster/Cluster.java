package org.scriptorium.support.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.scriptorium.bench.cluster.AppNode;
import org.scriptorium.bench.cluster.LocalCluster;
import org.scriptorium.support.Api;

/**
 * Several app nodes behind HAProxy for one test class ({@code @RegisterExtension static Cluster cluster = …}): each
 * node a process of its own ({@link LocalCluster}), all on the PostgreSQL server of the build's PostgreSQL execution
 * ({@code scriptorium.test.pg.*}, as {@code support.IntegrationTest} reads them) in a schema made for this class
 * alone and dropped after it, so the other tests sharing the database see nothing of it. Skipped on H2 (one node
 * only). Logs and the proxy's configuration are kept under {@code target/cluster/<run>/}; when a test fails, the end of
 * every node's log is printed.
 */
public final class Cluster implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final int size;
    private final Consumer<LocalCluster.Builder> setUp;
    private final String schema = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private LocalCluster running;

    /**
     * @param size  how many nodes
     * @param setUp node arguments beyond the database, ports, data directories and addresses the cluster gives
     */
    public Cluster(int size, Consumer<LocalCluster.Builder> setUp) {
        this.size = size;
        this.setUp = setUp;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue("postgresql".equals(System.getProperty("scriptorium.test.db")),
                "several nodes need PostgreSQL: runs in the build's PostgreSQL execution only");
        try (Connection c = connect(baseUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        Path work = Files.createDirectories(Path.of("target", "cluster", schema)).toAbsolutePath();
        LocalCluster.Builder builder = LocalCluster.builder(work).nodes(size)
                .database(schemaUrl(), user(), password(), schema)
                // Quick to start, small: three of them share two cores with the build.
                .jvm("-XX:TieredStopAtLevel=1", "-Xmx384m", "-Xss512k")
                .args("--scriptorium.demo.enabled=false",
                        "--scriptorium.admin.email=" + Api.ADMIN_EMAIL,
                        "--scriptorium.admin.password=" + Api.ADMIN_PASSWORD,
                        "--logging.level.root=WARN",
                        "--logging.level.org.scriptorium=INFO");
        setUp.accept(builder);
        running = builder.start();
        System.out.println("[cluster] " + size + " nodes ready (" + running.startTimes() + "), proxy at "
                + running.proxy().url() + ", logs under " + work);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (running != null) {
            running.close();
            running = null;
            try (Connection c = connect(baseUrl()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (running != null) {
            System.out.println("[cluster] " + context.getDisplayName() + " failed; the nodes' logs:\n" + running.logs(80));
        }
    }

    /** A client of the API through the proxy. */
    public Api proxy() {
        return Api.at(running.proxy().url());
    }

    /** The proxy's port. */
    public int proxyPort() {
        return running.proxy().port();
    }

    /** Node {@code n} (from 1). */
    public AppNode node(int n) {
        return running.node(n);
    }

    /** A client of the API on node {@code n} itself, not through the proxy. */
    public Api direct(int n) {
        return Api.at(running.node(n).url());
    }

    /** A connection to the cluster's schema, for looking at what the nodes wrote. */
    public Connection database() throws SQLException {
        return connect(schemaUrl());
    }

    private String schemaUrl() {
        String url = baseUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String baseUrl() {
        return System.getProperty("scriptorium.test.pg.url", "jdbc:postgresql://127.0.0.1:54329/scriptorium_test");
    }

    private static String user() {
        return Optional.ofNullable(System.getProperty("scriptorium.test.pg.user")).orElse("scriptorium");
    }

    private static String password() {
        return Optional.ofNullable(System.getProperty("scriptorium.test.pg.password")).orElse("scriptorium");
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }
}
