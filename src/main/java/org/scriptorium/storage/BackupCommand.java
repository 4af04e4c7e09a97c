package org.scriptorium.storage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar backup FILE}: writes the database, the secrets and the evidence files to one
 * archive, then exits. On H2, run it while the application is stopped (the embedded database allows one process).
 */
@Component
@Order(5)
class BackupCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String NAME = "backup";

    private final DataSource dataSource;
    private final ScriptoriumProperties properties;
    private final BlobStorage blobs;
    private int exitCode;

    BackupCommand(DataSource dataSource, ScriptoriumProperties properties, BlobStorage blobs) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.blobs = blobs;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !words.getFirst().equals(NAME)) {
            return;
        }
        PrintStream out = System.out;
        if (words.size() != 2) {
            out.println("用法 / usage: java -jar scriptorium.jar backup FILE");
            exitCode = 2;
            return;
        }
        Path target = Path.of(words.get(1));
        Backup.Summary summary;
        try (Connection connection = dataSource.getConnection()) {
            summary = Backup.write(connection, properties.dataDir(), target, blobs.kind());
        }
        out.printf("已备份到 %s：%s%d 个密钥，%d 个证据文件 / backed up to %s%n", target.toAbsolutePath(),
                summary.database() ? "数据库（" + summary.materials() + " 篇资料），" : "", summary.secrets(),
                summary.evidenceFiles(), target.toAbsolutePath());
        if (!summary.database()) {
            out.println("数据库为 PostgreSQL，未包含在内：请同时用 pg_dump 备份数据库 / the PostgreSQL database is not"
                    + " included: back it up with pg_dump");
        }
        switch (blobs.kind()) {
            case "database" -> out.println("证据文件保存在数据库中，随数据库一并备份 / evidence files are in the database"
                    + " and go with its backup");
            case "s3" -> out.println("证据文件保存在 S3 存储桶中，未包含在内：请另行备份存储桶 / evidence files are in the"
                    + " S3 bucket, not in this archive: back up the bucket separately");
            default -> {
            }
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
