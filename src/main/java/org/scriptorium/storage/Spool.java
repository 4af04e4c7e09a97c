package org.scriptorium.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Streamed content written to a temporary file first, for stores that must know a blob's length before they take it
 * (a database parameter, an S3 request): the content is then sent from the file, never held whole in memory.
 */
final class Spool implements AutoCloseable {

    private final Path file;

    private Spool(Path file) {
        this.file = file;
    }

    static Spool of(BlobStore.Content content) {
        Path file = null;
        try {
            file = Files.createTempFile("scriptorium-blob", ".part");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                content.writeTo(CloseShieldOutputStream.wrap(out));
            }
            return new Spool(file);
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not spool a blob to a temporary file", io);
            }
            throw (RuntimeException) e;
        }
    }

    Path file() {
        return file;
    }

    long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file: the system's cleaning takes it
            }
        }
    }
}
