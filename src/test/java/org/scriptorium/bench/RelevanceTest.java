package org.scriptorium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.Materials;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The product's search over the judged query set ({@code search/judged-queries.tsv}) against the real documents, the
 * demo library and generated documents, held to the floor of issue 14 and to the plain baseline
 * ({@link BaselineSearch}: BM25 over CJK bigrams, terms OR-ed).
 *
 * <p>Runs the whole application like an {@link IntegrationTest} (tagged "integration": on H2, and again on PostgreSQL
 * in the build's second run) but in a database of its own: the measured library must hold exactly the judged
 * materials, and its few hundred materials must not crowd the hits other tests look for in the shared one. It cannot
 * extend {@code IntegrationTest} for that: Spring applies a superclass's dynamic properties after a subclass's.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RelevanceTest {

    static final Path REAL = Path.of("src/test/resources/corpus/real");
    static final Path JUDGED = Path.of("src/test/resources/search/judged-queries.tsv");
    static final int GENERATED = 200;
    static final long SEED = 20261206L;

    private static final String LIBRARY = "relevance_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    /** Numbers each application context's library: a subclass's context (OpenSearch) must not find this one's. */
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @DynamicPropertySource
    static void ownLibrary(DynamicPropertyRegistry registry) throws IOException {
        String library = LIBRARY + "_" + CONTEXTS.incrementAndGet();
        Path dataDir = Files.createTempDirectory("scriptorium-relevance");
        registry.add("scriptorium.data-dir", dataDir::toString);
        registry.add("scriptorium.demo.enabled", () -> "false");
        registry.add("scriptorium.admin.email", () -> Api.ADMIN_EMAIL);
        registry.add("scriptorium.admin.password", () -> Api.ADMIN_PASSWORD);
        if ("postgresql".equals(System.getProperty("scriptorium.test.db"))) {
            String url = System.getProperty("scriptorium.test.pg.url", "jdbc:postgresql://127.0.0.1:54329/scriptorium_test");
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + library);
            registry.add("spring.datasource.username", () -> System.getProperty("scriptorium.test.pg.user", "scriptorium"));
            registry.add("spring.datasource.password", () -> System.getProperty("scriptorium.test.pg.password", "scriptorium"));
            registry.add("spring.flyway.schemas", () -> library);
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + library + ";DB_CLOSE_DELAY=-1");
        }
    }

    @Autowired
    RelevanceLibrary library;
    @Autowired
    Materials materials;
    @Autowired
    Environment environment;

    @Test
    @DisplayName("the judged queries find an expected material in the top 3 for 90 % and more, almost never nothing, "
            + "and never worse than BM25 over CJK bigrams")
    void judgedSet() throws IOException {
        assertThat(environment.getProperty("spring.datasource.url")).as("the library's own database").contains(LIBRARY);
        assertThat(materials.count()).as("an empty library before loading").isZero();
        List<RelevanceEvaluation.JudgedQuery> queries = RelevanceEvaluation.parse(Files.readString(JUDGED));
        RelevanceLibrary.Loaded loaded = library.load(REAL, GENERATED, SEED);
        assertThat(loaded.keyById().values()).as("every real document, demo material and generated document, once")
                .doesNotHaveDuplicates().contains("real:A01", "real:G03", "demo:01", "demo:08", "gen:0", "gen:" + (GENERATED - 1))
                .hasSize(realDocuments() + 8 + GENERATED);
        assertThat(queries).as("a judged set of 70 queries and more").hasSizeGreaterThanOrEqualTo(70)
                .allSatisfy(q -> assertThat(loaded.keyById().values()).as(q.query()).containsAll(q.expected()));

        BaselineSearch baseline = new BaselineSearch(loaded.textByKey());
        RelevanceEvaluation.Run product = RelevanceEvaluation.run("product", queries, q -> library.search(loaded, q));
        RelevanceEvaluation.Run floor = RelevanceEvaluation.run("baseline", queries, q -> baseline.search(q, RelevanceEvaluation.DEPTH));
        System.out.println(RelevanceEvaluation.table(product, floor));

        RelevanceEvaluation.Metrics p = product.overall();
        RelevanceEvaluation.Metrics b = floor.overall();
        assertThat(p.hitsAt3()).as(() -> "hits@3; not in the top 3: " + product.outcomes().stream()
                .filter(o -> o.rank() == 0 || o.rank() > 3).map(o -> o.query().query()).toList())
                .isGreaterThanOrEqualTo(0.90);
        assertThat(p.zeroResultRate()).as("zero-result rate").isLessThanOrEqualTo(0.02);
        assertThat(p.hitsAt3()).as("hits@3 against the baseline's").isGreaterThanOrEqualTo(b.hitsAt3());
        assertThat(p.mrr()).as("MRR against the baseline's").isGreaterThanOrEqualTo(b.mrr());
        assertThat(RelevanceEvaluation.worse(product, floor))
                .as("queries the baseline answers in its top 3 (or top 10) and the product does not")
                .extracting(pair -> pair[0].query().query() + " (product " + pair[0].rank() + ", baseline " + pair[1].rank() + ")")
                .isEmpty();
    }

    private static int realDocuments() throws IOException {
        try (Stream<Path> files = Files.list(REAL)) {
            return (int) files.filter(p -> p.toString().endsWith(".txt")).count();
        }
    }
}
