package org.scriptorium.library;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wakes every node's {@link ChangeFollower} when a change is committed, so that a change reaches other nodes' indexes
 * in well under a second rather than at their next poll. On PostgreSQL a {@code NOTIFY} sent in the committing
 * transaction (delivered at its commit, never after a rollback) and, on each node, a connection of its own that
 * {@code LISTEN}s; elsewhere nothing, and the poll alone finds changes. Only the news travels: a lost signal costs a
 * poll interval, never a change.
 */
class ChangeSignal implements DisposableBean {

    static final String CHANNEL = "scriptorium_search";
    private static final Logger log = LoggerFactory.getLogger(ChangeSignal.class);

    /** A signal that sends nothing and never wakes anyone. */
    static ChangeSignal none() {
        return new ChangeSignal(null, null, null, null);
    }

    /** The PostgreSQL signal: sends with {@code jdbc}, listens on a connection of its own opened with the others. */
    static ChangeSignal postgres(JdbcClient jdbc, String url, String user, String password) {
        return new ChangeSignal(jdbc, url, user, password);
    }

    private final JdbcClient jdbc;
    private final String url;
    private final String user;
    private final String password;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Thread listening;
    private volatile Connection connection;

    private ChangeSignal(JdbcClient jdbc, String url, String user, String password) {
        this.jdbc = jdbc;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Sends the signal when the caller's transaction commits. */
    void sendAtCommit() {
        if (jdbc != null) {
            jdbc.sql("SELECT pg_notify('" + CHANNEL + "', '')").query().singleValue();
        }
    }

    /** Runs {@code listener} on each signal from any node (this one included), and once after each (re)connection. */
    synchronized void listen(Runnable listener) {
        listeners.add(listener);
        if (jdbc != null && listening == null) {
            listening = Thread.ofPlatform().daemon().name("search-signal").start(this::receive);
        }
    }

    private void receive() {
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                wake(); // whatever was signalled while not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!Thread.currentThread().isInterrupted()) {
                    var received = pg.getNotifications(5_000);
                    if (received != null && received.length > 0) {
                        wake();
                    }
                }
            } catch (SQLException e) {
                if (listening == null) {
                    return; // closed
                }
                log.warn("search signal: LISTEN connection lost ({}); reconnecting in a second", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void wake() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("search signal listener failed", e);
            }
        }
    }

    @Override
    public void destroy() {
        Thread t = listening;
        listening = null;
        if (t != null) {
            t.interrupt();
            Connection c = connection;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
