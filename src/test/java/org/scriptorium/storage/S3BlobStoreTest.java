package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.S3Server;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Permission;

/** Against a real S3-compatible server (s3proxy, a process of its own: see {@link S3Server}). */
@DisplayName("Blobs in an S3-compatible bucket (scriptorium.blobs.store=s3)")
class S3BlobStoreTest extends BlobStoreContract {

    private static String bucket;

    @BeforeAll
    static void bucket() {
        bucket = S3Server.get().newBucket();
    }

    @Override
    BlobStorage storage() {
        return new S3BlobStorage(BlobsConfig.client(settings(bucket)), bucket).verify();
    }

    private static BlobsProperties.S3 settings(String bucket) {
        return new BlobsProperties.S3(S3Server.get().endpoint(), S3Server.REGION, bucket, S3Server.ACCESS_KEY,
                S3Server.SECRET_KEY, true);
    }

    @Test
    @DisplayName("objects sit under the namespace's prefix, readable by the owner only, never by everyone")
    void privateObjects() {
        BlobStore evidence = storage.namespace("evidence");
        String key = evidence.put("证据".getBytes());
        try (S3Client client = S3Server.get().client()) {
            GetObjectAclResponse acl = client.getObjectAcl(r -> r.bucket(bucket).key("evidence/" + key));
            assertThat(acl.grants()).isNotEmpty().allSatisfy(grant -> {
                assertThat(grant.grantee().uri()).as("no group grant (AllUsers, AuthenticatedUsers)").isNull();
                assertThat(grant.permission()).isEqualTo(Permission.FULL_CONTROL);
            });
        }
        assertThat(storage.sharedByNodes()).isTrue();
    }

    @Test
    @DisplayName("a bucket that does not exist stops the start with its name")
    void missingBucket() {
        assertThatThrownBy(() -> new S3BlobStorage(BlobsConfig.client(settings("no-such-bucket-17")), "no-such-bucket-17").verify())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-bucket-17");
    }
}
