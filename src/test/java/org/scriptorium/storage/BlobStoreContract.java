package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every blob store promises, run against each of them (files, database, S3): a subclass only says how its store
 * is made. Each test works in a namespace of its own, so tests never see each other's blobs.
 */
abstract class BlobStoreContract {

    private static int namespaces;

    /** The store under test; called once per test. */
    abstract BlobStorage storage();

    BlobStorage storage;
    BlobStore blobs;

    @BeforeEach
    void namespace() {
        storage = storage();
        blobs = storage.namespace(newNamespace());
    }

    static synchronized String newNamespace() {
        return "contract-" + System.nanoTime() % 1_000_000_000L + "-" + namespaces++;
    }

    @AfterEach
    void close() throws Exception {
        if (storage instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("bytes are stored under long random keys and read back whole, as bytes or as a stream")
    void roundTrip() throws IOException {
        byte[] evidence = "在某网店看到的讲话稿".getBytes(StandardCharsets.UTF_8);
        String first = blobs.put(evidence);
        String second = blobs.put(evidence);
        assertThat(first).matches("[0-9a-f]{48}").isNotEqualTo(second);
        assertThat(blobs.get(first)).hasValueSatisfying(b -> assertThat(b).isEqualTo(evidence));
        try (InputStream in = blobs.open(second).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(evidence);
        }
        String empty = blobs.put(new byte[0]);
        assertThat(blobs.get(empty)).hasValueSatisfying(b -> assertThat(b).isEmpty());
    }

    @Test
    @DisplayName("streamed content is stored as written, even when the writer closes the stream it was given")
    void streamed() {
        String key = blobs.put(out -> {
            out.write("第一部分".getBytes(StandardCharsets.UTF_8));
            out.write("第二部分".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertThat(blobs.get(key)).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("第一部分第二部分"));
    }

    @Test
    @DisplayName("a writer that fails leaves nothing behind and the failure reaches the caller")
    void failedWriter() {
        assertThatThrownBy(() -> blobs.put(out -> {
            out.write(new byte[1000]);
            throw new IOException("upload broke off");
        })).hasRootCauseMessage("upload broke off");
        assertThat(blobs.sweep(key -> false, Instant.now().plusSeconds(60))).isZero();
    }

    @Test
    @DisplayName("a 20 MB blob goes in as a stream and comes back byte for byte, as a stream and as bytes")
    void large() throws Exception {
        byte[] chunk = new byte[1 << 20];
        new Random(17).nextBytes(chunk);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        String key = blobs.put(out -> {
            for (int i = 0; i < 20; i++) {
                chunk[0] = (byte) i; // each megabyte differs, so a repeated or dropped one shows
                out.write(chunk);
                written.update(chunk);
            }
        });
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = blobs.open(key).orElseThrow()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                read.update(buffer, 0, n);
                size += n;
            }
        }
        byte[] expected = written.digest();
        assertThat(size).isEqualTo(20L << 20);
        assertThat(read.digest()).isEqualTo(expected);
        byte[] whole = blobs.get(key).orElseThrow();
        assertThat(whole).hasSize(20 << 20);
        assertThat(MessageDigest.getInstance("SHA-256").digest(whole)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a deleted key is never readable again; other keys and unknown keys are unaffected")
    void delete() {
        String gone = blobs.put(new byte[] {1, 2, 3});
        String kept = blobs.put(new byte[] {4, 5, 6});
        blobs.delete(gone);
        assertThat(blobs.get(gone)).isEmpty();
        assertThat(blobs.open(gone)).isEmpty();
        blobs.delete(gone); // again: already gone
        blobs.delete("f".repeat(48));
        assertThat(blobs.get(gone)).isEmpty();
        assertThat(blobs.get(kept)).hasValueSatisfying(b -> assertThat(b).containsExactly(4, 5, 6));
        assertThat(blobs.sweep(key -> false, Instant.now().plusSeconds(60))).as("only the kept one was left").isEqualTo(1);
    }

    @Test
    @DisplayName("unknown and malformed keys read as nothing and delete nothing; another namespace's keys are not ours")
    void foreignKeys() {
        String key = blobs.put("证据".getBytes(StandardCharsets.UTF_8));
        BlobStore other = storage.namespace(newNamespace());
        for (String bad : new String[] {null, "", "../" + key, key.toUpperCase(), key + "0", key.substring(1),
                "0".repeat(48), key.substring(0, 2) + "/" + key, "%2e%2e%2f" + key}) {
            assertThat(blobs.get(bad)).as(String.valueOf(bad)).isEmpty();
            assertThat(blobs.open(bad)).as(String.valueOf(bad)).isEmpty();
            blobs.delete(bad);
        }
        assertThat(other.get(key)).as("the same key in another namespace").isEmpty();
        other.delete(key);
        assertThat(other.sweep(k -> false, Instant.now().plusSeconds(60))).isZero();
        assertThat(blobs.get(key)).isPresent();
        assertThatThrownBy(() -> storage.namespace("../evidence")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.namespace("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the sweep removes old blobs no row names, and keeps named ones and those written after its time")
    void sweep() throws InterruptedException {
        String kept = blobs.put("有报告".getBytes(StandardCharsets.UTF_8));
        String orphan = blobs.put("报告没保存".getBytes(StandardCharsets.UTF_8));
        assertThat(blobs.sweep(kept::equals, Instant.now().minusSeconds(60))).as("nothing is that old").isZero();
        assertThat(blobs.get(orphan)).isPresent();

        Instant cut = Instant.now().plusSeconds(60);
        assertThat(blobs.sweep(kept::equals, cut)).isEqualTo(1);
        assertThat(blobs.get(kept)).isPresent();
        assertThat(blobs.get(orphan)).isEmpty();
        assertThat(blobs.sweep(kept::equals, cut)).as("nothing more to sweep").isZero();
    }

    @Test
    @DisplayName("a restore writes under the archive's key, replacing what was there, and takes only well-formed keys")
    void putAs() {
        RestorableBlobStore restorable = (RestorableBlobStore) blobs;
        String key = blobs.put("旧的".getBytes(StandardCharsets.UTF_8));
        restorable.putAs(key, out -> out.write("备份里的".getBytes(StandardCharsets.UTF_8)));
        assertThat(blobs.get(key)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("备份里的"));
        String fresh = "ab".repeat(24);
        restorable.putAs(fresh, out -> out.write(new byte[] {9}));
        assertThat(blobs.get(fresh)).hasValueSatisfying(b -> assertThat(b).containsExactly(9));
        assertThatThrownBy(() -> restorable.putAs("../x", out -> out.write(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("puts from many threads at once get distinct keys, each holding its own bytes")
    void concurrentPuts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String[]>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String text = "第" + i + "份证据".repeat(i * 50 + 1);
                tasks.add(() -> new String[] {blobs.put(text.getBytes(StandardCharsets.UTF_8)), text});
            }
            Set<String> keys = new HashSet<>();
            for (Future<String[]> done : pool.invokeAll(tasks)) {
                String[] stored = done.get();
                keys.add(stored[0]);
                Optional<byte[]> read = blobs.get(stored[0]);
                assertThat(read).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(stored[1]));
            }
            assertThat(keys).hasSize(32);
        } finally {
            pool.shutdownNow();
        }
    }
}
