package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Migration;
import org.scriptorium.support.Speeches;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The stored fingerprints against an in-memory H2 database with the real migration. (On PostgreSQL the store runs in
 * the integration tests' second execution, under every trace.)
 */
class TraceFingerprintsTest {

    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private TraceFingerprints store;

    @BeforeEach
    void database() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:prints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(dataSource);
        Migration.run(jdbc, "V11_3__shared_sessions_rates_fingerprints.sql");
        store = new TraceFingerprints(jdbc, new DataSourceTransactionManager(dataSource), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    @DisplayName("stored fingerprints come back as made; a second save of a revision (another node's) changes nothing and fails nothing")
    void storedOnce() {
        RevisionFingerprints rural = RevisionFingerprints.of(Speeches.RURAL_MEETING);
        store.saveAll(Map.of("m1:1", rural));
        store.saveAll(Map.of("m1:1", RevisionFingerprints.of("别的文字，不该替换已存的指纹。" + Speeches.RURAL_MEETING),
                "m2:1", rural));
        Map<String, RevisionFingerprints> found = store.find(List.of("m1:1", "m2:1", "m3:1"));
        assertThat(found).containsOnlyKeys("m1:1", "m2:1");
        assertThat(found.get("m1:1")).isEqualTo(rural);
    }

    @Test
    @DisplayName("a row made by another scheme is not read, and is made again")
    void otherScheme() {
        RevisionFingerprints rural = RevisionFingerprints.of(Speeches.RURAL_MEETING);
        store.saveAll(Map.of("m1:1", rural));
        jdbc.sql("UPDATE trace_fingerprints SET scheme = 'k8w8-old', prints = ?").param(new byte[8]).update();
        assertThat(store.find(List.of("m1:1"))).isEmpty();
        store.saveAll(Map.of("m1:1", rural));
        assertThat(store.find(List.of("m1:1"))).containsEntry("m1:1", rural);
    }
}
