package org.scriptorium.storage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code java -jar scriptorium.jar restore FILE}: replaces the database, secrets and evidence files with those of a
 * backup, then exits; the next start rebuilds the search index. It runs before the application starts (nothing may
 * have the database open, and the migrations must not run on an empty one first), reading only the settings.
 */
public final class RestoreCommand {

    public static final String NAME = "restore";

    private RestoreCommand() {
    }

    /** Whether the arguments ask for a restore. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().filter(NAME::equals).isPresent();
    }

    /** Runs the restore the arguments ask for and returns the exit status. */
    public static int run(String[] args) {
        PrintStream out = System.out;
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        if (words.size() != 2) {
            out.println("用法 / usage: java -jar scriptorium.jar restore FILE");
            return 2;
        }
        Path archive = Path.of(words.get(1));
        try (ConfigurableApplicationContext settings = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args)) {
            Environment env = settings.getEnvironment();
            Path dataDir = Path.of(env.getProperty("scriptorium.data-dir", "./data"));
            Restore.verify(archive); // before the connection below creates an empty database
            try (Connection connection = DriverManager.getConnection(env.getRequiredProperty("spring.datasource.url"),
                    env.getProperty("spring.datasource.username", ""), env.getProperty("spring.datasource.password", ""))) {
                BlobsProperties blobs = Binder.get(env).bindOrCreate("scriptorium.blobs", BlobsProperties.class);
                BlobStorage storage = BlobsConfig.of(blobs, dataDir, new SingleConnectionDataSource(connection, true),
                        Clock.systemUTC());
                Restore.Summary summary;
                try {
                    summary = Restore.run(archive, connection, dataDir, storage);
                } finally {
                    if (storage instanceof AutoCloseable closeable) {
                        closeable.close();
                    }
                }
                out.printf("已从 %s 恢复：%s%d 个密钥，%d 个证据文件；下次启动时重建搜索索引 / restored from %s%n",
                        archive.toAbsolutePath(), summary.database() ? "数据库（" + summary.materials() + " 篇资料），" : "",
                        summary.secrets(), summary.evidenceFiles(), archive.toAbsolutePath());
                return 0;
            }
        } catch (Restore.Refused e) {
            out.println("无法恢复 / cannot restore: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            out.println("恢复失败 / restore failed: " + e);
            return 1;
        }
    }

    /** Nothing but the settings: no component is created, no database opened by Spring. */
    @Configuration(proxyBeanMethods = false)
    static class Settings {
    }
}
