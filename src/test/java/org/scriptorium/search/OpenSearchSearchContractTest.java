package org.scriptorium.search;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.scriptorium.search.opensearch.OpenSearchSearch;
import org.scriptorium.support.OpenSearchNode;

/** Runs on the test JVM's one OpenSearch node; each test on indexes of its own, deleted after it. */
@DisplayName("The search contract, on OpenSearch")
class OpenSearchSearchContractTest extends SearchContract {

    private static final AtomicInteger TESTS = new AtomicInteger();

    OpenSearchSearch openSearch;

    @BeforeEach
    void open() {
        openSearch = new OpenSearchSearch(OpenSearchNode.url(), null, null,
                "contract-" + ProcessHandle.current().pid() + "-" + TESTS.incrementAndGet(), 0, SHANGHAI, Synonyms::builtIn);
    }

    @AfterEach
    void close() {
        try {
            openSearch.dropIndexes();
        } finally {
            openSearch.close();
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
}
