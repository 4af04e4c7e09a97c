package org.scriptorium.storage;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The blob store chosen by {@code scriptorium.blobs.store}. */
@Configuration
@EnableConfigurationProperties(BlobsProperties.class)
class BlobsConfig {

    @Bean
    BlobStorage blobStorage(BlobsProperties blobs, ScriptoriumProperties properties, DataSource dataSource, Clock clock) {
        return of(blobs, properties.dataDir(), dataSource, clock);
    }

    /** The store the settings choose; also for {@link RestoreCommand}, which runs without the application. */
    static BlobStorage of(BlobsProperties blobs, Path dataDir, DataSource dataSource, Clock clock) {
        String store = blobs.store() == null ? "files" : blobs.store().strip();
        return switch (store) {
            case "files", "" -> new FileBlobStorage(dataDir);
            case "database" -> new DatabaseBlobStorage(dataSource, clock);
            case "s3" -> new S3BlobStorage(client(blobs.s3()), blobs.s3().bucket()).verify();
            default -> throw new IllegalStateException("scriptorium.blobs.store: \"" + store
                    + "\" is not a blob store; choose files, database or s3");
        };
    }

    static S3Client client(BlobsProperties.S3 s3) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("scriptorium.blobs.s3.bucket: name the bucket for scriptorium.blobs.store=s3");
        }
        boolean keys = s3.accessKey() != null && !s3.accessKey().isBlank();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                // The SDK's newer default checksums (CRC on every request) are not understood by every S3-compatible
                // server; the classic Content-MD5/ETag checks still guard what S3 requires.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(keys
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
                        : DefaultCredentialsProvider.builder().build());
        if (s3.endpoint() != null && !s3.endpoint().toString().isBlank()) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }
}
