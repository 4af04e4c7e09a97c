package org.scriptorium.reports;

import org.scriptorium.storage.BlobStorage;
import org.scriptorium.storage.BlobStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reports module's settings and where its evidence files are kept (the blob store's {@code evidence} namespace). */
@Configuration
@EnableConfigurationProperties(ReportsProperties.class)
class ReportsConfig {

    @Bean
    BlobStore evidenceBlobs(BlobStorage storage) {
        return storage.namespace("evidence");
    }
}
