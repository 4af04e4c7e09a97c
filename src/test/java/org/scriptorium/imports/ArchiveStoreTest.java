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
import org.springframework.core.io.ByteArrayResource;

/** Where uploads wait: whole files under random names, several files as one archive, and the sweep of leftovers. */
class ArchiveStoreTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("several files are stored as one archive, uncompressed, under the names they were sent with")
    void severalFiles() throws IOException {
        ArchiveStore store = new ArchiveStore(dir.resolve("imports"));
        byte[] text = "同志们：\n今天我们召开会议。".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        String key = store.putFiles(List.of(new ArchiveStore.Upload("讲话.txt", new ByteArrayResource(text)),
                new ArchiveStore.Upload("../../etc/passwd", new ByteArrayResource(text))));
        assertThat(key).matches("[0-9a-f]{48}");
        try (ImportArchive archive = ImportArchive.open(store.path(key), ImportArchive.Limits.of(20L << 20, Files.size(store.path(key))))) {
            assertThat(archive.listing()).extracting(ImportArchive.Listed::path).containsExactly("讲话.txt", "../../etc/passwd");
            // a highly compressible text sent on its own is no zip bomb: stored, not deflated
            assertThat(archive.read(archive.listing().getFirst())).isInstanceOfSatisfying(ImportArchive.Document.class,
                    d -> assertThat(d.content()).isEqualTo(text));
            assertThat(archive.listing().get(1).refusal().code()).isEqualTo("UNSAFE_NAME");
        }
        try (var files = Files.list(dir.resolve("imports"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(key);
        }
    }

    @Test
    @DisplayName("the sweep removes old archives no job names and leaves the kept and the recent ones")
    void sweep() {
        ArchiveStore store = new ArchiveStore(dir.resolve("imports"));
        String kept = store.putArchive(new ByteArrayResource(new byte[]{1}));
        String orphan = store.putArchive(new ByteArrayResource(new byte[]{2}));
        assertThat(store.sweep(Set.of(kept), Instant.now().minusSeconds(3600))).isZero();
        assertThat(store.sweep(Set.of(kept), Instant.now().plusSeconds(1))).isEqualTo(1);
        assertThat(Files.exists(store.path(kept))).isTrue();
        assertThat(Files.exists(store.path(orphan))).isFalse();
    }
}
