package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scriptorium.search.OpenSearchAppTest.q;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.SearchIndexing;
import org.scriptorium.search.opensearch.OpenSearchSearch;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.OpenSearchNode;
import org.scriptorium.support.TcpRelay;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on OpenSearch while the server does not answer (here: its port cut by a relay): readers are told
 * search is unavailable, not shown a server error; publishing goes on; once the server answers again, what was
 * published meanwhile is found.
 */
@DisplayName("While OpenSearch does not answer, search says so and nothing published meanwhile is lost")
class OpenSearchUnavailableTest extends IntegrationTest {

    private static final String PREFIX = "down-" + ProcessHandle.current().pid() + "-" + System.getProperty("scriptorium.test.db", "h2");
    private static TcpRelay relay;
    private static OpenSearchSearch opened;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("scriptorium.search.engine", () -> "opensearch");
        registry.add("scriptorium.search.opensearch.url", () -> {
            relay = new TcpRelay(URI.create(OpenSearchNode.url()).getPort());
            return "http://127.0.0.1:" + relay.port();
        });
        registry.add("scriptorium.search.opensearch.index-prefix", () -> PREFIX);
        // A change the server could not take is taken over once its lease runs out: short here, a minute by default.
        // The takeover runs when the test calls it: on its own timer it would also take (and remove) the outbox rows
        // of the other test contexts, which share the database and index into Lucene.
        registry.add("scriptorium.search.indexing.lease", () -> "2s");
        registry.add("scriptorium.search.indexing.poll", () -> "1h");
    }

    @Autowired
    SearchIndex index;

    @Autowired
    SearchIndexing indexing;

    @AfterAll
    static void cleanUp() {
        if (relay != null) {
            relay.restore();
            if (opened != null) {
                opened.dropIndexes();
            }
            relay.close();
        }
    }

    @Test
    @DisplayName("503 SEARCH_UNAVAILABLE in the API and the page, reading and publishing go on, the outbox catches up")
    void serverAway() throws InterruptedException {
        assertThat(index).isInstanceOf(OpenSearchSearch.class);
        opened = (OpenSearchSearch) index;
        Api admin = api().asAdmin();
        String before = Words.unique();
        String id = OpenSearchAppTest.publishWith(admin, before);
        OpenSearchAppTest.eventually(() -> admin.get("/api/v1/materials?q=" + q(before)).json().get("total").asLong() == 1);

        relay.cut();
        try {
            Api.Response api = admin.get("/api/v1/materials?q=" + q(before));
            assertThat(api.status()).as(api.text()).isEqualTo(503);
            assertThat(api.json().get("code").asString()).isEqualTo("SEARCH_UNAVAILABLE");
            assertThat(api.header("Retry-After")).hasValue("30");
            assertThat(admin.get("/api/v1/passages?q=" + q(before)).status()).isEqualTo(503);

            HttpResponse<String> page = new WebSession(port).get("/materials?q=" + q(before));
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("搜索服务暂时不可用，请稍后再试。").doesNotContain("Exception", "null");

            // Reading needs no search server, and a publication is saved; its index write waits in the outbox.
            assertThat(admin.get("/api/v1/materials/" + id).status()).isEqualTo(200);
            String during = Words.unique();
            String later = OpenSearchAppTest.publishWith(admin, during);
            assertThat(admin.get("/api/v1/materials/" + later).status()).isEqualTo(200);

            relay.restore();
            OpenSearchAppTest.eventually(() -> {
                indexing.replayOutbox(); // what each node's poll does: the rows whose lease ran out
                Api.Response found = admin.get("/api/v1/materials?q=" + q(during));
                return found.status() == 200 && found.json().get("total").asLong() == 1
                        && found.json().get("hits").get(0).get("materialId").asString().equals(later);
            }, Duration.ofSeconds(20));
        } finally {
            relay.restore();
        }
    }
}
