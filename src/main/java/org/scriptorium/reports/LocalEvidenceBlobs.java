package org.scriptorium.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Evidence files on the local file system under {@code <data dir>/evidence}, outside anything the web server serves.
 * Each file's name is 192 random bits in hex, spread over 256 folders by its first two characters.
 */
final class LocalEvidenceBlobs implements EvidenceBlobs {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{48}");
    private static final Pattern FOLDER = Pattern.compile("[0-9a-f]{2}");
    private static final String PARTIAL = ".part";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    LocalEvidenceBlobs(Path root) {
        this.root = root;
    }

    @Override
    public String put(byte[] content) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Path target = path(key);
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            // Written beside its final name and moved into place, so a reader never sees half a file; forced to disk
            // (file, then the folder's entry) before the report row that names it can be committed.
            partial = Files.createTempFile(target.getParent(), key, PARTIAL);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            forceDirectory(target.getParent());
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("could not store an evidence file under " + root, e);
        }
        return key;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path file = path(key);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the evidence file " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return;
        }
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the evidence file " + key, e);
        }
    }

    @Override
    public int sweep(Predicate<String> kept, Instant writtenBefore) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        // Only the 256 key folders: anything else here (the health check's probe file) is not ours to judge. Files
        // may come and go meanwhile (a filing under way), so one that vanished is simply skipped.
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, f -> FOLDER.matcher(f.getFileName().toString()).matches())) {
            for (Path folder : folders) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        try {
                            boolean partial = name.endsWith(PARTIAL);
                            boolean orphan = KEY.matcher(name).matches() && !kept.test(name)
                                    && Files.getLastModifiedTime(file).toInstant().isBefore(writtenBefore);
                            if ((partial || orphan) && Files.deleteIfExists(file)) {
                                removed++;
                            }
                        } catch (NoSuchFileException gone) {
                            // removed by someone else meanwhile
                        }
                    }
                } catch (NoSuchFileException gone) {
                    // the folder went meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not sweep the evidence files under " + root, e);
        }
        return removed;
    }

    /** Only keys that passed {@link #KEY} (or were just made) reach here, so no key can climb out of the root. */
    private Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    /** Makes a rename in the folder durable (Linux: fsync on the folder); file systems that refuse it are left be. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a folder this way; the file's own force already holds its bytes.
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the start-up sweep removes it
            }
        }
    }
}
