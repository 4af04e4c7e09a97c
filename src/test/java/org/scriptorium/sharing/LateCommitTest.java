package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two transactions that append to the event log and commit out of id order: the one holding the lower id commits
 * after the higher one has been dispatched, and its row still reaches open streams, once.
 */
class LateCommitTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    EventBus bus;

    @Test
    @DisplayName("a row that commits after a higher id was dispatched still reaches an open stream, once")
    void lateCommitReachesStream() throws Exception {
        Api member = api().newMember();
        String email = member.get("/api/v1/me").json().get("email").asString();
        String userId = member.get("/api/v1/me").json().get("userId").asString();
        String early = "early" + Words.unique().hashCode();
        String late = "late" + Words.unique().hashCode();
        try (EventStream stream = EventStream.open(port, member.token(email, Api.MEMBER_PASSWORD));
             Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long lateId = reportDecided(slow, userId, late);
            long earlyId;
            try (Connection quick = dataSource.getConnection()) {
                earlyId = reportDecided(quick, userId, early);
            }
            assertThat(earlyId).as("the slow transaction took its id first").isGreaterThan(lateId);
            bus.announce();
            assertThat(stream.next(e -> e.id() == earlyId, Duration.ofSeconds(10))).as("the first to commit").isNotNull();

            slow.commit();
            bus.announce();
            EventStream.Event event = stream.next(e -> e.id() == lateId, Duration.ofSeconds(10));
            assertThat(event).as("the lower id, committed after the higher one was dispatched").isNotNull();
            assertThat(event.data().get("type").asString()).isEqualTo("REPORT_DECIDED");
            assertThat(event.data().get("reportId").asString()).isEqualTo(late);

            bus.announce();
            assertThat(stream.next(e -> e.id() == lateId || e.id() == earlyId, Duration.ofSeconds(2)))
                    .as("neither row is sent again at the next look").isNull();
        }
    }

    @Test
    @DisplayName("after a reconnection's replay read past it, a late-committed row still arrives, and a replayed one comes once")
    void lateCommitAfterReplay() throws Exception {
        Api member = api().newMember();
        String email = member.get("/api/v1/me").json().get("email").asString();
        String userId = member.get("/api/v1/me").json().get("userId").asString();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long lateId = reportDecided(slow, userId, "late" + Words.unique().hashCode());
            long earlyId;
            try (Connection quick = dataSource.getConnection()) {
                earlyId = reportDecided(quick, userId, "early" + Words.unique().hashCode());
            }
            // The browser comes back having seen everything before the slow transaction's id: the replay reads the
            // early row (committed) and passes over the late one (not yet).
            try (EventStream stream = EventStream.resume(port, member.token(email, Api.MEMBER_PASSWORD), lateId - 1)) {
                assertThat(stream.next(e -> e.id() == earlyId, Duration.ofSeconds(10))).as("replayed").isNotNull();
                bus.announce();
                slow.commit();
                bus.announce();
                assertThat(stream.next(e -> e.id() == lateId, Duration.ofSeconds(10)))
                        .as("the late row, below what the replay read").isNotNull();
                bus.announce();
                assertThat(stream.next(e -> e.id() == earlyId, Duration.ofSeconds(2)))
                        .as("the replayed row is not sent again when it is dispatched").isNull();
            }
        }
    }

    /** Appends a report decision for the user on this connection, as {@link EventLog#append} would; returns its id. */
    private static long reportDecided(Connection connection, String userId, String reportId) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO sharing_events (event_type, recipient_id, report_id, visible_at, occurred_at)
                VALUES ('REPORT_DECIDED', ?, ?, ?, ?)""", new String[]{"id"})) {
            insert.setString(1, userId);
            insert.setString(2, reportId);
            insert.setObject(3, DbTime.of(now));
            insert.setObject(4, DbTime.of(now));
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }
}
