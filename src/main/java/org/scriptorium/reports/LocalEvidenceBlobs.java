package org.scriptorium.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evidence files on the local file system under {@code <data dir>/evidence}, outside anything the web server serves.
 * Each file's name is 192 random bits in hex, spread over 256 folders by its first two characters.
 */
final class LocalEvidenceBlobs implements EvidenceBlobs {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{48}");
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
        try {
            Files.createDirectories(target.getParent());
            // Written beside its final name and moved into place, so a reader never sees half a file.
            Path partial = Files.createTempFile(target.getParent(), key, ".part");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
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

    /** Only keys that passed {@link #KEY} (or were just made) reach here, so no key can climb out of the root. */
    private Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key);
    }
}
