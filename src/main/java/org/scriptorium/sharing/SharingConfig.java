package org.scriptorium.sharing;

import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sharing module's settings and its event bus adapter. */
@Configuration
@EnableConfigurationProperties(SharingProperties.class)
class SharingConfig {

    /** LISTEN/NOTIFY when the database is PostgreSQL (or when asked for), else in-process. */
    @Bean
    EventBus eventBus(SharingProperties properties, Environment environment, JdbcClient jdbc) {
        String url = environment.getProperty("spring.datasource.url", "");
        String choice = properties.bus().toLowerCase(Locale.ROOT);
        boolean postgres = switch (choice) {
            case "postgresql" -> true;
            case "in-process" -> false;
            default -> url.startsWith("jdbc:postgresql:");
        };
        if (!postgres) {
            return new InProcessEventBus();
        }
        PostgresEventBus bus = new PostgresEventBus(jdbc, url, environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
        bus.start();
        return bus;
    }
}
