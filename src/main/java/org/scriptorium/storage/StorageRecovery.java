package org.scriptorium.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * What to do after a storage failure so that the application recovers by itself once the disk has room: every
 * pooled connection is let go (idle ones now, busy ones when returned). The embedded database closes itself after a
 * failed write, and each connection still open on it would fail one more request before the pool noticed.
 */
@Component
public class StorageRecovery {

    private final DataSource dataSource;

    StorageRecovery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Lets go of the pooled connections when {@code failure} is the storage's; anything else is left alone. */
    public void after(Throwable failure) {
        if (!StorageFailures.isStorageFailure(failure)) {
            return;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
                if (pool.getHikariPoolMXBean() != null) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
            }
        } catch (SQLException e) {
            // not a Hikari pool: its own validation has to find the broken connections
        }
    }
}
