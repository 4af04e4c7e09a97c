package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.ScriptoriumApplication;
import org.scriptorium.common.DbTime;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.MaterialSearch;
import org.scriptorium.search.PassageResult;
import org.scriptorium.search.SearchIndex;
import org.scriptorium.search.SearchResult;
import org.scriptorium.search.TitleSuggestion;
import org.scriptorium.search.lucene.LuceneSearch;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several app nodes on one database keep their search in step: with an index per node, a change made on one node is
 * found on another within seconds (PostgreSQL, where nodes follow the change log); with a shared index, each change
 * is applied once for the cluster, and a change left by a node that died is applied by another.
 */
class SeveralNodesSearchTest extends IntegrationTest {

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    private static final List<LuceneSearch> OPENED = new ArrayList<>();

    @AfterAll
    static void closeIndexes() throws IOException {
        for (LuceneSearch index : OPENED) {
            index.close();
        }
    }

    @Test
    @DisplayName("a material imported on node one is found by a search on node two within 2 s (an index per node)")
    void changeReachesAnotherNodesIndex() throws Exception {
        assumeTrue(environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:"),
                "nodes follow the change log by default on PostgreSQL");
        // Only the NOTIFY can bring the change this fast: node two does not look in the log by itself meanwhile.
        try (ConfigurableApplicationContext two = node("--scriptorium.search.indexing.poll=1h")) {
            assertThat(two.getBean(SearchIndexing.class).mode()).isEqualTo(SearchIndexing.Mode.FOLLOW);
            Api onTwo = Api.at("http://127.0.0.1:" + port(two)).asAdmin();
            String word = Words.unique();
            String id = importWith(api().asAdmin(), word);
            // Within 2 s of the import's answer (its commit comes just before).
            Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> total(onTwo, word) == 1);

            assertThat(api().asAdmin().post("/api/v1/admin/materials/" + id + "/withdraw", Map.of()).status())
                    .isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> total(onTwo, word) == 0);
        }
    }

    @Test
    @DisplayName("with a shared index each change is applied once across two nodes, and one whose node died by the other")
    void sharedIndexAppliesEachChangeOnce() throws Exception {
        CountingSharedIndex shared = new CountingSharedIndex(Files.createTempDirectory("scriptorium-shared-index"));
        SharedIndexBeans.index = shared;
        // The nodes' timers are kept out of the way: each node's takeover runs when the test calls it.
        String[] settings = {"--scriptorium.search.engine=database", "--scriptorium.search.indexing.poll=1h"};
        try (ConfigurableApplicationContext one = node(SharedIndexBeans.class, settings);
             ConfigurableApplicationContext two = node(SharedIndexBeans.class, settings)) {
            SearchIndexing indexingOne = one.getBean(SearchIndexing.class);
            SearchIndexing indexingTwo = two.getBean(SearchIndexing.class);
            assertThat(indexingOne.mode()).isEqualTo(SearchIndexing.Mode.SHARED);

            String word = Words.unique();
            String id = importWith(Api.at("http://127.0.0.1:" + port(one)).asAdmin(), word);
            assertThat(total(Api.at("http://127.0.0.1:" + port(two)).asAdmin(), word)).as("found on node two").isEqualTo(1);
            // While node one holds the row (until its index commits), node two leaves it alone; then it is gone.
            assertThat(indexingTwo.replayOutbox()).isZero();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queued(id) == 0);
            assertThat(indexingTwo.replayOutbox() + indexingOne.replayOutbox()).isZero();
            assertThat(shared.upserts(id)).as("applied once for the cluster").isEqualTo(1);

            // A node that died after committing (and leasing) a change: its row waits for the lease to run out.
            Instant now = Instant.now();
            jdbc.sql("INSERT INTO search_outbox (material_id, queued_at, lease_token, leased_until) VALUES (?, ?, ?, ?)")
                    .params(id, DbTime.of(now), "deadnode", DbTime.of(now.plusSeconds(60))).update();
            assertThat(indexingTwo.replayOutbox()).as("still leased by the dead node").isZero();
            jdbc.sql("UPDATE search_outbox SET leased_until = ? WHERE material_id = ?")
                    .params(DbTime.of(now.minusSeconds(1)), id).update();
            assertThat(indexingTwo.replayOutbox()).as("taken over once the lease ran out").isEqualTo(1);
            assertThat(indexingOne.replayOutbox()).as("and by one node only").isZero();
            assertThat(shared.upserts(id)).isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queued(id) == 0);
        }
    }

    private long queued(String materialId) {
        return jdbc.sql("SELECT COUNT(*) FROM search_outbox WHERE material_id = ?").param(materialId)
                .query(Long.class).single();
    }

    private ConfigurableApplicationContext node(String... extra) throws IOException {
        return node(null, extra);
    }

    /** Another app node on this test's database, with a data directory of its own. */
    private ConfigurableApplicationContext node(Class<?> beans, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username", ""),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--scriptorium.data-dir=" + Files.createTempDirectory("scriptorium-node"),
                "--scriptorium.demo.enabled=false",
                "--scriptorium.admin.email="));
        String schemas = environment.getProperty("spring.flyway.schemas");
        if (schemas != null) {
            args.add("--spring.flyway.schemas=" + schemas);
        }
        args.addAll(List.of(extra));
        SpringApplicationBuilder builder = beans == null
                ? new SpringApplicationBuilder(ScriptoriumApplication.class)
                : new SpringApplicationBuilder(ScriptoriumApplication.class, beans);
        return builder.run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static String importWith(Api admin, String word) {
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + word + "整治")), null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    private static long total(Api caller, String query) {
        return caller.get("/api/v1/materials?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).json()
                .get("total").asLong();
    }

    /**
     * The beans of a node whose search index is shared with the other nodes of the test (not a {@code @Configuration}:
     * only the nodes started with it get it, never the test's own application).
     */
    static class SharedIndexBeans {

        static volatile CountingSharedIndex index;

        @Bean
        @Primary
        CountingSharedIndex sharedIndex() {
            return index;
        }
    }

    /**
     * One embedded index that every node of the test writes, standing in for a search server: it says it is shared,
     * and counts how often each material is written to it, by any node.
     */
    static final class CountingSharedIndex implements SearchIndex, MaterialSearch {

        private final LuceneSearch lucene;
        private final Map<String, AtomicInteger> upserts = new ConcurrentHashMap<>();

        CountingSharedIndex(Path directory) {
            this.lucene = new LuceneSearch(directory, ZoneId.of("Asia/Shanghai"));
            OPENED.add(lucene);
        }

        int upserts(String materialId) {
            AtomicInteger n = upserts.get(materialId);
            return n == null ? 0 : n.get();
        }

        @Override
        public boolean sharedByNodes() {
            return true;
        }

        @Override
        public void upsert(IndexedMaterial material) {
            upserts.computeIfAbsent(material.id(), k -> new AtomicInteger()).incrementAndGet();
            lucene.upsert(material);
        }

        @Override
        public void delete(String materialId) {
            lucene.delete(materialId);
        }

        @Override
        public void afterDurable(Runnable action) {
            lucene.afterDurable(action);
        }

        @Override
        public void rebuild(Iterator<IndexedMaterial> materials, LongConsumer progress) {
            lucene.rebuild(materials, progress);
        }

        @Override
        public long materialCount() {
            return lucene.materialCount();
        }

        @Override
        public Optional<Map<String, String>> versions() {
            return lucene.versions();
        }

        @Override
        public SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
            return lucene.search(query, now, includeUnpublished, scope);
        }

        @Override
        public PassageResult passages(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
            return lucene.passages(query, now, includeUnpublished, scope);
        }

        @Override
        public List<TitleSuggestion> suggestTitles(String typed, int limit, Instant now) {
            return lucene.suggestTitles(typed, limit, now);
        }
    }
}
