package org.scriptorium.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.scriptorium.storage.BlobStore;
import org.springframework.core.io.InputStreamSource;

/**
 * Uploaded archives waiting to be imported, in the blob store's {@code imports} namespace (so that any node can resume
 * a job when the store is shared). Each archive is durable under its unguessable key before the job that names it is
 * saved, so a job found at start-up always has its whole archive. A zip is read from its end, so a job reads a copy
 * in a local work folder ({@code <data dir>/import-work}), removed when the job has read it.
 */
final class ArchiveStore {

    private static final String PARTIAL = ".part";

    /** One uploaded file: its name as sent and its bytes, read once as a stream. */
    record Upload(String name, InputStreamSource content) {
    }

    /** A local copy of a stored archive, removed on close. */
    record Copy(Path file) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the next sweep removes it
            }
        }
    }

    private final BlobStore blobs;
    private final Path work;

    ArchiveStore(BlobStore blobs, Path work) {
        this.blobs = blobs;
        this.work = work;
    }

    /** Stores an uploaded zip as it is; returns its key. */
    String putArchive(InputStreamSource zip) {
        return blobs.put(out -> {
            try (InputStream in = zip.getInputStream()) {
                in.transferTo(out);
            }
        });
    }

    /**
     * Stores several uploaded files as one zip, each under the name it was sent with (a crafted name is refused by the
     * reader as in any archive). Stored, not deflated: a highly compressible text sent on its own is no zip bomb.
     */
    String putFiles(List<Upload> files) {
        return blobs.put(out -> {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                zip.setEncoding("UTF-8");
                zip.setUseLanguageEncodingFlag(true);
                for (Upload file : files) {
                    // STORED needs the size and CRC up front on a stream: a temporary copy gives both.
                    Files.createDirectories(work);
                    Path copy = Files.createTempFile(work, "upload", PARTIAL);
                    try {
                        try (InputStream in = file.content().getInputStream()) {
                            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                        }
                        ZipArchiveEntry entry = new ZipArchiveEntry(file.name() == null ? "" : file.name());
                        entry.setMethod(ZipMethod.STORED.getCode());
                        entry.setSize(Files.size(copy));
                        entry.setCrc(crc(copy));
                        zip.putArchiveEntry(entry);
                        Files.copy(copy, zip);
                        zip.closeArchiveEntry();
                    } finally {
                        Files.deleteIfExists(copy);
                    }
                }
                zip.finish();
            }
        });
    }

    /**
     * A local copy of the archive stored under the key, to be closed once read; empty when it is no longer stored
     * (or the key is malformed).
     */
    Optional<Copy> copy(String key) {
        Optional<InputStream> stored = blobs.open(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Path file = null;
        try (InputStream in = stored.get()) {
            Files.createDirectories(work);
            file = Files.createTempFile(work, "archive", PARTIAL);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new Copy(file));
        } catch (IOException e) {
            if (file != null) {
                new Copy(file).close();
            }
            throw new UncheckedIOException("could not copy the stored archive " + key + " to " + work, e);
        }
    }

    /** Removes a stored archive; a missing one is already gone. */
    void delete(String key) {
        blobs.delete(key);
    }

    /**
     * Removes archives no unfinished job names that were stored before {@code before} (an upload under way now has no
     * job yet), and work copies left by a stop; returns how many archives.
     */
    int sweep(Set<String> kept, Instant before) {
        if (Files.isDirectory(work)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(work, "*" + PARTIAL)) {
                for (Path file : files) {
                    try {
                        if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                            Files.deleteIfExists(file);
                        }
                    } catch (NoSuchFileException gone) {
                        // removed meanwhile
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not sweep the import work folder " + work, e);
            }
        }
        return blobs.sweep(kept::contains, before);
    }

    private static long crc(Path file) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
