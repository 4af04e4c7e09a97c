package org.scriptorium.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small tmpfs mounted for a test, so that a full disk and a read-only file system are real: the kernel answers
 * ENOSPC and EROFS, as it would in production. Mounting needs root (the build runs as root); {@link #mount} says
 * when it could not.
 */
final class TmpfsMount {

    private final Path directory;

    private TmpfsMount(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of {@code megabytes} on a new temporary directory; null when this machine does not allow it. */
    static TmpfsMount mount(int megabytes) {
        try {
            Path directory = Files.createTempDirectory("scriptorium-tmpfs");
            if (run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", directory.toString())) {
                return new TmpfsMount(directory);
            }
            Files.delete(directory);
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Mounts a tmpfs of {@code megabytes} on an existing, empty directory; null when this machine does not allow it. */
    static TmpfsMount mountOn(Path directory, int megabytes) {
        return run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", directory.toString())
                ? new TmpfsMount(directory) : null;
    }

    Path directory() {
        return directory;
    }

    /** Makes it read-only (or writable again); false when the kernel refused (files open for writing). */
    boolean readOnly(boolean readOnly) {
        return run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), directory.toString());
    }

    /** Lazily unmounts it: whatever still holds files there keeps them until it closes them. */
    void unmount() {
        run("umount", "-l", directory.toString());
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
