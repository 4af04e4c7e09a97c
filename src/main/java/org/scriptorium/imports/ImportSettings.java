package org.scriptorium.imports;

import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.storage.BlobStorage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where uploaded archives wait and how large one document may be: the operator's settings as this module uses them. */
@Configuration
class ImportSettings {

    private final long maxEntryBytes;

    ImportSettings(ScriptoriumProperties properties) {
        this.maxEntryBytes = properties.upload().maxSize().toBytes();
    }

    /** The upload limit: the most one document of an archive may inflate to. */
    long maxEntryBytes() {
        return maxEntryBytes;
    }

    @Bean
    ArchiveStore importArchiveStore(BlobStorage storage, ScriptoriumProperties properties) {
        return new ArchiveStore(storage.namespace("imports"), properties.dataDir().resolve("import-work"));
    }
}
