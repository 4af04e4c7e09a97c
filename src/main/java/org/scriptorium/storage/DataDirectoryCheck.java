package org.scriptorium.storage;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Before anything opens the database or the index: a data directory that cannot be written (read-only mount, full
 * disk, no permission) stops the start with one clear line instead of a stack trace from deep inside the database.
 * Registered by {@code ScriptoriumApplication.main}.
 */
public final class DataDirectoryCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The exit status for "cannot start: the data directory cannot be written" (sysexits' EX_CANTCREAT). */
    public static final int EXIT_STATUS = 73;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Path directory = Path.of(event.getEnvironment().getProperty("scriptorium.data-dir", "./data"));
        Optional<String> problem = DataDirectory.problem(directory);
        if (problem.isPresent()) {
            System.err.println(line(directory, problem.get()));
            System.err.flush();
            System.exit(EXIT_STATUS);
        }
    }

    /** The one line printed: where, why, and what to do, in Chinese and English. */
    static String line(Path directory, String problem) {
        return "无法启动：数据目录 " + directory.toAbsolutePath() + " 不可写（" + problem + "），请检查磁盘空间、挂载方式和权限后再启动。"
                + " / Cannot start: the data directory " + directory.toAbsolutePath() + " cannot be written (" + problem
                + "); check free space, the mount and permissions.";
    }
}
