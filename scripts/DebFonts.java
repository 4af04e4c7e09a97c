import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Build step (run by maven-antrun-plugin as a single-file source program, so it needs no compiled module): copies
 * files out of a Debian package into the build's classes.
 *
 * <p>Usage: {@code java DebFonts.java <package.deb> <output-dir> <path-in-package>=<file-name> ...}. A {@code .deb} is
 * an {@code ar} archive whose {@code data.tar.xz} (or {@code .gz}) holds the installed files; each named path is
 * written to {@code <output-dir>/<file-name>}. Nothing is done when every output is newer than the package, so a
 * second build costs nothing. A path missing from the package fails the build, naming it.
 */
public final class DebFonts {

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: DebFonts <package.deb> <output-dir> <path>=<name> ...");
        }
        Path deb = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, Path> wanted = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            wanted.put(normalised(args[i].substring(0, eq)), out.resolve(args[i].substring(eq + 1)));
        }
        if (upToDate(deb, wanted.values())) {
            return;
        }
        Files.createDirectories(out);
        try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            ArArchiveEntry member;
            while ((member = ar.getNextEntry()) != null) {
                String name = member.getName();
                if (name.startsWith("data.tar")) {
                    InputStream data = name.endsWith(".xz") ? new XZCompressorInputStream(ar)
                            : name.endsWith(".gz") ? new GZIPInputStream(ar) : ar;
                    extract(new TarArchiveInputStream(data), wanted, deb);
                    return;
                }
            }
        }
        throw new IOException(deb + " has no data.tar member: not a Debian package");
    }

    private static void extract(TarArchiveInputStream tar, Map<String, Path> wanted, Path deb) throws IOException {
        Map<String, Path> left = new LinkedHashMap<>(wanted);
        TarArchiveEntry entry;
        while (!left.isEmpty() && (entry = tar.getNextEntry()) != null) {
            Path target = left.remove(normalised(entry.getName()));
            if (target != null && entry.isFile()) {
                Path partial = target.resolveSibling(target.getFileName() + ".part");
                Files.copy(tar, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("[fonts] " + deb.getFileName() + " -> " + target);
            }
        }
        if (!left.isEmpty()) {
            throw new IOException(deb + " lacks " + left.keySet());
        }
    }

    private static boolean upToDate(Path deb, Iterable<Path> outputs) throws IOException {
        long packageTime = Files.getLastModifiedTime(deb).toMillis();
        for (Path output : outputs) {
            if (!Files.isRegularFile(output) || Files.getLastModifiedTime(output).toMillis() < packageTime) {
                return false;
            }
        }
        return true;
    }

    /** Tar paths come as {@code ./usr/share/...}; the arguments may be written either way. */
    private static String normalised(String path) {
        return path.startsWith("./") ? path.substring(2) : path.startsWith("/") ? path.substring(1) : path;
    }
}
