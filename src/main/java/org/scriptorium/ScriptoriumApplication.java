package org.scriptorium;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.storage.DataDirectoryCheck;
import org.scriptorium.storage.RestoreCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Starts Scriptorium: a self-hosted subscription library of writing materials. */
@SpringBootApplication
@EnableConfigurationProperties(ScriptoriumProperties.class)
public class ScriptoriumApplication {

    /** Commands that run once without the web server and exit, e.g. {@code java -jar scriptorium.jar reindex}. */
    static final Set<String> COMMANDS = Set.of("reindex", "trace", "backup", "bench-search", "bench-trace",
            "bench-events", "bench-sites", "bench-load", "bench-imports", "bench-relevance",
            // issue 16, leak guard part
            "bench-guard", "bench-group",
            // issue 17, three-node harness part
            "bench-proxy",
            // issue 17, shared state part
            "bench-shared");

    public static void main(String[] args) {
        if (RestoreCommand.requested(args)) {
            System.exit(RestoreCommand.run(args));
        }
        SpringApplication application = new SpringApplication(ScriptoriumApplication.class);
        application.addListeners(new DataDirectoryCheck());
        boolean command = Arrays.stream(args).anyMatch(COMMANDS::contains);
        if (command && Arrays.stream(args).noneMatch(a -> a.equals("bench-search") || a.equals("bench-events")
                || a.equals("bench-load") || a.equals("bench-group"))) {
            application.setWebApplicationType(WebApplicationType.NONE);
        }
        if (Arrays.asList(args).contains("bench-search")) {
            // The benchmark searches from one address as fast as it can: the readers' rate limit would measure itself.
            application.setDefaultProperties(Map.of("scriptorium.search.rate.enabled", "false"));
        }
        if (Arrays.asList(args).contains("bench-load")) {
            // Every simulated reader connects from 127.0.0.1: one address's limit would stop them all. Each reader's
            // own account limit stays as configured.
            application.setDefaultProperties(Map.of("scriptorium.search.rate.address-burst", "1000000",
                    "scriptorium.search.rate.address-per-minute", "1000000"));
        }
        ConfigurableApplicationContext context = application.run(args);
        if (command) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The one clock: every rule that depends on time asks it, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
