package org.scriptorium.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Migration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The token buckets every node spends from, against an in-memory H2 database with the real migration and a clock the
 * test moves. (On PostgreSQL the same SQL runs in the integration tests' second execution: the search throttle counts
 * in the database by default.)
 */
class DatabaseRateBucketsTest {

    private final AttemptLimitTest.MovableClock clock = new AttemptLimitTest.MovableClock();
    private JdbcClient jdbc;
    private DataSourceTransactionManager transactions;
    private HikariDataSource dataSource;

    @BeforeEach
    void database() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:rates-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setMaximumPoolSize(10);
        jdbc = JdbcClient.create(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        Migration.run(jdbc, "V11_3__shared_sessions_rates_fingerprints.sql");
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    /** One node's adapter: every node makes its own, on the one database. */
    private DatabaseRateBuckets node(int burst, double perMinute) {
        return new DatabaseRateBuckets(jdbc, transactions, clock, "test", burst, perMinute);
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM rate_buckets").query(Long.class).single();
    }

    @Test
    @DisplayName("a key spends its burst, is told how long to wait, and earns requests back: as the memory buckets do")
    void burstThenRate() {
        RateBucketsContract.burstThenRate(node(3, 6), clock::advance);
    }

    @Test
    @DisplayName("two nodes spend from one bucket: a burst of 5 spread over both is spent after 5 requests in all")
    void sharedByNodes() {
        DatabaseRateBuckets one = node(5, 1);
        DatabaseRateBuckets two = node(5, 1);
        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? one : two).take("203.0.113.9")).isZero();
        }
        assertThat(one.take("203.0.113.9")).isPositive();
        assertThat(two.take("203.0.113.9")).isPositive();
        assertThat(two.take("203.0.113.10")).as("another address").isZero();
    }

    @Test
    @DisplayName("of 10 concurrent requests for one key exactly the burst pass")
    void concurrent() throws Exception {
        DatabaseRateBuckets buckets = node(4, 1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Long>> requests = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                requests.add(() -> buckets.take("same key"));
            }
            long passed = 0;
            for (Future<Long> f : pool.invokeAll(requests)) {
                passed += f.get() == 0 ? 1 : 0;
            }
            assertThat(passed).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("rows are fixed-size and deleted once idle long enough to be full again")
    void pruned() {
        DatabaseRateBuckets buckets = node(2, 60); // full again 2 s after being emptied
        for (int i = 0; i < 30; i++) {
            buckets.take("made-up-" + i + "x".repeat(i));
        }
        assertThat(rows()).isEqualTo(30);
        assertThat(jdbc.sql("SELECT MAX(LENGTH(subject)) FROM rate_buckets").query(Integer.class).single()).isEqualTo(64);
        clock.advance(Duration.ofSeconds(1));
        assertThat(buckets.prune()).as("not yet idle long enough").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(buckets.prune()).isEqualTo(30);
        // Pruning also runs by itself (at most once a minute) when rows are added.
        buckets.take("a");
        clock.advance(Duration.ofMinutes(2));
        buckets.take("b");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    @DisplayName("a rate of zero or a long scope is a configuration mistake, refused at start")
    void badSettings() {
        assertThatThrownBy(() -> node(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseRateBuckets(jdbc, transactions, clock, "x".repeat(33), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
