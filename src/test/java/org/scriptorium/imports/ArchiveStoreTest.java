package org.scriptorium.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scriptorium.storage.BlobStorage;
import org.springframework.core.io.ByteArrayResource;

/** Where uploads wait: whole files under random names, several files as one archive, and the sweep of leftovers. */
class ArchiveStoreTest {

    @TempDir
    Path dir;

    private ArchiveStore store() {
        return new ArchiveStore(BlobStorage.files(dir).namespace("imports"), dir.resolve("import-work"));
    }

    @Test
    @DisplayName("several files are stored as one archive, uncompressed, under the names they were sent with")
    void severalFiles() throws IOException {
        ArchiveStore store = store();
        byte[] text = "同志们：\n今天我们召开会议。".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        String key = store.putFiles(List.of(new ArchiveStore.Upload("讲话.txt", new ByteArrayResource(text)),
                new ArchiveStore.Upload("../../etc/passwd", new ByteArrayResource(text))));
        assertThat(key).matches("[0-9a-f]{48}");
        Path copied;
        try (ArchiveStore.Copy copy = store.copy(key).orElseThrow();
             ImportArchive archive = ImportArchive.open(copy.file(), ImportArchive.Limits.of(20L << 20, Files.size(copy.file())))) {
            copied = copy.file();
            assertThat(archive.listing()).extracting(ImportArchive.Listed::path).containsExactly("讲话.txt", "../../etc/passwd");
            // a highly compressible text sent on its own is no zip bomb: stored, not deflated
            assertThat(archive.read(archive.listing().getFirst())).isInstanceOfSatisfying(ImportArchive.Document.class,
                    d -> assertThat(d.content()).isEqualTo(text));
            assertThat(archive.listing().get(1).refusal().code()).isEqualTo("UNSAFE_NAME");
        }
        assertThat(copied).as("the work copy is removed once read").doesNotExist();
        try (var files = Files.list(dir.resolve("import-work"))) {
            assertThat(files).as("no temporary copies of the uploads are left").isEmpty();
        }
    }

    @Test
    @DisplayName("the sweep removes old archives no job names and old work copies, and leaves the kept and the recent ones")
    void sweep() throws IOException {
        ArchiveStore store = store();
        String kept = store.putArchive(new ByteArrayResource(new byte[]{1}));
        String orphan = store.putArchive(new ByteArrayResource(new byte[]{2}));
        Path leftover = Files.writeString(Files.createDirectories(dir.resolve("import-work")).resolve("archive1.part"), "x");
        assertThat(store.sweep(Set.of(kept), Instant.now().minusSeconds(3600))).isZero();
        assertThat(leftover).exists();
        assertThat(store.sweep(Set.of(kept), Instant.now().plusSeconds(1))).isEqualTo(1);
        assertThat(store.copy(kept)).hasValueSatisfying(ArchiveStore.Copy::close);
        assertThat(store.copy(orphan)).isEmpty();
        assertThat(leftover).doesNotExist();
    }
}
