package org.scriptorium.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One archive (zip) of everything the library cannot rebuild: the database (on H2, as the SQL script H2 writes of
 * itself, read in one transaction so it is consistent), the {@code secrets} table again on its own (without the
 * marking key no copy ever delivered can be traced), and the evidence files. The search index is left out: it is
 * rebuilt from the database at the first start after a restore.
 *
 * <p>On PostgreSQL the database is left to {@code pg_dump} (it backs up a running server consistently); the
 * archive then holds the secrets and the evidence files only, and its manifest says so.
 *
 * <p>Evidence files are archived from the data directory, where the {@code files} blob store keeps them. With
 * {@code scriptorium.blobs.store=database} they are rows of the {@code blobs} table, so in the database's backup (the
 * H2 script here, or {@code pg_dump}); with {@code s3} they stay in the bucket, which is backed up on its own
 * (versioning, replication, {@code aws s3 sync}). The manifest names the store.
 */
final class Backup {

    static final int FORMAT = 1;
    static final String MANIFEST = "scriptorium-backup.properties";
    static final String DATABASE = "database.sql";
    static final String SECRETS = "secrets.tsv";
    static final String EVIDENCE = "evidence/";
    static final Pattern EVIDENCE_ENTRY = Pattern.compile("evidence/([0-9a-f]{2})/(\\1[0-9a-f]{46})");

    /** What went into an archive. */
    record Summary(boolean database, int secrets, long materials, int evidenceFiles, String blobs) {
    }

    private Backup() {
    }

    /**
     * Writes the archive to {@code target} (through a temporary file beside it, moved into place when complete).
     *
     * @param dataDir the data directory whose {@code evidence} folder is archived
     * @param blobs   the blob store's kind ({@link BlobStorage#kind()}), for the manifest
     */
    static Summary write(Connection connection, Path dataDir, Path target, String blobs) throws IOException, SQLException {
        boolean h2 = connection.getMetaData().getURL().startsWith("jdbc:h2:");
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
        Summary summary;
        try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
            long materials = count(connection, "SELECT COUNT(*) FROM materials");
            if (h2) {
                zip.putNextEntry(new ZipEntry(DATABASE));
                Writer out = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
                try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SCRIPT")) {
                    while (rows.next()) {
                        out.write(rows.getString(1));
                        out.write('\n');
                    }
                }
                out.flush();
                zip.closeEntry();
            }
            List<String[]> secrets = secrets(connection);
            zip.putNextEntry(new ZipEntry(SECRETS));
            StringBuilder tsv = new StringBuilder();
            for (String[] secret : secrets) {
                tsv.append(String.join("\t", secret)).append('\n');
            }
            zip.write(tsv.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            // After the database: a report committed before the script has its files on disk already (they are
            // written first); files of later reports are extra, and swept at the first start after a restore.
            int evidence = evidence(dataDir.resolve("evidence"), zip);
            summary = new Summary(h2, secrets.size(), materials, evidence, blobs);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            Properties manifest = new Properties();
            manifest.setProperty("format", Integer.toString(FORMAT));
            manifest.setProperty("created", Instant.now().toString());
            manifest.setProperty("database", h2 ? "h2" : "not included (PostgreSQL: use pg_dump)");
            manifest.setProperty("materials", Long.toString(materials));
            manifest.setProperty("secrets", Integer.toString(secrets.size()));
            manifest.setProperty("evidenceFiles", Integer.toString(evidence));
            manifest.setProperty("blobs", switch (blobs) {
                case "database" -> "database (in the database's backup)";
                case "s3" -> "s3 (not included: back up the bucket)";
                default -> blobs;
            });
            manifest.store(zip, "Scriptorium backup: restore with `java -jar scriptorium.jar restore FILE`");
            zip.closeEntry();
            zip.finish();
            file.flush();
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return summary;
    }

    static List<String[]> secrets(Connection connection) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT name, secret, created_at FROM secrets ORDER BY name")) {
            while (rows.next()) {
                out.add(new String[] {rows.getString(1), rows.getString(2),
                        rows.getObject(3, java.time.OffsetDateTime.class).toString()});
            }
        }
        return out;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int evidence(Path root, ZipOutputStream zip) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = EVIDENCE + root.relativize(file).toString().replace('\\', '/');
                if (EVIDENCE_ENTRY.matcher(name).matches()) {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(file, zip);
                    zip.closeEntry();
                    n++;
                }
            }
        }
        return n;
    }
}
