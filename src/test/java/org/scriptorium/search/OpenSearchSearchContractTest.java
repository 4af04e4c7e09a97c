package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.search.opensearch.OpenSearchSearch;
import org.scriptorium.support.OpenSearchNode;

/**
 * Runs on the test JVM's one OpenSearch node ({@link OpenSearchNode}), on indexes of this class's own, emptied before
 * each test and deleted after the last.
 */
@DisplayName("The search contract, on OpenSearch")
class OpenSearchSearchContractTest extends SearchContract {

    private static final String PREFIX = "contract-" + ProcessHandle.current().pid();
    private static OpenSearchSearch openSearch;

    @BeforeAll
    static void open() {
        long start = System.nanoTime();
        String url = OpenSearchNode.url();
        long started = System.nanoTime();
        openSearch = new OpenSearchSearch(url, null, null, PREFIX, 0, SHANGHAI, Synonyms::builtIn);
        System.out.printf("OpenSearch node ready in %d ms, indexes in %d ms%n", (started - start) / 1_000_000,
                (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void close() {
        try {
            openSearch.dropIndexes();
        } finally {
            openSearch.close();
        }
    }

    /** Each test starts from empty indexes (cheaper than new ones: creating an index takes a good second here). */
    @BeforeEach
    void emptyIndexes() throws IOException, InterruptedException {
        HttpRequest clear = HttpRequest.newBuilder(URI.create(OpenSearchNode.url() + "/" + PREFIX + "-materials," + PREFIX
                        + "-passages/_delete_by_query?refresh=true&conflicts=proceed"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": {\"match_all\": {}}}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(clear, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("could not empty the indexes: " + response.body());
        }
    }

    @Override
    protected MaterialSearch search() {
        return openSearch;
    }

    @Override
    protected SearchIndex index() {
        return openSearch;
    }

    @Test
    @DisplayName("nodes starting together create one pair of indexes between them, and each finds what the other wrote")
    void nodesStartingTogether() throws Exception {
        String prefix = PREFIX + "-together";
        OpenSearchSearch first = null;
        OpenSearchSearch second = null;
        try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            Future<OpenSearchSearch> a = nodes.submit(() -> new OpenSearchSearch(OpenSearchNode.url(), null, null, prefix, 0,
                    SHANGHAI, Synonyms::builtIn));
            Future<OpenSearchSearch> b = nodes.submit(() -> new OpenSearchSearch(OpenSearchNode.url(), null, null, prefix, 0,
                    SHANGHAI, Synonyms::builtIn));
            first = a.get();
            second = b.get();
            assertThat(second.sharedByNodes()).isTrue();
            first.upsert(speech("x", "在防汛工作会议上的讲话", "要做好防汛准备工作。"));
            assertThat(second.search(text("防汛"), NOW, false).hits()).extracting(SearchResult.MaterialHit::materialId)
                    .containsExactly("x");
            second.delete("x");
            assertThat(first.materialCount()).isZero();
        } finally {
            if (first != null) {
                first.dropIndexes();
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
