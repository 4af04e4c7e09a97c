package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scriptorium.support.S3Server;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Restoring a backup whose evidence files sit in the archive (made with the {@code files} store) into an installation
 * that keeps blobs in the database or a bucket: the files go into that store under the keys the database names. This
 * is also how an installation moves its evidence from {@code files} to {@code database} or {@code s3}.
 */
class RestoreBlobsTest {

    private static final String KEY = "3f".repeat(24);
    private static final byte[] EVIDENCE = "在某网店看到的文字".repeat(100).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    @DisplayName("into the database: the archived evidence becomes rows of the blobs table, read under the same key")
    void intoDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:restore" + UUID.randomUUID().toString()
                .replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "")) {
            BlobStorage storage = new DatabaseBlobStorage(new SingleConnectionDataSource(connection, true), Clock.systemUTC());
            Restore.Summary summary = Restore.run(archive(), connection, dir.resolve("data"), storage);
            assertThat(summary.evidenceFiles()).isEqualTo(1);
            assertThat(storage.namespace("evidence").get(KEY)).hasValueSatisfying(b -> assertThat(b).isEqualTo(EVIDENCE));
            assertThat(dir.resolve("data").resolve("evidence")).doesNotExist();
        }
    }

    @Test
    @DisplayName("into an S3 bucket: the archived evidence becomes objects under the evidence prefix")
    void intoBucket() throws Exception {
        String bucket = S3Server.get().newBucket();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:restore" + UUID.randomUUID().toString()
                .replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "");
             S3BlobStorage storage = new S3BlobStorage(BlobsConfig.client(new BlobsProperties.S3(S3Server.get().endpoint(),
                     S3Server.REGION, bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true)), bucket)) {
            assertThat(Restore.run(archive(), connection, dir.resolve("data"), storage).evidenceFiles()).isEqualTo(1);
            assertThat(storage.namespace("evidence").get(KEY)).hasValueSatisfying(b -> assertThat(b).isEqualTo(EVIDENCE));
        }
    }

    /** An H2 backup as {@link Backup} writes one, with the tables a restore reads, and one evidence file. */
    private Path archive() throws IOException {
        Path archive = dir.resolve("backup-" + UUID.randomUUID() + ".zip");
        String blobsTable;
        try (var in = getClass().getResourceAsStream("/db/migration/V11_2__blobs.sql")) {
            blobsTable = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            entry(zip, Backup.DATABASE, blobsTable + "\nCREATE TABLE secrets (name VARCHAR(40), secret VARCHAR(200),"
                    + " created_at TIMESTAMP WITH TIME ZONE);\nCREATE TABLE materials (id VARCHAR(32));\n");
            entry(zip, Backup.SECRETS, "");
            zip.putNextEntry(new ZipEntry(Backup.EVIDENCE + KEY.substring(0, 2) + "/" + KEY));
            zip.write(EVIDENCE);
            zip.closeEntry();
            entry(zip, "evidence/zz/../../escape", "ignored");
            entry(zip, Backup.MANIFEST, "format=" + Backup.FORMAT + "\n");
        }
        return archive;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
