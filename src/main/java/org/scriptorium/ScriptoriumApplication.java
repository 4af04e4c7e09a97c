package org.scriptorium;

import java.time.Clock;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Starts Scriptorium: a self-hosted subscription library of writing materials. */
@SpringBootApplication
@EnableConfigurationProperties(ScriptoriumProperties.class)
public class ScriptoriumApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScriptoriumApplication.class, args);
    }

    /** The one clock: every rule that depends on time asks it, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
