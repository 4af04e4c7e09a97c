package org.scriptorium.bench;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.common.DatabaseRateBuckets;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.scriptorium.corpus.GeneratedDocument;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialDraft;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Tier;
import org.scriptorium.tracer.Leak;
import org.scriptorium.tracer.Tracer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code java -jar scriptorium.jar bench-shared --scriptorium.data-dir=…}: what sharing state through the database
 * costs and saves (issue 17).
 * <ol>
 *   <li>The search rate limit in the database: the time of one {@link DatabaseRateBuckets#take} (one conditional
 *       UPDATE in its own transaction), what every search pays when {@code scriptorium.search.rate.store=database}.</li>
 *   <li>The tracer's first trace after start, over a library of {@code --bench.materials} generated materials each
 *       delivered once: imported on the first run into the data directory, so that later runs are fresh starts over
 *       the same library. With {@code --bench.forget-fingerprints} the stored fingerprints are deleted first, so the
 *       first trace makes them from the texts as every start did before they were stored.</li>
 * </ol>
 * Not a test: its figures depend on the machine.
 */
@Component
class SharedStateBenchmark implements ApplicationRunner {

    static final String NAME = "bench-shared";

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final DataSource dataSource;
    private final Accounts accounts;
    private final Materials materials;
    private final Tracer tracer;

    SharedStateBenchmark(JdbcClient jdbc, PlatformTransactionManager transactions, DataSource dataSource,
                         Accounts accounts, Materials materials, Tracer tracer) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.materials = materials;
        this.tracer = tracer;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int count = Integer.parseInt(option(args, "bench.materials", "2000"));
        int takes = Integer.parseInt(option(args, "bench.takes", "20000"));
        try (Connection connection = dataSource.getConnection()) {
            System.out.printf("Shared state benchmark: %s %s; Java %s, %d cores%n",
                    connection.getMetaData().getDatabaseProductName(),
                    connection.getMetaData().getDatabaseProductVersion(), Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
        }
        // The first trace runs before anything else, as on a node that has just started.
        List<String> ids = library(count);
        if (args.containsOption("bench.forget-fingerprints")) {
            int forgotten = jdbc.sql("DELETE FROM trace_fingerprints").update();
            System.out.printf("%,d stored fingerprint rows deleted%n", forgotten);
        }
        if (ids.isEmpty()) {
            rates(takes);
            return;
        }
        long stored = jdbc.sql("SELECT COUNT(*) FROM trace_fingerprints").query(Long.class).single();
        String copy = String.join("\n", materials.parse(materials.revision(ids.get(ids.size() / 2), 1)).paragraphs());
        // First a text found in no revision: that trace is mostly the filling of the index; then a whole copy, whose
        // first trace also runs the reading of marks and the scoring for the first time in this JVM.
        String nowhere = "这段文字不出自任何资料，只用来让追查先把索引建起来。".repeat(20);
        for (String[] which : List.of(new String[] {"first trace after start (a text found nowhere)", nowhere},
                new String[] {"then a whole copy", copy}, new String[] {"the same copy again", copy})) {
            long start = System.nanoTime();
            int found = tracer.trace(List.of(new Leak("bench.txt", which[1], List.of()))).materials().size();
            System.out.printf(Locale.ROOT, "%s: %,.0f ms (%,d delivered revisions, %,d with stored fingerprints before it, "
                    + "%d found)%n", which[0], (System.nanoTime() - start) / 1e6, ids.size(), stored, found);
        }
        rates(takes);
    }

    /** The library's generated materials, each delivered once; imported (and delivered) when missing. */
    private List<String> library(int count) {
        List<String> ids = jdbc.sql("SELECT DISTINCT material_id FROM deliveries ORDER BY material_id")
                .query(String.class).list();
        if (ids.size() >= count) {
            return ids;
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Account editor = accounts.create("bench-shared-editor-" + run + "@bench.example", "bench-shared-Password-7",
                "压测编辑", EnumSet.of(Role.MEMBER, Role.EDITOR));
        SpeechCorpus corpus = new SpeechCorpus(20261217L);
        Instant now = Clock.systemUTC().instant();
        long start = System.nanoTime();
        for (int i = ids.size(); i < count; i++) {
            GeneratedDocument document = corpus.document(i);
            MaterialDraft draft = new MaterialDraft(document.text(), null, null, Tier.MEMBER, document.kind(),
                    document.topics(), now.minus(1, ChronoUnit.DAYS), null, null);
            Material material = materials.importMaterial(draft, editor.id()).material();
            // The bench's own shortcut into the ledger: a real copy would also choose and mark sites, which the first
            // trace does not look at.
            jdbc.sql("""
                            INSERT INTO deliveries (id, user_id, material_id, revision, format, delivered_at)
                            VALUES (?, ?, ?, ?, 'txt', ?)""")
                    .params(Ids.newId(), editor.id(), material.id(), material.currentRevision(), DbTime.of(now))
                    .update();
            ids.add(material.id());
            if ((i + 1) % 500 == 0) {
                System.out.printf("%,d materials imported and delivered (%,.0f s)%n", i + 1,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return ids;
    }

    /** One database token bucket per key, 1,000 keys taken in turn: the time of each take. */
    private void rates(int takes) {
        DatabaseRateBuckets buckets = new DatabaseRateBuckets(jdbc, transactions, Clock.systemUTC(), "bench-shared",
                1_000_000, 1_000_000);
        long[] nanos = new long[takes];
        for (int i = 0; i < takes; i++) {
            long start = System.nanoTime();
            buckets.take("203.0.113." + (i % 1_000));
            nanos[i] = System.nanoTime() - start;
        }
        long[] measured = Arrays.copyOfRange(nanos, takes / 10, takes); // the first tenth warms up
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "rate bucket take in the database (%,d takes over 1,000 keys): p50 %.3f ms, "
                        + "p99 %.3f ms, mean %.3f ms%n", measured.length, measured[measured.length / 2] / 1e6,
                measured[(int) (measured.length * 0.99)] / 1e6, Arrays.stream(measured).average().orElse(0) / 1e6);
        jdbc.sql("DELETE FROM rate_buckets WHERE scope = 'bench-shared'").update();
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
