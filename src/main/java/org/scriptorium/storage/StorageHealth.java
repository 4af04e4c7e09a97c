package org.scriptorium.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} is DOWN while the data directory cannot take a write (disk full, read-only) or the
 * database does not answer (the embedded one closes itself after a failed write), so a load balancer or a monitor
 * sees what users would meet; UP again as soon as both work, without a restart.
 */
@Component("storage")
class StorageHealth extends AbstractHealthIndicator {

    private static final List<String> FOLDERS = List.of("", "db", "index", "evidence");

    private final ScriptoriumProperties properties;
    private final DataSource dataSource;
    private final StorageRecovery recovery;

    StorageHealth(ScriptoriumProperties properties, DataSource dataSource, StorageRecovery recovery) {
        super("storage check failed");
        this.properties = properties;
        this.dataSource = dataSource;
        this.recovery = recovery;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        // Each folder the application writes to, in case one of them is a mount of its own.
        for (String folder : FOLDERS) {
            Path path = folder.isEmpty() ? properties.dataDir() : properties.dataDir().resolve(folder);
            Optional<String> problem = DataDirectory.problem(path);
            if (problem.isPresent()) {
                builder.down().withDetail("dataDirectory", path + ": " + problem.get());
                return;
            }
        }
        try {
            selectOne();
        } catch (SQLException first) {
            // A connection left from before the failure; once the pool lets them go, a new one opens the database.
            recovery.after(first);
            selectOne();
        }
        builder.up();
    }

    private void selectOne() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }
}
