package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("scriptorium.blobs.store chooses the blob store")
class BlobsConfigTest {

    private static final BlobsProperties.S3 NO_S3 = new BlobsProperties.S3(null, "us-east-1", null, null, null, false);

    @Test
    @DisplayName("files by default and when empty; database when asked")
    void choices() {
        assertThat(BlobsConfig.of(new BlobsProperties(null, NO_S3), Path.of("data"), null, Clock.systemUTC()).kind()).isEqualTo("files");
        assertThat(BlobsConfig.of(new BlobsProperties(" ", NO_S3), Path.of("data"), null, Clock.systemUTC()).kind()).isEqualTo("files");
        assertThat(BlobsConfig.of(new BlobsProperties("database", NO_S3), Path.of("data"), null, Clock.systemUTC()).kind())
                .isEqualTo("database");
    }

    @Test
    @DisplayName("an unknown store, or s3 without a bucket, stops the start with the setting's name")
    void refused() {
        assertThatThrownBy(() -> BlobsConfig.of(new BlobsProperties("nfs", NO_S3), Path.of("data"), null, Clock.systemUTC()))
                .hasMessageContaining("scriptorium.blobs.store").hasMessageContaining("nfs");
        assertThatThrownBy(() -> BlobsConfig.of(new BlobsProperties("s3", NO_S3), Path.of("data"), null, Clock.systemUTC()))
                .hasMessageContaining("scriptorium.blobs.s3.bucket");
    }

    @Test
    @DisplayName("the S3 settings never show the secret")
    void secretHidden() {
        assertThat(new BlobsProperties.S3(null, "r", "b", "AKIA", "very-secret", true).toString()).doesNotContain("very-secret");
    }
}
