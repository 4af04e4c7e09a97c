package org.scriptorium.storage;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where blobs are kept, under {@code scriptorium.blobs.*}.
 *
 * @param store {@code files} (the data directory of this node; the default), {@code database} or {@code s3}
 * @param s3    the bucket, for {@code s3}
 */
@ConfigurationProperties("scriptorium.blobs")
record BlobsProperties(@DefaultValue("files") String store, @DefaultValue S3 s3) {

    /**
     * @param endpoint  the S3-compatible server (e.g. {@code http://minio:9000}); empty for AWS S3 itself
     * @param region    the bucket's region (any name for most S3-compatible servers)
     * @param bucket    the bucket, made beforehand and kept private
     * @param accessKey with {@code secretKey}: the credentials; both empty to use the AWS SDK's default chain
     *                  (environment, profile, instance role)
     * @param secretKey see {@code accessKey}
     * @param pathStyle {@code endpoint/bucket/key} addresses instead of {@code bucket.endpoint/key} (MinIO needs it)
     */
    record S3(URI endpoint, @DefaultValue("us-east-1") String region, String bucket, String accessKey,
              String secretKey, @DefaultValue("false") boolean pathStyle) {

        /** The secret never goes to a log or an error page. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle=" + pathStyle + "]";
        }
    }
}
