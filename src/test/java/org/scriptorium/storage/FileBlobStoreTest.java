package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Blobs in the data directory (scriptorium.blobs.store=files)")
class FileBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dataDir;

    @Override
    BlobStorage storage() {
        return new FileBlobStorage(dataDir);
    }

    @Test
    @DisplayName("each namespace is a folder of the data directory, its files spread over folders by their key")
    void layout() {
        BlobStore evidence = storage.namespace("evidence");
        String key = evidence.put("证据".getBytes());
        assertThat(dataDir.resolve("evidence").resolve(key.substring(0, 2)).resolve(key)).hasContent("证据");
        assertThat(storage.sharedByNodes()).isFalse();
    }

    @Test
    @DisplayName("no key reaches outside the namespace's folder")
    void staysInside() throws Exception {
        Files.writeString(dataDir.resolve("secret.txt"), "不该读到");
        BlobStore evidence = storage.namespace("evidence");
        assertThat(evidence.get("../secret.txt")).isEmpty();
        evidence.delete("../secret.txt");
        assertThat(dataDir.resolve("secret.txt")).exists();
    }

    @Test
    @DisplayName("files stored flat before blobs had folders are still read, and swept when nothing names them")
    void flatFiles() throws Exception {
        BlobStore imports = storage.namespace("imports");
        String key = "ab".repeat(24);
        Path flat = Files.createDirectories(dataDir.resolve("imports")).resolve(key);
        Files.writeString(flat, "旧的压缩包");
        assertThat(imports.get(key)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("旧的压缩包"));
        assertThat(imports.sweep(key::equals, Instant.now().plusSeconds(60))).isZero();
        assertThat(imports.sweep(k -> false, Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(flat).doesNotExist();
    }

    @Test
    @DisplayName("partly written files left by a crash are swept; the health check's probe and other files are left")
    void partialFiles() throws Exception {
        BlobStore evidence = storage.namespace("evidence");
        String kept = evidence.put("有报告".getBytes());
        Path folder = dataDir.resolve("evidence").resolve(kept.substring(0, 2));
        Path partial = Files.writeString(folder.resolve(kept + "123.part"), "半个");
        Path probe = Files.writeString(dataDir.resolve("evidence").resolve(".write-probe"), "");
        Instant cut = Instant.now().plusSeconds(1);
        String later = evidence.put("启动后写的".getBytes());
        Files.setLastModifiedTime(folder.getParent().resolve(later.substring(0, 2)).resolve(later),
                FileTime.from(cut.plusSeconds(5)));

        assertThat(evidence.sweep(kept::equals, cut)).isEqualTo(1);
        assertThat(partial).doesNotExist();
        assertThat(probe).exists();
        assertThat(evidence.get(kept)).isPresent();
        assertThat(evidence.get(later)).isPresent();
    }
}
