package org.scriptorium.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.scriptorium.ScriptoriumApplication;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Ids;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.corpus.GeneratedDocument;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.ImportContext;
import org.scriptorium.library.NoticeRuleBook;
import org.scriptorium.library.ParsedMaterial;
import org.scriptorium.library.SearchIndexing;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Plan;
import org.scriptorium.library.StructureParser;
import org.scriptorium.search.DatabaseMaterialSearch;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.MaterialSearch;
import org.scriptorium.search.SearchIndex;
import org.scriptorium.search.SortOrder;
import org.scriptorium.search.opensearch.OpenSearchSearch;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-search --scriptorium.data-dir=./bench-data}: loads generated documents into
 * an empty library in steps (default 10,000, 100,000, 300,000), rebuilds the index at each step and measures indexing
 * throughput, query latency through the HTTP API, straight on the search adapter and through the plain database search,
 * heap and disk. Prints a Markdown table. Not a test: it takes minutes and its figures depend on the machine.
 *
 * <p>With {@code --bench.opensearch=http://host:9200} (issue 17) the same run also measures OpenSearch beside the
 * application's own adapter: at each step a second application node is started in this JVM on the same database with
 * {@code scriptorium.search.engine=opensearch}, indexes the library into OpenSearch (its {@code reindex}, timed), and
 * answers the same queries over its own HTTP port; its rows are marked {@code opensearch}.
 */
@Component
@Order(1)
class SearchBenchmark implements ApplicationRunner {

    static final String NAME = "bench-search";

    private static final String[] ONE_WORD = {"乡村振兴", "脱贫", "河长", "安全生产", "营商环境", "基层治理", "招商引资",
            "防汛", "粮食安全", "数字政府", "生态环保", "党风廉政", "民生保障", "文明创建", "疫情防控"};
    private static final String[] SECOND_WORD = {"讲话", "座谈会", "推进会", "总结", "方案", "责任", "落实", "群众"};
    private static final String[] PHRASES = {"\"压实工作责任\"", "\"切实增强\"", "\"深入推进\"", "\"高质量发展\"",
            "\"守住底线\""};
    private static final String[] MATERIAL_KINDS = {"讲话稿", "工作报告", "总结", "方案", "心得体会", "主持词", "调研报告"};

    private final ApplicationContext context;
    private final JdbcTemplate jdbc;
    private final SearchIndexing indexing;
    private final SearchIndex index;
    private final MaterialSearch search;
    private final DatabaseMaterialSearch database;
    private final ScriptoriumProperties properties;
    private final Accounts accounts;
    private final Memberships memberships;
    private final StructureParser parser = new StructureParser();
    /** The HTTP client's bearer token: null searches as a visitor (titles, headings and topics only). */
    private String token;

    SearchBenchmark(ApplicationContext context, JdbcTemplate jdbc, SearchIndexing indexing, SearchIndex index,
                    MaterialSearch search, DatabaseMaterialSearch database, ScriptoriumProperties properties,
                    Accounts accounts, Memberships memberships) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.context = context;
        this.jdbc = jdbc;
        this.indexing = indexing;
        this.index = index;
        this.search = search;
        this.database = database;
        this.properties = properties;
    }

    /** Latencies of one kind of query on one path, in microseconds. */
    record Latencies(long[] micros) {
        long percentile(double p) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        List<Long> sizes = option(args, "bench.sizes", "10000,100000,300000").stream().map(Long::parseLong).toList();
        int queries = Integer.parseInt(option(args, "bench.queries", "200").getFirst());
        int databaseQueries = Integer.parseInt(option(args, "bench.database-queries", "20").getFirst());
        long existing = indexing.materialCount();
        boolean reuse = Boolean.parseBoolean(option(args, "bench.reuse", "false").getFirst());
        if (existing > 0 && !(reuse && sizes.size() == 1 && sizes.getFirst() == existing)) {
            System.out.printf("The library at %s already holds %,d materials; run the benchmark on an empty data dir "
                    + "(or with --bench.reuse=true and --bench.sizes=%d to measure queries again).%n",
                    properties.dataDir(), existing, existing);
            return;
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String openSearchUrl = args.getOptionValues("bench.opensearch") == null ? null
                : args.getOptionValues("bench.opensearch").getFirst();
        boolean asMember = option(args, "bench.as", "visitor").getFirst().equals("member");
        if (asMember) {
            token = memberToken();
        }
        System.out.printf("Search benchmark: steps %s, %d queries per kind, HTTP as a %s, Java %s, %d cores, max heap %,d MB%n",
                sizes, queries, asMember ? "member (text of the 3-year back catalogue searched)" : "visitor", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        SpeechCorpus corpus = new SpeechCorpus(20261129L);
        List<String> rows = new ArrayList<>();
        long loaded = existing;
        for (long size : sizes) {
            long t0 = System.nanoTime();
            load(corpus, loaded, size);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            loaded = size;

            long t1 = System.nanoTime();
            AtomicLong indexed = new AtomicLong();
            if (existing == size && index.materialCount() == size) {
                indexed.set(size); // reused: the index from the earlier run is measured, not rebuilt
            } else {
                indexing.rebuild(indexed::set);
            }
            double indexSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%,d documents: loaded into the database in %.0f s, indexed in %.0f s (%,.0f docs/s)%n",
                    size, loadSeconds, indexSeconds, indexed.get() / indexSeconds);

            QueryMix mix = new QueryMix(new SplittableRandom(size), queries);
            String engine = openSearchUrl == null ? "" : "lucene · ";
            measure(engine, mix, port, search, size, databaseQueries, rows);
            if (openSearchUrl != null) {
                try (Peer peer = openSearchPeer(openSearchUrl, size)) {
                    rows.add(String.format(Locale.ROOT, "| %,d | opensearch indexing %,.0f docs/s (%.0f s) | | | | | | | |",
                            size, size / peer.indexSeconds(), peer.indexSeconds()));
                    System.out.println(rows.getLast());
                    measure("opensearch · ", mix, peer.port(), peer.search(), size, 0, rows);
                }
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            rows.add(String.format(Locale.ROOT, "| %,d | indexing %,.0f docs/s (%.0f s) · heap after GC %,d MB · index %,d MB · database %,d MB | | | | | | | |",
                    size, indexed.get() / indexSeconds, indexSeconds, heap >> 20,
                    sizeOf(properties.dataDir().resolve("index")) >> 20, sizeOf(properties.dataDir().resolve("db")) >> 20));
            System.out.println(rows.getLast());
        }
        System.out.println();
        System.out.println("| documents | query | HTTP p50 ms | HTTP p99 ms | adapter p50 ms | adapter p99 ms | HTTP/adapter p50 | database p50 ms | database/HTTP p50 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Runs every kind of query through HTTP on {@code port} and straight on {@code adapter}, and adds a row per kind. */
    private void measure(String engine, QueryMix mix, int port, MaterialSearch adapter, long size, int databaseQueries,
                         List<String> rows) {
        warmUp(mix, port, adapter);
        for (String kind : QueryMix.KINDS) {
            // Each query runs through HTTP and straight on the adapter back to back, so both meet the same caches,
            // and which goes first alternates, so that neither is always the one to warm them.
            List<MaterialQuery> queriesOfKind = mix.of(kind);
            long[] httpMicros = new long[queriesOfKind.size()];
            long[] rawMicros = new long[queriesOfKind.size()];
            for (int i = 0; i < queriesOfKind.size(); i++) {
                MaterialQuery q = queriesOfKind.get(i);
                if (i % 2 == 0) {
                    httpMicros[i] = micros(() -> httpQuery(port, kind, q));
                    rawMicros[i] = micros(() -> rawQuery(adapter, kind, q));
                } else {
                    rawMicros[i] = micros(() -> rawQuery(adapter, kind, q));
                    httpMicros[i] = micros(() -> httpQuery(port, kind, q));
                }
            }
            Latencies viaHttp = new Latencies(httpMicros);
            Latencies raw = new Latencies(rawMicros);
            Latencies db = kind.equals("passages") || databaseQueries == 0
                    ? new Latencies(new long[0])
                    : time(mix.of(kind).subList(0, Math.min(databaseQueries, mix.of(kind).size())), q -> database.search(q, Instant.now(), false));
            rows.add(String.format(Locale.ROOT, "| %,d | %s%s | %.1f | %.1f | %.1f | %.1f | %.2f | %s | %s |",
                    size, engine, kind, viaHttp.percentile(.5) / 1000.0, viaHttp.percentile(.99) / 1000.0,
                    raw.percentile(.5) / 1000.0, raw.percentile(.99) / 1000.0,
                    (double) viaHttp.percentile(.5) / Math.max(1, raw.percentile(.5)),
                    db.micros().length == 0 ? "–" : String.format(Locale.ROOT, "%.1f", db.percentile(.5) / 1000.0),
                    db.micros().length == 0 ? "–" : String.format(Locale.ROOT, "%.0f×", (double) db.percentile(.5) / Math.max(1, viaHttp.percentile(.5)))));
            System.out.println(rows.getLast());
        }
    }

    /** A second node of the application searching through OpenSearch, and how long its index took to fill. */
    private record Peer(ConfigurableApplicationContext context, int port, MaterialSearch search, double indexSeconds)
            implements AutoCloseable {
        /** Deletes the step's OpenSearch indexes (a 300,000-document pair holds gigabytes) and stops the node. */
        @Override
        public void close() {
            try {
                context.getBean(OpenSearchSearch.class).dropIndexes();
            } finally {
                context.close();
            }
        }
    }

    /**
     * Starts a second node in this JVM on the same database (and data directory) with the OpenSearch adapter, running
     * its {@code reindex} before it serves: the time its runners took is the indexing time (the other runners return
     * at once). Each step indexes into fresh indexes of its own.
     */
    private Peer openSearchPeer(String url, long size) {
        long[] startedMillis = new long[1];
        long[] readyMillis = new long[1];
        List<String> peerArgs = new ArrayList<>(List.of("reindex", "--server.port=0",
                "--scriptorium.search.engine=opensearch", "--scriptorium.search.opensearch.url=" + url,
                "--scriptorium.search.opensearch.index-prefix=bench-" + size + "-" + System.currentTimeMillis(),
                "--scriptorium.data-dir=" + properties.dataDir(), "--scriptorium.demo.enabled=false",
                "--scriptorium.sharing.stream.port=-1", "--scriptorium.search.rate.enabled=false"));
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password")) {
            String value = context.getEnvironment().getProperty(key);
            if (value != null) {
                peerArgs.add("--" + key + "=" + value);
            }
        }
        ConfigurableApplicationContext peer = new SpringApplicationBuilder(ScriptoriumApplication.class)
                .listeners(event -> {
                    if (event instanceof ApplicationStartedEvent started) {
                        startedMillis[0] = started.getTimeTaken().toMillis();
                    } else if (event instanceof ApplicationReadyEvent ready) {
                        readyMillis[0] = ready.getTimeTaken().toMillis();
                    }
                })
                .run(peerArgs.toArray(String[]::new));
        int peerPort = ((WebServerApplicationContext) peer).getWebServer().getPort();
        return new Peer(peer, peerPort, peer.getBean(MaterialSearch.class), (readyMillis[0] - startedMillis[0]) / 1000.0);
    }

    /** Reproducible queries of each kind. */
    static final class QueryMix {
        static final List<String> KINDS = List.of("one word", "two words", "unspaced", "phrase", "filtered", "passages");
        private final java.util.Map<String, List<MaterialQuery>> byKind = new java.util.HashMap<>();

        QueryMix(SplittableRandom random, int count) {
            for (String kind : KINDS) {
                List<MaterialQuery> list = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String word = ONE_WORD[random.nextInt(ONE_WORD.length)];
                    list.add(switch (kind) {
                        case "one word", "passages" -> new MaterialQuery(word, null, null, null, null, SortOrder.RELEVANCE, 0, 20);
                        case "two words" -> new MaterialQuery(word + " " + SECOND_WORD[random.nextInt(SECOND_WORD.length)],
                                null, null, null, null, SortOrder.RELEVANCE, 0, 20);
                        // as readers type: no space, a 文种 at the end, sometimes a year in front (2025年防汛讲话)
                        case "unspaced" -> new MaterialQuery((random.nextInt(3) == 0 ? (2020 + random.nextInt(7)) + "年" : "")
                                + word + SECOND_WORD[random.nextInt(SECOND_WORD.length)], null, null, null, null,
                                SortOrder.RELEVANCE, 0, 20);
                        case "phrase" -> new MaterialQuery(PHRASES[random.nextInt(PHRASES.length)], null, null, null, null,
                                SortOrder.RELEVANCE, 0, 20);
                        default -> new MaterialQuery(word, randomKind(random), null, 2020 + random.nextInt(7), null,
                                SortOrder.NEWEST, 0, 20);
                    });
                }
                byKind.put(kind, list);
            }
        }

        private static String randomKind(SplittableRandom random) {
            return MATERIAL_KINDS[random.nextInt(MATERIAL_KINDS.length)];
        }

        List<MaterialQuery> of(String kind) {
            return byKind.get(kind);
        }
    }

    private void warmUp(QueryMix mix, int port, MaterialSearch adapter) {
        for (String kind : QueryMix.KINDS) {
            for (MaterialQuery q : mix.of(kind).subList(0, Math.min(50, mix.of(kind).size()))) {
                httpQuery(port, kind, q);
                rawQuery(adapter, kind, q);
            }
        }
    }

    private static long micros(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1000;
    }

    private Latencies time(List<MaterialQuery> queries, java.util.function.Consumer<MaterialQuery> run) {
        long[] micros = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long start = System.nanoTime();
            run.accept(queries.get(i));
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        return new Latencies(micros);
    }

    private static Object rawQuery(MaterialSearch adapter, String kind, MaterialQuery q) {
        return kind.equals("passages") ? adapter.passages(q, Instant.now(), false) : adapter.search(q, Instant.now(), false);
    }

    /**
     * One request over a kept-alive HTTP/1.1 connection, read to the end. {@link HttpURLConnection} rather than the
     * JDK's HttpClient: on this machine the latter's asynchronous machinery added about 0.75 ms to every request
     * (1.29 ms against 0.54 ms for an empty JSON answer, median of 1,000), a cost of the client, not of the API.
     */
    private void httpQuery(int port, String kind, MaterialQuery q) {
        StringBuilder url = new StringBuilder("http://127.0.0.1:" + port + (kind.equals("passages") ? "/api/v1/passages" : "/api/v1/materials"));
        url.append("?q=").append(URLEncoder.encode(q.text(), StandardCharsets.UTF_8)).append("&sort=").append(q.sort().name().toLowerCase(Locale.ROOT));
        if (q.kind() != null) {
            url.append("&kind=").append(URLEncoder.encode(q.kind(), StandardCharsets.UTF_8));
        }
        if (q.year() != null) {
            url.append("&year=").append(q.year());
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url.toString()).toURL().openConnection();
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            try (InputStream body = connection.getInputStream()) {
                body.readAllBytes();
            }
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("HTTP " + connection.getResponseCode() + " for " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A reader with a three-year membership (a 3-year back catalogue), signed in with an API token: its searches look
     * in the text of what it may read, as a member's do.
     */
    private String memberToken() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String email = "bench-search-" + run + "@bench.example";
        String password = "bench-search-password-" + run;
        Account reader = accounts.register(email, password, "检索压测").orElseThrow();
        Plan plan = memberships.createPlan("检索压测三年会员-" + run, 1095, 1095);
        memberships.grant(reader.id(), plan.id(), null, reader.id());
        return accounts.issueToken(email, password, null).token();
    }

    /** Inserts documents [from, to) straight into the tables, in batches, as an archive import would. */
    private void load(SpeechCorpus corpus, long from, long to) {
        int batch = 1_000;
        for (long start = from; start < to; start += batch) {
            long end = Math.min(to, start + batch);
            List<Object[]> materials = new ArrayList<>();
            List<Object[]> revisions = new ArrayList<>();
            try (Stream<GeneratedDocument> docs = Stream.iterate(start, i -> i < end, i -> i + 1).parallel().map(corpus::document)) {
                docs.map(doc -> new Object[] {doc, parser.read(doc.text(), ImportContext.NONE, NoticeRuleBook.builtIn())})
                        .toList().forEach(pair -> {
                    GeneratedDocument doc = (GeneratedDocument) pair[0];
                    StructureParser.Reading reading = (StructureParser.Reading) pair[1];
                    ParsedMaterial parsed = reading.parsed();
                    String id = Ids.newId();
                    Timestamp published = Timestamp.from(doc.publishedAt());
                    Timestamp now = Timestamp.from(Instant.now());
                    materials.add(new Object[] {id, doc.title(), doc.kind(), String.join(",", doc.topics()),
                            doc.free() ? "FREE" : "MEMBER", published, now, now});
                    revisions.add(new Object[] {id, parsed.title(), doc.text(), parsed.body(), parsed.characters(), now,
                            reading.cleanedText()});
                });
            }
            jdbc.batchUpdate("INSERT INTO materials (id, title, kind, topics, tier, published_at, current_revision, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)", materials);
            jdbc.batchUpdate("INSERT INTO material_revisions (material_id, revision, detected_title, source_text, body, characters, "
                    + "change_note, created_at, cleaned_text, parser_version) VALUES (?, 1, ?, ?, ?, ?, '生成', ?, ?, " + StructureParser.CURRENT_VERSION + ")", revisions);
        }
    }

    private static List<String> option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        String value = values == null || values.isEmpty() ? fallback : values.getFirst();
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static long sizeOf(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
