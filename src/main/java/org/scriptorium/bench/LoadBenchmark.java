package org.scriptorium.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.corpus.GeneratedDocument;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.MaterialDraft;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Plan;
import org.scriptorium.membership.Tier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-load --scriptorium.data-dir=./bench-load-data}: many members reading at once.
 * Imports generated materials, gives each simulated reader a membership and a token, then lets every reader search,
 * read and download over HTTP on the main port for a set time, each with a think time between requests, and prints
 * per kind of request how many there were, how many failed and the latency percentiles, as a Markdown table. Run it
 * once on the embedded H2 and once with {@code spring.datasource.*} pointing at PostgreSQL. Not a test: its figures
 * depend on the machine.
 *
 * <p>The readers run on virtual threads in the server's own JVM (one HTTP connection each): on a small machine they
 * share its cores with the server, so the figures include the client's cost. Every failure counts: a status of 400 or
 * more, a timeout (30 s) or a broken connection.
 */
@Component
@Order(2)
class LoadBenchmark implements ApplicationRunner {

    static final String NAME = "bench-load";

    /** What a reader does; the weights are how often, out of 100. */
    enum Kind {
        SEARCH(45), PASSAGES(10), READ(30), DOWNLOAD(15);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final String PASSWORD = "bench-load-Password-7";
    /** Each reader downloads from its own slice of the library, kept under the daily limit of distinct materials. */
    private static final int DOWNLOAD_SLICE = 30;

    private final ApplicationContext context;
    private final Accounts accounts;
    private final Materials materials;
    private final Memberships memberships;
    private final DataSource dataSource;

    LoadBenchmark(ApplicationContext context, Accounts accounts, Materials materials, Memberships memberships,
                  DataSource dataSource) {
        this.context = context;
        this.accounts = accounts;
        this.materials = materials;
        this.memberships = memberships;
        this.dataSource = dataSource;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int readers = Integer.parseInt(option(args, "bench.readers", "200"));
        int seconds = Integer.parseInt(option(args, "bench.seconds", "600"));
        int warmupSeconds = Integer.parseInt(option(args, "bench.warmup-seconds", "30"));
        int materialCount = Integer.parseInt(option(args, "bench.materials", "300"));
        long thinkMillis = Long.parseLong(option(args, "bench.think-ms", "1000"));
        List<String> formats = List.of(option(args, "bench.formats", "txt,docx,pdf").split(","));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        }
        System.out.printf("Load benchmark: %d readers for %d s (after %d s warm-up), think time %d ms (mean), %d materials, "
                        + "formats %s; %s; Java %s, %d cores, max heap %,d MB%n",
                readers, seconds, warmupSeconds, thinkMillis, materialCount, formats, database, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));

        String run = UUID.randomUUID().toString().substring(0, 8);
        Account editor = accounts.create("bench-load-editor-" + run + "@bench.example", PASSWORD, "压测编辑",
                java.util.EnumSet.of(Role.MEMBER, Role.EDITOR));
        Library library = importLibrary(materialCount, editor.id());
        Plan plan = memberships.createPlan("压测三年会员-" + run, 1095, 1095);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            String email = "bench-load-" + run + "-" + i + "@bench.example";
            Account reader = accounts.register(email, PASSWORD, "读者" + i).orElseThrow();
            memberships.grant(reader.id(), plan.id(), null, editor.id());
            tokens.add(accounts.issueToken(email, PASSWORD, null).token());
        }
        System.out.printf("%d materials imported, %d readers with a membership%n", library.ids().size(), readers);

        Recorder recorder = new Recorder();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        long start = System.nanoTime();
        long recordFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = recordFrom + TimeUnit.SECONDS.toNanos(seconds);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < readers; i++) {
                Reader reader = new Reader(i, tokens.get(i), "http://127.0.0.1:" + port, http, library, formats,
                        thinkMillis, recorder, recordFrom, end);
                pool.submit(reader::run);
            }
        }
        System.out.println();
        recorder.print(seconds);
    }

    /** The imported materials, and words to search them by. */
    private record Library(List<String> ids, List<String> queries) {
    }

    private Library importLibrary(int count, String editorId) {
        SpeechCorpus corpus = new SpeechCorpus(20261206L);
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeneratedDocument document = corpus.document(i);
            // Within the last two years: every reader's back catalogue of three years covers all of it.
            Instant published = now.minus(1 + (i * 7919L) % 700, ChronoUnit.DAYS);
            MaterialDraft draft = new MaterialDraft(document.text(), null, null,
                    document.free() ? Tier.FREE : Tier.MEMBER, document.kind(), document.topics(), published, null, null);
            ids.add(materials.importMaterial(draft, editorId).material().id());
            if (!document.topics().isEmpty()) {
                queries.add(document.topics().getFirst());
                queries.add(document.topics().getFirst() + " " + document.kind());
            }
            queries.add(document.title().length() > 8 ? document.title().substring(0, 8) : document.title());
        }
        return new Library(List.copyOf(ids), List.copyOf(queries));
    }

    /** One simulated reader: requests in a loop with a random think time, until the end. */
    private record Reader(int number, String token, String base, HttpClient http, Library library,
                          List<String> formats, long thinkMillis, Recorder recorder, long recordFrom, long end) {

        void run() {
            SplittableRandom random = new SplittableRandom(number * 31L + 7);
            try {
                // Readers do not all start in the same millisecond.
                Thread.sleep(random.nextLong(Math.max(1, thinkMillis)));
                while (System.nanoTime() < end) {
                    Kind kind = pick(random);
                    String path = switch (kind) {
                        case SEARCH -> "/api/v1/materials?q=" + encode(pickFrom(library.queries(), random));
                        case PASSAGES -> "/api/v1/passages?q=" + encode(pickFrom(library.queries(), random));
                        case READ -> "/api/v1/materials/" + pickFrom(library.ids(), random);
                        case DOWNLOAD -> "/api/v1/materials/" + downloadable(random) + "/download?format="
                                + pickFrom(formats, random);
                    };
                    long t0 = System.nanoTime();
                    String failure = null;
                    try {
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                                        .header("Authorization", "Bearer " + token)
                                        .timeout(Duration.ofSeconds(30))
                                        .GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() >= 400) {
                            failure = response.statusCode() + " " + path + " "
                                    + new String(response.body(), 0, Math.min(200, response.body().length),
                                    StandardCharsets.UTF_8);
                        }
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName() + " " + path + " " + e.getMessage();
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= recordFrom && t1 <= end) {
                        recorder.record(kind, t1 - t0, failure);
                    }
                    // Exponential think time: a reader's requests arrive as a Poisson process.
                    Thread.sleep((long) (-Math.log(1 - random.nextDouble()) * thinkMillis));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String downloadable(SplittableRandom random) {
            int from = (number * DOWNLOAD_SLICE) % library.ids().size();
            return library.ids().get((from + random.nextInt(DOWNLOAD_SLICE)) % library.ids().size());
        }

        private static Kind pick(SplittableRandom random) {
            int roll = random.nextInt(100);
            for (Kind kind : Kind.values()) {
                roll -= kind.weight;
                if (roll < 0) {
                    return kind;
                }
            }
            return Kind.SEARCH;
        }

        private static <T> T pickFrom(List<T> list, SplittableRandom random) {
            return list.get(random.nextInt(list.size()));
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }

    /** Latencies and failures per kind of request, from many threads. */
    private static final class Recorder {

        private final Map<Kind, List<Long>> latencies = new EnumMap<>(Kind.class);
        private final Map<Kind, AtomicLong> failures = new EnumMap<>(Kind.class);
        private final Map<String, AtomicLong> failureSamples = new ConcurrentHashMap<>();

        Recorder() {
            for (Kind kind : Kind.values()) {
                latencies.put(kind, new ArrayList<>());
                failures.put(kind, new AtomicLong());
            }
        }

        void record(Kind kind, long nanos, String failure) {
            List<Long> list = latencies.get(kind);
            synchronized (list) {
                list.add(nanos);
            }
            if (failure != null) {
                failures.get(kind).incrementAndGet();
                if (failureSamples.size() < 20) {
                    failureSamples.computeIfAbsent(failure.length() > 160 ? failure.substring(0, 160) : failure,
                            f -> new AtomicLong()).incrementAndGet();
                }
            }
        }

        void print(int seconds) {
            System.out.println("| request | count | per second | errors | p50 | p90 | p99 | max |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            long all = 0;
            long allFailures = 0;
            for (Kind kind : Kind.values()) {
                long[] sorted;
                List<Long> list = latencies.get(kind);
                synchronized (list) {
                    sorted = list.stream().mapToLong(Long::longValue).toArray();
                }
                Arrays.sort(sorted);
                all += sorted.length;
                allFailures += failures.get(kind).get();
                System.out.printf("| %s | %,d | %.1f | %d | %s | %s | %s | %s |%n", kind.name().toLowerCase(),
                        sorted.length, sorted.length / (double) seconds, failures.get(kind).get(),
                        millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99), millis(sorted, 1.0));
            }
            System.out.printf("%nIn all %,d requests, %d errors.%n", all, allFailures);
            failureSamples.forEach((failure, count) -> System.out.println("  failure ×" + count + ": " + failure));
        }

        private static String millis(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return "–";
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
            return String.format("%.0f ms", sorted[Math.max(0, index)] / 1e6);
        }
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
