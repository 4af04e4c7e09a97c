package org.scriptorium.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.bench.cluster.LocalCluster;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.corpus.GeneratedDocument;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.MaterialDraft;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Tier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-proxy} with {@code spring.datasource.*} on PostgreSQL: anonymous search
 * throughput through HAProxy in front of three nodes against one node asked directly, side by side. Fills the
 * library with generated materials (once: a library that holds enough already is kept), starts three nodes on the same
 * database as processes of their own and HAProxy in front of them ({@link LocalCluster}), then runs rounds of a fixed
 * number of concurrent clients searching as fast as they can, alternately against node 1 and against the proxy, and
 * prints requests per second, latencies and the ratio. The clients run in this JVM on the same machine: on a small
 * machine nodes, proxy and clients share the cores, which caps the ratio far below the number of nodes.
 */
@Component
@Order(2)
class ProxyBenchmark implements ApplicationRunner {

    static final String NAME = "bench-proxy";

    private final Materials materials;
    private final Accounts accounts;
    private final DataSource dataSource;
    private final Environment environment;
    private final ScriptoriumProperties properties;

    ProxyBenchmark(Materials materials, Accounts accounts, DataSource dataSource, Environment environment,
                   ScriptoriumProperties properties) {
        this.materials = materials;
        this.accounts = accounts;
        this.dataSource = dataSource;
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int count = Integer.parseInt(option(args, "bench.materials", "2000"));
        int clients = Integer.parseInt(option(args, "bench.clients", "16"));
        int rounds = Integer.parseInt(option(args, "bench.rounds", "4"));
        int seconds = Integer.parseInt(option(args, "bench.seconds", "15"));
        int warmup = Integer.parseInt(option(args, "bench.warmup-seconds", "30"));
        String heap = option(args, "bench.node-heap", "768m");
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException(NAME + " needs the nodes to share PostgreSQL: set spring.datasource.url "
                    + "(and username, password) to a PostgreSQL database or schema of its own");
        }
        List<String> queries = fill(count);
        System.out.printf("Proxy benchmark: %d materials, %d clients, %d s warm-up then %d rounds of %d s per side; Java %s, "
                + "%d cores%n", count, clients, warmup, rounds, seconds, Runtime.version(),
                Runtime.getRuntime().availableProcessors());

        LocalCluster.Builder builder = LocalCluster.builder(properties.dataDir().toAbsolutePath().resolve(NAME))
                .nodes(3)
                .jvm("-Xmx" + heap)
                // Each node indexes the library at its first start: slow on a busy machine.
                .readyTimeout(Duration.ofMinutes(10))
                .args("--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username", ""),
                        "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                        "--scriptorium.demo.enabled=false",
                        // Every client is 127.0.0.1: the readers' rate limit would measure itself.
                        "--scriptorium.search.rate.enabled=false",
                        "--logging.level.root=WARN",
                        "--logging.level.org.scriptorium=INFO");
        String schemas = environment.getProperty("spring.flyway.schemas", "");
        if (!schemas.isBlank()) {
            builder.args("--spring.flyway.schemas=" + schemas);
        }
        try (LocalCluster cluster = builder.start()) {
            System.out.println("Nodes ready: " + cluster.startTimes());
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("node 1 directly", cluster.node(1).url());
            targets.put("HAProxy, 3 nodes", cluster.proxy().url());
            Map<String, List<Round>> results = new LinkedHashMap<>();
            targets.forEach((name, base) -> {
                load(base, queries, clients, warmup, 0); // warm-up: JIT, caches, connections
                results.put(name, new ArrayList<>());
            });
            for (int r = 0; r < rounds; r++) {
                // Alternating which side goes first, so that a drift of the machine's load falls on both.
                List<String> order = new ArrayList<>(targets.keySet());
                if (r % 2 == 1) {
                    order = order.reversed();
                }
                for (String name : order) {
                    results.get(name).add(load(targets.get(name), queries, clients, seconds, r + 1));
                }
            }
            System.out.println();
            System.out.println("| target | requests/s (median of rounds) | rounds | errors | p50 | p99 |");
            System.out.println("|---|---:|---|---:|---:|---:|");
            double direct = 0;
            double proxied = 0;
            for (Map.Entry<String, List<Round>> e : results.entrySet()) {
                double median = median(e.getValue().stream().mapToDouble(Round::perSecond).toArray());
                long[] all = e.getValue().stream().flatMapToLong(round -> Arrays.stream(round.latencies())).sorted().toArray();
                System.out.printf("| %s | %.0f | %s | %d | %s | %s |%n", e.getKey(), median,
                        e.getValue().stream().map(round -> "%.0f".formatted(round.perSecond())).toList(),
                        e.getValue().stream().mapToLong(Round::errors).sum(), millis(all, 0.5), millis(all, 0.99));
                if (e.getKey().startsWith("node")) {
                    direct = median;
                } else {
                    proxied = median;
                }
            }
            System.out.printf("%nRatio, proxy over one node: %.2f%n", proxied / direct);
        }
    }

    /** One round against one target. */
    private record Round(double perSecond, long errors, long[] latencies) {
    }

    /** {@code clients} loops of anonymous searches against {@code base} for {@code seconds}. */
    private static Round load(String base, List<String> queries, int clients, int seconds, int round) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        AtomicLong errors = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(round * 1_000L + c);
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String q = queries.get(random.nextInt(queries.size()));
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base
                                            + "/api/v1/materials?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                            if (answer.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - t0);
                    }
                });
            }
        }
        http.close();
        long[] all;
        synchronized (latencies) {
            all = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        return new Round(all.length / (double) seconds, errors.get(), all);
    }

    /** Imports generated materials until the library holds {@code count}; returns words to search them by. */
    private List<String> fill(int count) throws Exception {
        int present;
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM materials")) {
            rs.next();
            present = rs.getInt(1);
        }
        SpeechCorpus corpus = new SpeechCorpus(20261206L);
        Account editor = present >= count ? null : accounts.create("bench-proxy-editor-" + System.nanoTime()
                + "@bench.example", "bench-proxy-Password-7", "压测编辑", EnumSet.of(Role.MEMBER, Role.EDITOR));
        Instant now = Instant.now();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeneratedDocument document = corpus.document(i);
            if (i >= present) {
                materials.importMaterial(new MaterialDraft(document.text(), null, null,
                        document.free() ? Tier.FREE : Tier.MEMBER, document.kind(), document.topics(),
                        now.minus(1 + (i * 7919L) % 700, ChronoUnit.DAYS), null, null), editor.id());
            }
            if (!document.topics().isEmpty()) {
                queries.add(document.topics().getFirst());
            }
            queries.add(document.title().length() > 8 ? document.title().substring(0, 8) : document.title());
        }
        System.out.printf("%d materials in the library (%d imported now)%n", Math.max(present, count),
                Math.max(0, count - present));
        return queries;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static String millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "–";
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.0f ms", sorted[Math.max(0, index)] / 1e6);
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
