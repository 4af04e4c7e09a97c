package org.scriptorium.sharing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event bus across nodes sharing one PostgreSQL database: {@code NOTIFY} on announce, and on each node a
 * connection of its own that {@code LISTEN}s and wakes the listeners. After a lost connection it reconnects and
 * wakes them once, since announcements made meanwhile were not heard.
 */
final class PostgresEventBus implements EventBus, DisposableBean {

    static final String CHANNEL = "scriptorium_events";
    private static final Logger log = LoggerFactory.getLogger(PostgresEventBus.class);

    private final JdbcClient jdbc;
    private final String url;
    private final String user;
    private final String password;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Thread listening;
    private volatile boolean running = true;
    private volatile Connection connection;

    PostgresEventBus(JdbcClient jdbc, String url, String user, String password) {
        this.jdbc = jdbc;
        this.url = url;
        this.user = user;
        this.password = password;
        this.listening = Thread.ofPlatform().daemon().name("events-listen").unstarted(this::listen);
    }

    void start() {
        listening.start();
    }

    @Override
    public void announce() {
        jdbc.sql("SELECT pg_notify('" + CHANNEL + "', '')").query().singleValue();
    }

    @Override
    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                wake();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null && notifications.length > 0) {
                        wake();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("event bus: LISTEN connection lost ({}); reconnecting", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void wake() {
        listeners.forEach(l -> {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("event bus listener failed", e);
            }
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        listening.interrupt();
    }
}
