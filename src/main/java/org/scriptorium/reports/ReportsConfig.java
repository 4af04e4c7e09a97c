package org.scriptorium.reports;

import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reports module's settings and its blob store (the local file system under the data directory). */
@Configuration
@EnableConfigurationProperties(ReportsProperties.class)
class ReportsConfig {

    @Bean
    EvidenceBlobs evidenceBlobs(ScriptoriumProperties properties) {
        return new LocalEvidenceBlobs(properties.dataDir().resolve("evidence"));
    }
}
