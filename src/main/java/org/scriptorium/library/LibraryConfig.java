package org.scriptorium.library;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The library module's settings. */
@Configuration
@EnableConfigurationProperties({ImportLimits.class, SearchRate.class, MissLimits.class})
class LibraryConfig {
}
