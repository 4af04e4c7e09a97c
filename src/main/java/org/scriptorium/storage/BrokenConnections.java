package org.scriptorium.storage;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to drop a connection whose database failed to write or was closed (what H2 does after a
 * write fails on a full disk), so the next request opens the database again and works once there is room, rather
 * than every pooled connection failing until a restart. Named in {@code spring.datasource.hikari}.
 */
public class BrokenConnections implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return StorageFailures.isStorageFailure(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
