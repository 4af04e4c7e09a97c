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
}
