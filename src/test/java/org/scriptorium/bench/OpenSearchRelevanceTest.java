package org.scriptorium.bench;

import org.junit.jupiter.api.DisplayName;
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
}
