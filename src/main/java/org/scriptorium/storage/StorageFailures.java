package org.scriptorium.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import org.scriptorium.common.Rejected;

/**
 * Tells a failure of the storage underneath (disk full, read-only file system, the embedded database closed after a
 * failed write, the database server gone) from a fault in our code, so the user is told to try again later rather
 * than shown a server error. Plain Java: it reads the exception chain only.
 */
public final class StorageFailures {

    /** H2 error codes meaning the database could not read or write its file, or closed after it could not. */
    private static final Set<Integer> H2_STORAGE_CODES = Set.of(
            90028, // IO_EXCEPTION_1
            90031, // IO_EXCEPTION_2
            90097, // DATABASE_IS_READ_ONLY
            90098, // DATABASE_IS_CLOSED
            90121, // DATABASE_CALLED_AT_SHUTDOWN
            90030); // FILE_CORRUPTED_1: what a write cut short by a full disk is reported as

    /** What the operating system says when a write cannot happen, in the messages of Linux and macOS. */
    private static final Set<String> IO_MESSAGES = Set.of(
            "no space left on device", "read-only file system", "disk quota exceeded", "not enough space");

    private StorageFailures() {
    }

    /** The answer to a request that failed this way: 503 {@code STORAGE_UNAVAILABLE}; nothing of it was saved. */
    public static Rejected rejection() {
        return new Rejected(503, "STORAGE_UNAVAILABLE",
                "存储暂时不可用（磁盘已满或为只读），本次操作没有保存，请稍后再试。",
                "Storage is unavailable (disk full or read-only); nothing was saved. Please try again later.");
    }

    /** Whether the failure, or anything that caused it, is the storage's. */
    public static boolean isStorageFailure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (is(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (is(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean is(Throwable t) {
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            // 08: connection lost or refused; 53: insufficient resources (PostgreSQL 53100 disk full); 58: I/O error.
            if (state.startsWith("08") || state.startsWith("53") || state.startsWith("58")
                    || H2_STORAGE_CODES.contains(sql.getErrorCode()) && isH2(sql)) {
                return true;
            }
        }
        String type = t.getClass().getName();
        if (type.equals("org.h2.mvstore.MVStoreException") || type.equals("org.springframework.jdbc.CannotGetJdbcConnectionException")
                // A commit or rollback that could not reach the database (its connection dropped after a failed write):
                // Spring puts this in place of the failure that caused it.
                || type.equals("org.springframework.transaction.TransactionSystemException")) {
            return true;
        }
        if (t instanceof IOException || type.equals("org.apache.lucene.store.AlreadyClosedException")) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            return IO_MESSAGES.stream().anyMatch(message::contains);
        }
        return false;
    }

    private static boolean isH2(SQLException e) {
        return e.getClass().getName().startsWith("org.h2.");
    }
}
