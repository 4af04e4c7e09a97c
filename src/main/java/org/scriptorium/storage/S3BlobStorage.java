package org.scriptorium.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects of one S3-compatible bucket (AWS S3, MinIO, Ceph …), each namespace under a prefix of its own
 * ({@code evidence/<key>}), so every node reads what any node stored. Objects are written without any ACL: the bucket
 * stays private, and the bytes reach a user only through the application's own checks.
 *
 * <p>A put returns once the store has acknowledged the object (S3 writes are durable and atomic: no reader ever sees
 * half an object); streamed content is spooled to a temporary file first, since a request must state its length.
 */
final class S3BlobStorage implements BlobStorage, AutoCloseable {

    private final S3Client client;
    private final String bucket;

    S3BlobStorage(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /**
     * Fails at start, with the bucket's name, when the bucket cannot be reached: better than a report refused later.
     *
     * @throws IllegalStateException when the bucket is missing or the credentials do not open it
     */
    S3BlobStorage verify() {
        try {
            client.headBucket(b -> b.bucket(bucket));
            return this;
        } catch (NoSuchBucketException e) {
            throw new IllegalStateException("scriptorium.blobs.s3.bucket: the bucket " + bucket + " does not exist", e);
        } catch (S3Exception e) {
            throw new IllegalStateException("scriptorium.blobs.s3: cannot open the bucket " + bucket + " ("
                    + e.statusCode() + ")", e);
        }
    }

    @Override
    public RestorableBlobStore namespace(String name) {
        return new Prefix(BlobKeys.namespace(name) + "/");
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public void close() {
        client.close();
    }

    /** One namespace's objects. */
    private final class Prefix implements RestorableBlobStore {

        private final String prefix;

        Prefix(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String put(byte[] content) {
            String key = BlobKeys.newKey();
            client.putObject(r -> r.bucket(bucket).key(prefix + key).contentLength((long) content.length),
                    RequestBody.fromBytes(content));
            return key;
        }

        @Override
        public void putAs(String key, Content content) {
            BlobKeys.require(key);
            try (Spool spool = Spool.of(content)) {
                client.putObject(r -> r.bucket(bucket).key(prefix + key).contentLength(spool.size()),
                        RequestBody.fromFile(spool.file()));
            }
        }

        @Override
        public Optional<byte[]> get(String key) {
            if (!BlobKeys.valid(key)) {
                return Optional.empty();
            }
            try {
                return Optional.of(client.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + key)).asByteArrayUnsafe());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<InputStream> open(String key) {
            if (!BlobKeys.valid(key)) {
                return Optional.empty();
            }
            try {
                ResponseInputStream<GetObjectResponse> in = client.getObject(r -> r.bucket(bucket).key(prefix + key));
                return Optional.of(in);
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        }

        @Override
        public void delete(String key) {
            if (BlobKeys.valid(key)) {
                client.deleteObject(r -> r.bucket(bucket).key(prefix + key));
            }
        }

        @Override
        public int sweep(Predicate<String> kept, Instant writtenBefore) {
            int removed = 0;
            for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                String key = object.key().substring(prefix.length());
                // Only objects named like our keys: anything else an operator put in the bucket is not ours to judge.
                if (BlobKeys.valid(key) && !kept.test(key) && object.lastModified().isBefore(writtenBefore)) {
                    delete(key);
                    removed++;
                }
            }
            return removed;
        }
    }
}
