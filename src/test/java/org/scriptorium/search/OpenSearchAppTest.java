package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.scriptorium.library.SearchIndexing;
import org.scriptorium.search.opensearch.OpenSearchSearch;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.OpenSearchNode;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The whole application with {@code scriptorium.search.engine=opensearch}, on the test JVM's OpenSearch node. */
@DisplayName("The application searches through OpenSearch when told to")
class OpenSearchAppTest extends IntegrationTest {

    private static final String PREFIX = "app-" + ProcessHandle.current().pid() + "-" + System.getProperty("scriptorium.test.db", "h2");
    private static OpenSearchSearch opened;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("scriptorium.search.engine", () -> "opensearch");
        registry.add("scriptorium.search.opensearch.url", OpenSearchNode::url);
        registry.add("scriptorium.search.opensearch.index-prefix", () -> PREFIX);
        // The test contexts share one database: this node's takeover of unheld outbox rows would apply (and remove)
        // the rows of other contexts, which index into Lucene, so it never runs by itself here.
        registry.add("scriptorium.search.indexing.poll", () -> "1h");
    }

    @Autowired
    SearchIndex index;

    @Autowired
    MaterialSearch search;

    @Autowired
    SearchIndexing indexing;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void dropIndexes() {
        if (opened != null) {
            opened.dropIndexes();
        }
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Publishes a speech holding {@code word} (found nowhere else) through the API; returns its id. */
    static String publishWith(Api admin, String word) {
        Api.Response created = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + word + "整治")), null, null);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("materialId").asString();
    }

    /** Waits up to 10 s for the condition. */
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        eventually(condition, Duration.ofSeconds(10));
    }

    static void eventually(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("not within " + within.toSeconds() + " s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @DisplayName("an imported material is found by search and its passages through the API, passages only for the entitled")
    void importThenFind() throws InterruptedException {
        assertThat(index).isInstanceOf(OpenSearchSearch.class);
        assertThat(search).isSameAs(index);
        assertThat(index.sharedByNodes()).isTrue();
        opened = (OpenSearchSearch) index;

        Api admin = api().asAdmin();
        String word = Words.unique();
        String id = publishWith(admin, word);

        eventually(() -> admin.get("/api/v1/materials?q=" + q(word)).json().get("total").asLong() == 1);
        JsonNode hits = admin.get("/api/v1/materials?q=" + q(word)).json().get("hits");
        assertThat(hits.get(0).get("materialId").asString()).isEqualTo(id);
        JsonNode passages = admin.get("/api/v1/passages?q=" + q(word)).json();
        assertThat(passages.get("hits").get(0).get("materialId").asString()).isEqualTo(id);
        assertThat(api().get("/api/v1/passages?q=" + q(word)).json().get("total").asLong()).isZero();
        assertThat(index.versions()).hasValueSatisfying(v -> assertThat(v).containsKey(id));
    }

    @Test
    @DisplayName("a rebuild leaves out a material another node withdrew while the rebuild read the library")
    void rebuildMissesNoOtherNodesChange() throws InterruptedException {
        opened = (OpenSearchSearch) index;
        Api admin = api().asAdmin();
        String word = Words.unique();
        String id = publishWith(admin, word);
        eventually(() -> admin.get("/api/v1/materials?q=" + q(word)).json().get("total").asLong() == 1);
        long released = jdbc.sql("SELECT COUNT(*) FROM materials WHERE withdrawn_at IS NULL AND draft = FALSE")
                .query(Long.class).single();

        // Another node on the same OpenSearch: it withdraws the material once the rebuild here has read every material,
        // and so writes its change to the old index only.
        AtomicBoolean withdrawn = new AtomicBoolean();
        try (OpenSearchSearch otherNode = new OpenSearchSearch(OpenSearchNode.url(), null, null, PREFIX, 0,
                ZoneId.of("Asia/Shanghai"), Synonyms::none)) {
            indexing.rebuild(count -> {
                if (count == released && withdrawn.compareAndSet(false, true)) {
                    Instant now = Instant.now();
                    jdbc.sql("UPDATE materials SET withdrawn_at = ?, updated_at = ? WHERE id = ?")
                            .params(DbTime.of(now), DbTime.of(now), id).update();
                    otherNode.delete(id);
                }
            });
        }
        assertThat(withdrawn).as("the rebuild read every material before it finished").isTrue();
        assertThat(index.versions()).hasValueSatisfying(v -> assertThat(v).doesNotContainKey(id));
        assertThat(admin.get("/api/v1/materials?q=" + q(word)).json().get("total").asLong()).isZero();
    }

}
