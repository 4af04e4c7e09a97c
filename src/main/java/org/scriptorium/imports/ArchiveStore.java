package org.scriptorium.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.springframework.core.io.InputStreamSource;

/**
 * Uploaded archives waiting to be imported, under {@code <data dir>/imports}, outside anything the web server serves.
 * Each file's name is 192 random bits in hex; it is written beside its final name, forced to disk and moved into
 * place before the job that names it is saved, so a job found at start-up always has its whole archive.
 */
final class ArchiveStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{48}");
    private static final String PARTIAL = ".part";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One uploaded file: its name as sent and its bytes, read once as a stream. */
    record Upload(String name, InputStreamSource content) {
    }

    private final Path root;

    ArchiveStore(Path root) {
        this.root = root;
    }

    /** Stores an uploaded zip as it is; returns its key. */
    String putArchive(InputStreamSource zip) {
        return write(out -> {
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
        return write(out -> {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                zip.setEncoding("UTF-8");
                zip.setUseLanguageEncodingFlag(true);
                for (Upload file : files) {
                    // STORED needs the size and CRC up front on a stream: a temporary copy gives both.
                    Path copy = Files.createTempFile(root, "upload", PARTIAL);
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

    /** The stored file of a key; it may no longer exist. */
    Path path(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an archive key: " + key);
        }
        return root.resolve(key);
    }

    /** Removes a stored archive; a missing one is already gone. */
    void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the stored archive " + key, e);
        }
    }

    /**
     * Removes half-written files and archives no unfinished job names that were written before {@code before} (an
     * upload under way now has no job yet); returns how many.
     */
    int sweep(Set<String> kept, Instant before) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    boolean ours = name.endsWith(PARTIAL) || KEY.matcher(name).matches();
                    if (ours && !kept.contains(name) && Files.getLastModifiedTime(file).toInstant().isBefore(before)
                            && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // removed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not sweep the stored archives under " + root, e);
        }
        return removed;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private String write(Writer writer) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Path target = root.resolve(key);
        Path partial = null;
        try {
            Files.createDirectories(root);
            partial = Files.createTempFile(root, key, PARTIAL);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                // The writer may close what it is given (a zip stream closes its target): the channel must stay open to be forced.
                OutputStream out = CloseShieldOutputStream.wrap(Channels.newOutputStream(channel));
                writer.write(out); // unbuffered: every byte is in the channel when it returns
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            forceDirectory(root);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store an uploaded archive under " + root, e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // the start-up sweep removes it
                }
            }
        }
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

    /** Makes the rename durable (Linux: fsync on the folder); platforms that refuse it keep the file's own force. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder this way
        }
    }
}
