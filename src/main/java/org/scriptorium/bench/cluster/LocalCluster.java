package org.scriptorium.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several app nodes on one database behind HAProxy, each node a process of its own on this machine: for the
 * three-node test and the proxy benchmark. Node 1 starts first (it migrates the database and creates the first
 * administrator), the others together once it is ready, then the proxy. Each node gets a data directory, a free
 * main port and a free stream port; the site's public address and the stream address are the proxy's, so tickets and
 * redirects lead through it.
 *
 * <p>What differs between set-ups (search engine, blob store, sessions) is a matter of node arguments: {@link
 * Builder#args} for every node, {@link Builder#argsFor} for one; a later {@code --name=value} replaces an earlier one.
 */
public final class LocalCluster implements AutoCloseable {

    private final List<AppNode> nodes;
    private final HaProxy proxy;
    private Duration firstStart = Duration.ZERO;
    private Duration othersStart = Duration.ZERO;

    private LocalCluster(List<AppNode> nodes, HaProxy proxy) {
        this.nodes = nodes;
        this.proxy = proxy;
    }

    /** A cluster whose nodes keep their data and logs under {@code workDir}. */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** Node {@code n}, counted from 1. */
    public AppNode node(int n) {
        return nodes.get(n - 1);
    }

    public List<AppNode> nodes() {
        return nodes;
    }

    public HaProxy proxy() {
        return proxy;
    }

    /** How long node 1 took to be ready, then the others (started together). */
    public String startTimes() {
        return "node1 %.1f s, the other %d together %.1f s".formatted(firstStart.toMillis() / 1e3, nodes.size() - 1,
                othersStart.toMillis() / 1e3);
    }

    /** The end of every node's log and the proxy's configuration, for a failure report. */
    public String logs(int lines) {
        StringBuilder all = new StringBuilder();
        for (AppNode node : nodes) {
            all.append("==== ").append(node.name()).append(" (").append(node.log()).append(", last ").append(lines)
                    .append(" lines) ====\n").append(node.logTail(lines)).append('\n');
        }
        return all.append("==== haproxy: ").append(proxy.config()).append(" ====\n").toString();
    }

    /** Stops the proxy and every node still running (gracefully, killing what does not stop). */
    @Override
    public void close() {
        proxy.stop();
        try (ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            nodes.forEach(node -> stopping.submit(node::stop));
        }
    }

    /** What the cluster is made of. */
    public static final class Builder {

        private final Path workDir;
        private int size = 3;
        private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC",
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        private final List<String> args = new ArrayList<>();
        private final Map<Integer, List<String>> argsByNode = new HashMap<>();
        private Duration readyTimeout = Duration.ofMinutes(3);

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        public Builder nodes(int count) {
            this.size = count;
            return this;
        }

        /** JVM options for every node (added to {@code -XX:+UseSerialGC} and Lucene's module options). */
        public Builder jvm(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** The database every node uses, as Spring's {@code spring.datasource.*} and Flyway's schema. */
        public Builder database(String url, String user, String password, String schema) {
            return args("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password, "--spring.flyway.schemas=" + schema);
        }

        /** Arguments for every node. */
        public Builder args(String... arguments) {
            args.addAll(List.of(arguments));
            return this;
        }

        /** Arguments for node {@code n} (from 1), after those for every node. */
        public Builder argsFor(int n, String... arguments) {
            argsByNode.computeIfAbsent(n, k -> new ArrayList<>()).addAll(List.of(arguments));
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * Starts the nodes and the proxy and waits until each answers.
         *
         * @throws IllegalStateException when a node or the proxy does not come up (with the end of its log); what
         *                               was started is stopped again
         */
        public LocalCluster start() {
            int proxyPort = freePort();
            String site = "http://127.0.0.1:" + proxyPort;
            List<AppNode> nodes = new ArrayList<>();
            for (int n = 1; n <= size; n++) {
                int port = freePort();
                int streamPort = freePort();
                Path dir = workDir.resolve("node" + n);
                List<String> all = new ArrayList<>(List.of(
                        "--server.port=" + port,
                        "--scriptorium.sharing.stream.port=" + streamPort,
                        "--scriptorium.data-dir=" + dir.resolve("data"),
                        "--scriptorium.public-url=" + site,
                        "--scriptorium.sharing.stream.url=" + site + HaProxy.STREAM_PREFIX + "/api/v1/events",
                        "--spring.main.banner-mode=off"));
                all.addAll(args);
                all.addAll(argsByNode.getOrDefault(n, List.of()));
                nodes.add(new AppNode("node" + n, port, streamPort, dir.resolve("data"), dir.resolve("node.log"),
                        jvmOptions, all));
            }
            LocalCluster cluster = new LocalCluster(List.copyOf(nodes), new HaProxy(proxyPort,
                    workDir.resolve("haproxy.cfg"), workDir.resolve("haproxy.log")));
            try {
                long t0 = System.nanoTime();
                nodes.getFirst().start();
                nodes.getFirst().awaitReady(readyTimeout);
                long t1 = System.nanoTime();
                cluster.firstStart = Duration.ofNanos(t1 - t0);
                List<AppNode> others = nodes.subList(1, nodes.size());
                others.forEach(AppNode::start);
                try (ExecutorService waiting = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> ready = others.stream()
                            .<Future<?>>map(node -> waiting.submit(() -> node.awaitReady(readyTimeout))).toList();
                    for (Future<?> f : ready) {
                        f.get();
                    }
                }
                cluster.othersStart = Duration.ofNanos(System.nanoTime() - t1);
                cluster.proxy.start(nodes);
                return cluster;
            } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
                cluster.close();
                throw e instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                cluster.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A port nobody listens on now (another process could take it before the node does: unlikely on a test machine). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
