package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("A node follows the change log into its own index")
class ChangeFollowerTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration RETENTION = Duration.ofDays(7);

    /** Migrated once for the class; each test starts from an empty table. */
    static final JdbcDataSource H2 = new JdbcDataSource();

    JdbcClient jdbc;
    SearchChanges changes;
    /** What the follower applied, in order. */
    List<String> applied = new ArrayList<>();
    Set<String> refused = new HashSet<>();
    int repairs;
    ChangeFollower follower;

    @BeforeAll
    static void migrate() {
        H2.setURL("jdbc:h2:mem:changes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(H2).load().migrate();
    }

    @BeforeEach
    void log() {
        jdbc = JdbcClient.create(H2);
        jdbc.sql("TRUNCATE TABLE search_changes RESTART IDENTITY").update();
        changes = new SearchChanges(jdbc);
        follower = new ChangeFollower(changes, new ChangeFollower.Index() {
            @Override
            public void apply(String materialId) {
                if (refused.contains(materialId)) {
                    throw new IllegalStateException("index refused " + materialId);
                }
                applied.add(materialId);
            }

            @Override
            public void repair() {
                repairs++;
            }
        }, RETENTION);
    }

    /** A row written with a chosen id, as a transaction that took it earlier and commits only now. */
    void committedLate(long id, String materialId) {
        jdbc.sql("INSERT INTO search_changes (id, material_id, changed_at) VALUES (?, ?, ?)")
                .params(id, materialId, DbTime.of(T0)).update();
    }

    @Test
    @DisplayName("changes committed after the start are applied once each, in order; those before are the start repair's")
    void appliesEveryChangeOnce() {
        changes.append("before", T0);
        follower.start(T0);
        changes.append("a", T0);
        changes.append("b", T0);
        assertThat(follower.look(T0.plusSeconds(1))).isEqualTo(2);
        assertThat(follower.look(T0.plusSeconds(2))).isZero();
        changes.append("c", T0);
        changes.append("a", T0);
        changes.append("a", T0);
        follower.look(T0.plusSeconds(3));
        assertThat(applied).containsExactly("a", "b", "c", "a");
    }

    @Test
    @DisplayName("a change whose transaction commits after a later one was read is still applied")
    void lateCommit() {
        follower.start(T0);
        committedLate(1, "a");
        committedLate(3, "c");
        follower.look(T0.plusSeconds(1));
        assertThat(follower.awaited()).containsExactly(2L);
        committedLate(2, "b");
        follower.look(T0.plusSeconds(2));
        assertThat(applied).containsExactly("a", "c", "b");
        assertThat(follower.awaited()).isEmpty();
    }

    @Test
    @DisplayName("an id never committed (a rollback) is awaited for the grace only")
    void rolledBackIdIsForgotten() {
        follower.start(T0);
        committedLate(2, "b");
        follower.look(T0);
        assertThat(follower.awaited()).containsExactly(1L);
        follower.look(T0.plus(ChangeFollower.GRACE).plusSeconds(1));
        assertThat(follower.awaited()).isEmpty();
    }

    @Test
    @DisplayName("at start, ids near the log's end not committed yet are awaited")
    void startAwaitsUncommitted() {
        committedLate(1, "a");
        committedLate(3, "c");
        follower.start(T0);
        assertThat(follower.mark()).isEqualTo(3);
        assertThat(follower.awaited()).containsExactly(2L);
        committedLate(2, "b");
        follower.look(T0.plusSeconds(1));
        assertThat(applied).containsExactly("b");
    }

    @Test
    @DisplayName("at start, a hole below changes written long ago (pruned or rolled back) is not awaited")
    void startIgnoresOldHoles() {
        jdbc.sql("INSERT INTO search_changes (id, material_id, changed_at) VALUES (5, 'old', ?), (9, 'new', ?)")
                .params(DbTime.of(T0.minus(Duration.ofHours(1))), DbTime.of(T0)).update();
        follower.start(T0);
        assertThat(follower.awaited()).containsExactly(6L, 7L, 8L);
    }

    @Test
    @DisplayName("a node's own change is applied by the node, not again by its follower, even while still applying")
    void ownChanges() {
        follower.start(T0);
        long own = changes.append("mine", T0);
        follower.committing(own);
        changes.append("theirs", T0);
        follower.look(T0.plusSeconds(1));
        assertThat(applied).containsExactly("theirs");
        assertThat(follower.awaited()).as("still being applied here").containsExactly(own);
        follower.appliedHere(own);
        follower.look(T0.plus(ChangeFollower.GRACE).plusSeconds(5));
        assertThat(applied).containsExactly("theirs");
        assertThat(follower.awaited()).isEmpty();
    }

    @Test
    @DisplayName("a node's own change it could not apply is applied from the log")
    void ownChangeLeftToTheLog() {
        follower.start(T0);
        long own = changes.append("mine", T0);
        follower.committing(own);
        follower.look(T0.plusSeconds(1));
        assertThat(applied).isEmpty();
        follower.leftToLog(own);
        follower.look(T0.plusSeconds(2));
        assertThat(applied).containsExactly("mine");
    }

    @Test
    @DisplayName("when the index refuses a change, the look stops there and the next one applies it and what followed")
    void refusedChangeIsRetried() {
        follower.start(T0);
        changes.append("a", T0);
        changes.append("broken", T0);
        changes.append("c", T0);
        refused.add("broken");
        assertThatThrownBy(() -> follower.look(T0.plusSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThat(applied).containsExactly("a");
        refused.clear();
        follower.look(T0.plusSeconds(2));
        assertThat(applied).containsExactly("a", "broken", "c");
    }

    @Test
    @DisplayName("a node that did not read the log for the retention repairs its index and reads on from the end")
    void tooFarBehindRepairs() {
        follower.start(T0);
        changes.append("a", T0);
        follower.look(T0.plusSeconds(1));
        changes.append("pruned", T0);
        follower.look(T0.plus(RETENTION));
        assertThat(repairs).isEqualTo(1);
        assertThat(applied).as("what the repair covered is not applied again").containsExactly("a");
        changes.append("b", T0);
        follower.look(T0.plus(RETENTION).plusSeconds(1));
        assertThat(applied).containsExactly("a", "b");
        assertThat(repairs).isEqualTo(1);
    }

    @Test
    @DisplayName("pruning removes the rows older than the retention only")
    void prune() {
        changes.append("old", T0);
        changes.append("new", T0.plus(RETENTION));
        assertThat(changes.prune(T0.plus(RETENTION).minusSeconds(1))).isEqualTo(1);
        assertThat(changes.after(0, 10)).extracting(SearchChanges.Change::materialId).containsExactly("new");
    }
}
