package org.scriptorium.search;

import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.search.lucene.LuceneSearch;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the search adapter: embedded Lucene under the data directory by default, or the plain database search
 * with {@code scriptorium.search.engine=database}. The database adapter is always available as the baseline that the
 * benchmark measures against.
 */
@Configuration
class SearchConfig {

    @Bean
    DatabaseMaterialSearch databaseMaterialSearch(JdbcClient jdbc, ScriptoriumProperties properties, SynonymStore synonyms) {
        return new DatabaseMaterialSearch(jdbc, properties.zone(), synonyms);
    }

    @Bean(destroyMethod = "close")
    @Primary
    @ConditionalOnProperty(name = "scriptorium.search.engine", havingValue = "lucene", matchIfMissing = true)
    LuceneSearch luceneSearch(ScriptoriumProperties properties, SynonymStore synonyms) {
        // queries are read with the operator's synonym groups of the moment: a change needs no rebuild
        return new LuceneSearch(properties.dataDir().resolve("index"), properties.zone(), false, synonyms);
    }
}
