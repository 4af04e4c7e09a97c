package org.scriptorium.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One real OpenSearch 3.8 node inside the test JVM (no Docker, no separate process), started on first use and shared
 * by every test of the JVM, shut down and deleted at JVM exit. Its data lives under a temporary directory; it answers
 * HTTP on a free port of 127.0.0.1 (see {@link #url()}). Tests that share it keep apart by index names (the search
 * adapter's index prefix).
 *
 * <p>Only the modules a search needs are loaded (analysis-common for the CJK analyzers, mapper-extras, reindex for
 * delete-by-query, Netty for HTTP), which keeps the start to a few seconds. OpenSearch logs through log4j2's API, which Spring Boot's
 * log4j-to-slf4j hands to logback; the node's own log4j configuration is not applied.
 */
public final class OpenSearchNode {

    private static final String MODULES = String.join(",",
            "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
            "org.opensearch.index.mapper.MapperExtrasModulePlugin",
            "org.opensearch.index.reindex.ReindexModulePlugin",
            "org.opensearch.transport.Netty4ModulePlugin");

    private static volatile String url;

    private OpenSearchNode() {
    }

    /**
     * Starts a node and keeps it until the process is stopped, for the search benchmark
     * ({@code bench-search --bench.opensearch=URL}, see docs/BENCHMARKS.md): prints its URL.
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("OpenSearch node at " + url());
        Thread.currentThread().join();
    }

    /** The base URL of the node ({@code http://127.0.0.1:port}), starting it on the first call. */
    public static String url() {
        String u = url;
        if (u == null) {
            synchronized (OpenSearchNode.class) {
                u = url;
                if (u == null) {
                    u = start();
                    url = u;
                }
            }
        }
        return u;
    }

    private static String start() {
        try {
            // Netty's processor count is set once per JVM; another library in the test JVM may have set it already
            System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
            Path home = Files.createTempDirectory("scriptorium-opensearch");
            int httpPort = freePort();
            int transportPort = freePort();
            OpenSearchRunner runner = new OpenSearchRunner();
            runner.onBuild((number, settings) -> settings
                    .put("http.port", httpPort)
                    .put("transport.port", transportPort)
                    .put("network.host", "127.0.0.1")
                    // the shared test machine's disk may be fuller than OpenSearch's default watermarks allow
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .put("action.auto_create_index", false)
                    // The node shares the test JVM's heap with every cached application context: its parent breaker
                    // must count its own requests, not the whole heap (it refused bulk writes with 429 in the full run).
                    .put("indices.breaker.total.use_real_memory", false)
                    .put("node.processors", 2));
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(home.toString())
                    .numOfNode(1)
                    .clusterName("scriptorium-test-" + ProcessHandle.current().pid())
                    .disableESLogger()
                    .moduleTypes(MODULES));
            runner.ensureYellow();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                try {
                    runner.close();
                } catch (IOException | RuntimeException e) {
                    // the JVM is exiting: nothing to tell
                }
                deleteQuietly(home);
            }));
            return "http://127.0.0.1:" + httpPort;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary directory left behind
        }
    }
}
