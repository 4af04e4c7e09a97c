package org.scriptorium.search;

import java.util.List;

import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.search.lucene.LuceneSearch;
import org.scriptorium.search.opensearch.OpenSearchSearch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the search adapter: embedded Lucene under the data directory by default, an OpenSearch server every node
 * shares with {@code scriptorium.search.engine=opensearch}, or the plain database search
 * with {@code scriptorium.search.engine=database}. The database adapter is always available as the baseline that the
 * benchmark measures against.
 */
@Configuration
class SearchConfig {

    /** The values {@code scriptorium.search.engine} takes. */
    static final List<String> ENGINES = List.of("lucene", "opensearch", "database");

    @Bean
    DatabaseMaterialSearch databaseMaterialSearch(JdbcClient jdbc, ScriptoriumProperties properties, SynonymStore synonyms,
                                                  @Value("${scriptorium.search.engine:lucene}") String engine) {
        // this bean is made whatever the engine: the place to refuse a misspelt one, which would otherwise leave
        // every node on the slow database search without a word
        checkEngine(engine);
        return new DatabaseMaterialSearch(jdbc, properties.zone(), synonyms);
    }

    /** @throws IllegalStateException naming the setting, for a value other than {@link #ENGINES} */
    static void checkEngine(String engine) {
        if (!ENGINES.contains(engine)) {
            throw new IllegalStateException("scriptorium.search.engine must be one of " + ENGINES + ", not '" + engine + "'");
        }
    }

    @Bean(destroyMethod = "close")
    @Primary
    @ConditionalOnProperty(name = "scriptorium.search.engine", havingValue = "lucene", matchIfMissing = true)
    LuceneSearch luceneSearch(ScriptoriumProperties properties, SynonymStore synonyms) {
        // queries are read with the operator's synonym groups of the moment: a change needs no rebuild
        return new LuceneSearch(properties.dataDir().resolve("index"), properties.zone(), false, synonyms);
    }

    /** Issue 17: every node reads and writes the one OpenSearch index named by {@code scriptorium.search.opensearch.*}. */
    @Bean(destroyMethod = "close")
    @Primary
    @ConditionalOnProperty(name = "scriptorium.search.engine", havingValue = "opensearch")
    OpenSearchSearch openSearchSearch(ScriptoriumProperties properties, SynonymStore synonyms,
                                      @Value("${scriptorium.search.opensearch.url:http://127.0.0.1:9200}") String url,
                                      @Value("${scriptorium.search.opensearch.username:}") String username,
                                      @Value("${scriptorium.search.opensearch.password:}") String password,
                                      @Value("${scriptorium.search.opensearch.index-prefix:scriptorium}") String prefix,
                                      @Value("${scriptorium.search.opensearch.replicas:0}") int replicas) {
        return new OpenSearchSearch(url, username, password, prefix, replicas, properties.zone(), synonyms);
    }
}
