package org.scriptorium.sharing;

import java.time.Clock;
import java.util.Locale;
import org.scriptorium.common.Secrets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sharing module's settings, its event bus adapter and the stream port's tickets. */
@Configuration
@EnableConfigurationProperties(SharingProperties.class)
class SharingConfig {

    /** Signed with a key kept in the database, so a page served by one node may stream from another. */
    @Bean
    StreamTickets streamTickets(JdbcClient jdbc, Clock clock, SharingProperties properties) {
        return new StreamTickets(Secrets.loadOrCreate(jdbc, clock, "stream_ticket_key"), clock,
                properties.stream().ticketLifetime());
    }

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
