package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Evidence files on the local file system")
class LocalEvidenceBlobsTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("are stored under long random names and read back")
    void roundTrip() {
        LocalEvidenceBlobs blobs = new LocalEvidenceBlobs(root);
        String first = blobs.put("证据".getBytes());
        String second = blobs.put("证据".getBytes());
        assertThat(first).matches("[0-9a-f]{48}").isNotEqualTo(second);
        assertThat(blobs.get(first)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("证据"));
        assertThat(Files.exists(root.resolve(first.substring(0, 2)).resolve(first))).isTrue();
        blobs.delete(first);
        assertThat(blobs.get(first)).isEmpty();
        assertThat(blobs.get(second)).isPresent();
    }

    @Test
    @DisplayName("answer nothing for keys that are not theirs, so no key can reach outside the folder")
    void malformedKeys() throws Exception {
        Files.writeString(root.resolve("secret.txt"), "不该读到");
        LocalEvidenceBlobs blobs = new LocalEvidenceBlobs(root.resolve("evidence"));
        assertThat(blobs.get("../secret.txt")).isEmpty();
        assertThat(blobs.get(null)).isEmpty();
        assertThat(blobs.get("0".repeat(48))).isEmpty();
        blobs.delete("../secret.txt");
        assertThat(Files.exists(root.resolve("secret.txt"))).isTrue();
    }

    @Test
    @DisplayName("the sweep removes files no report names and partly written ones, and keeps the rest and newer ones")
    void sweep() throws Exception {
        LocalEvidenceBlobs blobs = new LocalEvidenceBlobs(root);
        String kept = blobs.put("有报告".getBytes());
        String orphan = blobs.put("报告没保存".getBytes());
        Path partial = Files.writeString(root.resolve(kept.substring(0, 2)).resolve(kept + "123.part"), "半个");
        java.time.Instant start = java.time.Instant.now().plusSeconds(1);
        String afterStart = blobs.put("启动后写的".getBytes());
        Files.setLastModifiedTime(root.resolve(afterStart.substring(0, 2)).resolve(afterStart),
                java.nio.file.attribute.FileTime.from(start.plusSeconds(5)));

        assertThat(blobs.sweep(kept::equals, start)).isEqualTo(2);

        assertThat(blobs.get(kept)).isPresent();
        assertThat(blobs.get(orphan)).isEmpty();
        assertThat(partial).doesNotExist();
        assertThat(blobs.get(afterStart)).isPresent();
    }
}
