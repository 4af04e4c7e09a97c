package org.scriptorium.storage;

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
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Blobs on this node's file system, each namespace in a folder of the data directory ({@code <data dir>/evidence},
 * {@code <data dir>/imports}) outside anything the web server serves; each file named by its key and spread over 256
 * folders by the key's first two characters. Other nodes cannot read them: for one machine only.
 */
final class FileBlobStorage implements BlobStorage {

    private final Path dataDir;

    FileBlobStorage(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public RestorableBlobStore namespace(String name) {
        return new Folder(dataDir.resolve(BlobKeys.namespace(name)));
    }

    @Override
    public String kind() {
        return "files";
    }

    /** One namespace's folder. */
    static final class Folder implements RestorableBlobStore {

        private static final Pattern FOLDER = Pattern.compile("[0-9a-f]{2}");
        private static final String PARTIAL = ".part";

        private final Path root;

        Folder(Path root) {
            this.root = root;
        }

        @Override
        public String put(byte[] content) {
            return put(out -> out.write(content));
        }

        @Override
        public void putAs(String key, Content content) {
            BlobKeys.require(key);
            Path target = path(key);
            Path partial = null;
            try {
                Files.createDirectories(target.getParent());
                // Written beside its final name and moved into place, so a reader never sees half a file; forced to
                // disk (file, then the folder's entry) before the row that names it can be committed.
                partial = Files.createTempFile(target.getParent(), key, PARTIAL);
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    // The writer may close what it is given (a zip stream closes its target): the channel must stay
                    // open to be forced. Unbuffered: every byte is in the channel when the writer returns.
                    OutputStream out = CloseShieldOutputStream.wrap(Channels.newOutputStream(channel));
                    content.writeTo(out);
                    channel.force(true);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                partial = null;
                forceDirectory(target.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("could not store a file under " + root, e);
            } finally {
                deleteQuietly(partial);
            }
        }

        @Override
        public Optional<byte[]> get(String key) {
            return existing(key).map(file -> {
                try {
                    return Files.readAllBytes(file);
                } catch (NoSuchFileException gone) {
                    return null; // deleted meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read the stored file " + key, e);
                }
            });
        }

        @Override
        public Optional<InputStream> open(String key) {
            return existing(key).map(file -> {
                try {
                    return Files.newInputStream(file);
                } catch (NoSuchFileException gone) {
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read the stored file " + key, e);
                }
            });
        }

        @Override
        public void delete(String key) {
            if (!BlobKeys.valid(key)) {
                return;
            }
            try {
                Files.deleteIfExists(path(key));
                Files.deleteIfExists(root.resolve(key));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the stored file " + key, e);
            }
        }

        @Override
        public int sweep(Predicate<String> kept, Instant writtenBefore) {
            if (!Files.isDirectory(root)) {
                return 0;
            }
            // The 256 key folders, and the root itself for files stored flat before blobs had folders (imports).
            // Anything else here (the health check's probe file) is not ours to judge.
            int removed = sweepFolder(root, kept, writtenBefore);
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(root,
                    f -> FOLDER.matcher(f.getFileName().toString()).matches())) {
                for (Path folder : folders) {
                    removed += sweepFolder(folder, kept, writtenBefore);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not sweep the stored files under " + root, e);
            }
            return removed;
        }

        private static int sweepFolder(Path folder, Predicate<String> kept, Instant writtenBefore) {
            int removed = 0;
            // Files may come and go meanwhile (a filing under way): one that vanished is simply skipped.
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Files::isRegularFile)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    try {
                        boolean ours = name.endsWith(PARTIAL) || BlobKeys.valid(name) && !kept.test(name);
                        if (ours && Files.getLastModifiedTime(file).toInstant().isBefore(writtenBefore)
                                && Files.deleteIfExists(file)) {
                            removed++;
                        }
                    } catch (NoSuchFileException gone) {
                        // removed by someone else meanwhile
                    }
                }
            } catch (NoSuchFileException gone) {
                // the folder went meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException("could not sweep the stored files under " + folder, e);
            }
            return removed;
        }

        /** The file of a well-formed key, in its folder or (stored before folders) flat in the root. */
        private Optional<Path> existing(String key) {
            if (!BlobKeys.valid(key)) {
                return Optional.empty();
            }
            Path file = path(key);
            if (Files.exists(file)) {
                return Optional.of(file);
            }
            Path flat = root.resolve(key);
            return Files.exists(flat) ? Optional.of(flat) : Optional.empty();
        }

        /** Only keys that passed {@link BlobKeys#valid} (or were just made) reach here: none can climb out of the root. */
        private Path path(String key) {
            return root.resolve(key.substring(0, 2)).resolve(key);
        }

        /** Makes a rename durable (Linux: fsync on the folder); file systems that refuse it are left be. */
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
                    // the sweep removes it
                }
            }
        }
    }
}
