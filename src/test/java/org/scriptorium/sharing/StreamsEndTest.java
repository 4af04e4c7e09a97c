package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A suspension or a role taken away closes the account's open event streams at once, on both ports (issue 12). */
class StreamsEndTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    LiveStreams streams;

    @Autowired
    JdbcClient jdbc;

    private record Opened(String userId, EventStream mainPort, EventStream streamPort) implements AutoCloseable {
        @Override
        public void close() {
            mainPort.close();
            streamPort.close();
        }
    }

    /** An account with a stream on the main port (its token) and one on the stream port (its browser's ticket). */
    private Opened open(String email) throws InterruptedException {
        Api api = api().newMember(email);
        String userId = api.userId();
        String page = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD).get("/materials").body();
        String url = page.replaceAll("(?s).*data-stream-src=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        EventStream main = EventStream.open(port, api.token(email, Api.MEMBER_PASSWORD));
        EventStream other = EventStream.at(url, null);
        assertThat(main.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(200);
        awaitCount(userId, 2);
        return new Opened(userId, main, other);
    }

    private void awaitCount(String userId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.count(userId) != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(streams.count(userId)).as("open streams of " + userId).isEqualTo(count);
    }

    private static String email() {
        return "st" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    @Test
    @DisplayName("a suspension closes the account's streams on the main port and the stream port; others' stay open")
    void suspensionClosesStreams() throws Exception {
        Api admin = api().asAdmin();
        try (Opened suspended = open(email()); Opened bystander = open(email())) {
            assertThat(admin.post("/api/v1/admin/users/" + suspended.userId() + "/suspend", Map.of("reason", "倒卖")).status())
                    .isEqualTo(200);

            assertThat(suspended.mainPort().endsWithin(WAIT)).as("main port stream ended").isTrue();
            assertThat(suspended.streamPort().endsWithin(WAIT)).as("stream port stream ended").isTrue();
            awaitCount(suspended.userId(), 0);
            assertThat(streams.count(bystander.userId())).isEqualTo(2);
            assertThat(bystander.mainPort().endsWithin(Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    @DisplayName("sessions ended on another node close this node's streams at its next heartbeat")
    void endedElsewhere() throws Exception {
        String email = email();
        String userId = api().newMember(email).userId();
        try (EventStream stream = EventStream.open(port, api().token(email, Api.MEMBER_PASSWORD))) {
            awaitCount(userId, 1);
            // What another node's suspension leaves in the database; its event never reaches this node.
            jdbc.sql("UPDATE users SET sessions_revoked_at = ? WHERE id = ?")
                    .params(OffsetDateTime.now(ZoneOffset.UTC), userId).update();
            assertThat(streams.count(userId)).isEqualTo(1);

            streams.heartbeat();

            assertThat(stream.endsWithin(WAIT)).isTrue();
            awaitCount(userId, 0);
        }
    }

    @Test
    @DisplayName("a role taken away closes the streams opened with it")
    void demotionClosesStreams() throws Exception {
        Api admin = api().asAdmin();
        String email = email();
        String userId = api().newMember(email).userId();
        admin.put("/api/v1/admin/users/" + userId + "/roles", Map.of("roles", List.of("EDITOR")));
        try (EventStream stream = EventStream.open(port, api().token(email, Api.MEMBER_PASSWORD))) {
            awaitCount(userId, 1);
            admin.put("/api/v1/admin/users/" + userId + "/roles", Map.of("roles", List.of()));
            assertThat(stream.endsWithin(WAIT)).isTrue();
            awaitCount(userId, 0);
        }
    }
}
