package org.scriptorium.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Whether the data directory (database, index, evidence files) can take a write now: a small file is written, forced
 * to disk and removed. Plain Java, so the start-up check, the health indicator and tests share it.
 */
public final class DataDirectory {

    /** Below this much free space the directory counts as full: the next import or report would not fit. */
    static final long MIN_FREE_BYTES = 8L * 1024 * 1024;

    private static final String PROBE = ".write-probe";

    private DataDirectory() {
    }

    /**
     * Tries a write in {@code directory}, creating it if missing.
     *
     * @return why it cannot be written, in one line; empty when it can
     */
    public static Optional<String> problem(Path directory) {
        Path probe = directory.resolve(PROBE);
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(new byte[4096]));
                channel.force(true);
            }
            Files.delete(probe);
            long free = Files.getFileStore(directory).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                return Optional.of("only " + free / 1024 + " KB free");
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the write failed already; nothing more to say
            }
            return Optional.of(reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
