package org.scriptorium.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The attempt counter against an in-memory H2 database with the real migration, and a clock the test moves. */
class AttemptLimitTest {

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-01T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private JdbcClient jdbc;
    private DataSourceTransactionManager transactions;
    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        dataSource.close();
    }

    @BeforeEach
    void database() throws IOException {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:limits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setMaximumPoolSize(10);
        this.dataSource = dataSource;
        jdbc = JdbcClient.create(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        try (var in = getClass().getResourceAsStream("/db/migration/V7_3__attempt_counters.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    jdbc.sql(statement).update();
                }
            }
        }
    }

    private AttemptLimit limit(String scope, int max, Duration window) {
        return new AttemptLimit(jdbc, transactions, clock, scope, max, window);
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM attempt_counters").query(Long.class).single();
    }

    @Test
    @DisplayName("a subject may make max attempts in the window; the next is told how long to wait, and may try once it ends")
    void window() {
        AttemptLimit limit = limit("test", 3, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryAcquire("a@example.com")).isEmpty();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(limit.tryAcquire("a@example.com")).contains(Duration.ofMinutes(14));
        assertThat(limit.tryAcquire("b@example.com")).as("other subjects are not affected").isEmpty();
        clock.advance(Duration.ofMinutes(14));
        assertThat(limit.tryAcquire("a@example.com")).isEmpty();
    }

    @Test
    @DisplayName("a refunded attempt does not count, a cleared subject starts afresh, and scopes are separate")
    void refundAndClear() {
        AttemptLimit limit = limit("test", 2, Duration.ofMinutes(15));
        AttemptLimit other = limit("other", 1, Duration.ofMinutes(15));
        assertThat(limit.tryAcquire("x")).isEmpty();
        limit.refund("x");
        assertThat(limit.tryAcquire("x")).isEmpty();
        assertThat(limit.tryAcquire("x")).isEmpty();
        assertThat(limit.tryAcquire("x")).isPresent();
        assertThat(other.tryAcquire("x")).isEmpty();
        limit.clear("x");
        assertThat(limit.tryAcquire("x")).isEmpty();
        assertThat(other.tryAcquire("x")).isPresent();
    }

    @Test
    @DisplayName("of 10 concurrent attempts exactly max are counted")
    void concurrent() throws Exception {
        AttemptLimit limit = limit("test", 4, Duration.ofMinutes(15));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Optional<Duration>>> attempts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                attempts.add(() -> limit.tryAcquire("same subject"));
            }
            long passed = 0;
            for (Future<Optional<Duration>> f : pool.invokeAll(attempts)) {
                passed += f.get().isEmpty() ? 1 : 0;
            }
            assertThat(passed).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("made-up subjects cost one fixed-size row each, and rows are deleted once their window ends")
    void bounded() {
        AttemptLimit limit = limit("test", 5, Duration.ofMinutes(15));
        for (int i = 0; i < 100; i++) {
            limit.tryAcquire("made-up-" + i + "@" + "x".repeat(i) + ".example");
        }
        assertThat(rows()).isEqualTo(100);
        assertThat(jdbc.sql("SELECT MAX(LENGTH(subject)) FROM attempt_counters").query(Integer.class).single()).isEqualTo(64);
        clock.advance(Duration.ofMinutes(15));
        assertThat(limit.prune()).isEqualTo(100);
        assertThat(rows()).isZero();

        // Pruning also runs by itself (at most once a minute) when rows are added.
        for (int i = 0; i < 20; i++) {
            limit.tryAcquire("again-" + i);
        }
        clock.advance(Duration.ofMinutes(16));
        limit.tryAcquire("later");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    @DisplayName("client addresses: IPv4 as they are, IPv6 by /64 network, anything else unknown")
    void clientNetwork() {
        assertThat(AttemptLimit.clientNetwork("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(AttemptLimit.clientNetwork("2001:db8:1:2:aaaa::1"))
                .isEqualTo(AttemptLimit.clientNetwork("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
                .isNotEqualTo(AttemptLimit.clientNetwork("2001:db8:1:3::1"));
        assertThat(AttemptLimit.clientNetwork(null)).isNull();
        assertThat(AttemptLimit.clientNetwork("example.com")).isNull();
    }
}
