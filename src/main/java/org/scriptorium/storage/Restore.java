package org.scriptorium.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Puts a {@link Backup} archive back, replacing what is there: the database (H2: emptied, then the archived script
 * run), the secrets (checked, or on PostgreSQL put back into the database {@code pg_restore} restored), the evidence
 * files; the search index is removed so the next start rebuilds it from the restored database.
 */
final class Restore {

    /** What was put back. */
    record Summary(boolean database, int secrets, long materials, int evidenceFiles) {
    }

    /** An archive that cannot be restored, or a restore that would lose the marking key; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private Restore() {
    }

    /** Checks that {@code archive} is a backup this version can restore, before anything is opened or touched. */
    static void verify(Path archive) throws IOException, Refused {
        if (!Files.isRegularFile(archive)) {
            throw new Refused("没有这个文件 / no such file: " + archive);
        }
        try (ZipFile zip = open(archive)) {
            manifest(zip);
        }
    }

    /**
     * @param blobs where the archived evidence files go: the configured blob store (for {@code database} and
     *              {@code s3} they are put under their keys beside what is there; a database restored from the same
     *              backup names exactly them)
     */
    static Summary run(Path archive, Connection connection, Path dataDir, BlobStorage blobs)
            throws IOException, SQLException, Refused {
        verify(archive);
        try (ZipFile zip = open(archive)) {
            Properties manifest = manifest(zip);
            boolean h2 = connection.getMetaData().getURL().startsWith("jdbc:h2:");
            ZipEntry database = zip.getEntry(Backup.DATABASE);
            Map<String, String[]> secrets = secrets(zip);
            if (database != null && !h2) {
                throw new Refused("这份备份的数据库来自内置 H2，不能恢复到 PostgreSQL / this archive holds an H2 database;"
                        + " it cannot be restored into PostgreSQL");
            }
            if (database == null && h2) {
                throw new Refused("这份备份不含数据库（来自 PostgreSQL，请用 pg_restore 恢复数据库） / this archive holds no"
                        + " database (made on PostgreSQL: restore that with pg_restore)");
            }
            if (database != null) {
                runScript(zip, database, connection);
            }
            int restoredSecrets = putSecrets(connection, secrets);
            int evidence = blobs.sharedByNodes()
                    ? evidence(zip, (RestorableBlobStore) blobs.namespace(EVIDENCE))
                    : evidence(zip, dataDir.resolve(EVIDENCE));
            deleteTree(dataDir.resolve("index"));
            long materials;
            try (Statement s = connection.createStatement(); var rows = s.executeQuery("SELECT COUNT(*) FROM materials")) {
                rows.next();
                materials = rows.getLong(1);
            }
            return new Summary(database != null, restoredSecrets, materials, evidence);
        }
    }

    private static ZipFile open(Path archive) throws Refused {
        try {
            return new ZipFile(archive.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refused("不是 Scriptorium 备份文件 / not a Scriptorium backup: " + archive);
        }
    }

    private static Properties manifest(ZipFile zip) throws IOException, Refused {
        ZipEntry entry = zip.getEntry(Backup.MANIFEST);
        if (entry == null || zip.getEntry(Backup.SECRETS) == null) {
            throw new Refused("不是完整的 Scriptorium 备份文件 / not a complete Scriptorium backup: " + zip.getName());
        }
        Properties manifest = new Properties();
        try (InputStream in = zip.getInputStream(entry)) {
            manifest.load(in);
        }
        if (!Integer.toString(Backup.FORMAT).equals(manifest.getProperty("format"))) {
            throw new Refused("备份格式 " + manifest.getProperty("format") + " 不受支持 / unsupported backup format");
        }
        return manifest;
    }

    private static Map<String, String[]> secrets(ZipFile zip) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (InputStream in = zip.getInputStream(zip.getEntry(Backup.SECRETS))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split("\t");
                if (fields.length == 3) {
                    out.put(fields[0], fields);
                }
            }
        }
        return out;
    }

    /** Empties the H2 database and runs the archived script into it, in one go. */
    private static void runScript(ZipFile zip, ZipEntry database, Connection connection) throws IOException, SQLException {
        Path script = Files.createTempFile("scriptorium-restore", ".sql");
        try {
            try (InputStream in = zip.getInputStream(database)) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("DROP ALL OBJECTS");
                s.execute("RUNSCRIPT FROM '" + script.toAbsolutePath().toString().replace("'", "''") + "' CHARSET 'UTF-8'");
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Makes the database hold the archived secrets: missing ones are inserted; one that exists with another value
     * refuses the restore, since replacing a marking key would make every copy made under it untraceable.
     */
    private static int putSecrets(Connection connection, Map<String, String[]> archived) throws SQLException, Refused {
        Map<String, String> present = new LinkedHashMap<>();
        for (String[] row : Backup.secrets(connection)) {
            present.put(row[0], row[1]);
        }
        List<String> differing = new ArrayList<>();
        for (String[] secret : archived.values()) {
            String current = present.get(secret[0]);
            if (current == null) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO secrets (name, secret, created_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, secret[0]);
                    insert.setString(2, secret[1]);
                    insert.setObject(3, OffsetDateTime.parse(secret[2]));
                    insert.executeUpdate();
                }
            } else if (!current.equals(secret[1])) {
                differing.add(secret[0]);
            }
        }
        if (!differing.isEmpty()) {
            throw new Refused("数据库中的密钥 " + differing + " 与备份不同，已停止恢复以免失去追踪能力 / the database holds other"
                    + " secrets " + differing + " than the archive; restore the database from the same backup first");
        }
        return archived.size();
    }

    private static final String EVIDENCE = "evidence";

    private static int evidence(ZipFile zip, RestorableBlobStore store) throws IOException {
        int n = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            Matcher m = Backup.EVIDENCE_ENTRY.matcher(entry.getName());
            if (m.matches()) {
                store.putAs(m.group(2), out -> {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                });
                n++;
            }
        }
        return n;
    }

    private static int evidence(ZipFile zip, Path root) throws IOException {
        deleteTree(root);
        Files.createDirectories(root);
        int n = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            Matcher m = Backup.EVIDENCE_ENTRY.matcher(entry.getName());
            if (m.matches()) { // anything else is ignored: no name from the archive can leave the folder
                Path target = root.resolve(m.group(1)).resolve(m.group(2));
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                n++;
            }
        }
        return n;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
