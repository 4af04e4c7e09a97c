package org.scriptorium.search;

import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chooses the search adapter. */
@Configuration
class SearchConfig {

    @Bean
    DatabaseMaterialSearch databaseMaterialSearch(JdbcClient jdbc, ScriptoriumProperties properties) {
        return new DatabaseMaterialSearch(jdbc, properties.zone());
    }
}
