package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("With a shared index, each queued change is applied once for the cluster")
class OutboxClaimsTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(1);

    /** Migrated once for the class; each test starts from an empty table. */
    static final JdbcDataSource H2 = new JdbcDataSource();

    JdbcClient jdbc;
    SearchOutbox outbox;
    /** Every application of a change, by any node: "node:material". */
    List<String> applications = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void migrate() {
        H2.setURL("jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(H2).load().migrate();
    }

    @BeforeEach
    void database() {
        jdbc = JdbcClient.create(H2);
        jdbc.sql("DELETE FROM search_outbox").update();
        outbox = new SearchOutbox(jdbc);
    }

    /** A node whose index applies at once and makes it durable at once. */
    OutboxClaims node(String name) {
        return new OutboxClaims(outbox, (materialId, whenDurable) -> {
            applications.add(name + ":" + materialId);
            whenDurable.run();
        }, LEASE);
    }

    Map<String, Long> timesApplied() {
        return applications.stream().collect(Collectors.groupingBy(a -> a.substring(a.indexOf(':') + 1),
                Collectors.counting()));
    }

    @Test
    @DisplayName("the committing node applies its change; another node's timer leaves it alone meanwhile")
    void committingNodeApplies() {
        OutboxClaims one = node("one");
        OutboxClaims two = node("two");
        one.queue("m1", T0);
        one.queue("m2", T0);
        assertThat(two.takeOver(T0.plusSeconds(1))).isZero();
        one.apply("m1", T0.plusSeconds(1));
        one.apply("m2", T0.plusSeconds(1));
        assertThat(two.takeOver(T0.plus(LEASE).plusSeconds(5))).isZero();
        assertThat(applications).containsExactly("one:m1", "one:m2");
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    @DisplayName("a row whose node died after the commit is applied by another node once its lease ran out")
    void deadNodesRowIsTakenOver() {
        OutboxClaims dead = node("dead");
        OutboxClaims two = node("two");
        dead.queue("m1", T0); // committed; the node dies before applying
        assertThat(two.takeOver(T0.plus(LEASE).minusSeconds(1))).isZero();
        assertThat(two.takeOver(T0.plus(LEASE).plusSeconds(1))).isEqualTo(1);
        assertThat(applications).containsExactly("two:m1");
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    @DisplayName("a row leased by a node that died before its index made the change durable is applied again")
    void claimedButNotDurable() {
        OutboxClaims dying = new OutboxClaims(outbox, (materialId, whenDurable) -> { }, LEASE); // never durable
        OutboxClaims two = node("two");
        dying.queue("m1", T0);
        dying.apply("m1", T0.plusSeconds(1));
        assertThat(outbox.all()).as("the row outlives an apply that was not made durable").containsExactly("m1");
        assertThat(two.takeOver(T0.plus(LEASE).plusSeconds(1))).isEqualTo(1);
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    @DisplayName("a later change queued while the first is applied keeps its own row")
    void laterChangeKeepsItsRow() {
        OutboxClaims one = node("one");
        OutboxClaims two = node("two");
        one.queue("m1", T0);
        two.queue("m1", T0.plusSeconds(2)); // a second change on another node replaces the row
        one.apply("m1", T0.plusSeconds(1));
        assertThat(outbox.all()).containsExactly("m1");
        two.apply("m1", T0.plusSeconds(3));
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    @DisplayName("two nodes taking over the same rows at once apply each exactly once")
    void concurrentTakeOver() throws Exception {
        OutboxClaims dead = node("dead");
        for (int i = 0; i < 60; i++) {
            dead.queue("m" + i, T0);
        }
        applications.clear();
        Instant later = T0.plus(LEASE).plusSeconds(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger total = new AtomicInteger();
        Map<String, Integer> byNode = new ConcurrentHashMap<>();
        List<Thread> nodes = new ArrayList<>();
        for (String name : List.of("one", "two")) {
            OutboxClaims node = node(name);
            nodes.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                int n = node.takeOver(later);
                byNode.put(name, n);
                total.addAndGet(n);
            }));
        }
        go.countDown();
        for (Thread t : nodes) {
            t.join();
        }
        assertThat(total.get()).isEqualTo(60);
        assertThat(timesApplied()).hasSize(60).allSatisfy((m, times) -> assertThat(times).as(m).isEqualTo(1));
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    @DisplayName("rows queued without a lease (one node, or before this version) are taken over at once")
    void unleasedRows() {
        outbox.queue("m1", T0, null, null);
        assertThat(node("one").takeOver(T0)).isEqualTo(1);
        assertThat(applications).containsExactly("one:m1");
        assertThat(outbox.all()).isEmpty();
    }
}
