package org.scriptorium.library;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The library module's settings, and how the search index hears of changes made on other nodes. */
@Configuration
@EnableConfigurationProperties({ImportLimits.class, SearchRate.class, MissLimits.class, IndexingSettings.class})
class LibraryConfig {

    /** Whether the database is PostgreSQL, which several nodes may share. */
    static boolean onPostgres(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    }

    /** A PostgreSQL NOTIFY when nodes follow the change log there; else nothing (they poll). */
    @Bean
    ChangeSignal changeSignal(IndexingSettings settings, Environment environment, JdbcClient jdbc) {
        if (!onPostgres(environment) || !settings.follows(true)) {
            return ChangeSignal.none();
        }
        return ChangeSignal.postgres(jdbc, environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
    }
}
