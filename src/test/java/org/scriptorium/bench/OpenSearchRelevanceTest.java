package org.scriptorium.bench;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.OpenSearchNode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The judged query set ({@link RelevanceTest}) with the application searching through OpenSearch (issue 17): the same
 * floor and the same baseline, so that the OpenSearch adapter is held to the relevance of the Lucene one.
 */
@DisplayName("The judged queries, searched through OpenSearch")
class OpenSearchRelevanceTest extends RelevanceTest {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        registry.add("scriptorium.search.engine", () -> "opensearch");
        registry.add("scriptorium.search.opensearch.url", OpenSearchNode::url);
        registry.add("scriptorium.search.opensearch.index-prefix", () -> "relevance-" + ProcessHandle.current().pid()
                + "-" + System.getProperty("scriptorium.test.db", "h2"));
    }

    /**
     * Once per build, on H2: the ranking is the search adapter's, the same whatever database the library is read from,
     * and loading the judged library into OpenSearch one material at a time is this test's cost (a minute and more).
     */
    @Override
    @Test
    @DisplayName("the judged queries through OpenSearch: the same floor and baseline as through Lucene")
    void judgedSet() throws IOException {
        assumeFalse("postgresql".equals(System.getProperty("scriptorium.test.db")),
                "the ranking does not depend on the database: measured in the H2 run only");
        super.judgedSet();
    }
}
