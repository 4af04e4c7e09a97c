package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.account.Accounts;

/**
 * The stream port's own rules that the full-application {@link StreamPortTest} cannot reach in seconds: a stream's
 * time limit and the cap on connections. No Spring: the server, real {@link LiveStreams} and tickets, a stand-in for
 * the accounts.
 */
class StreamServerTest {

    private final StreamTickets tickets = new StreamTickets(new byte[32], Clock.systemUTC(), Duration.ofHours(1));
    private LiveStreams streams;
    private StreamServer server;

    private void start(Duration timeout, int maxConnections) {
        SharingProperties.Stream stream = new SharingProperties.Stream(Duration.ofSeconds(3), Duration.ofSeconds(20),
                timeout, 64, Duration.ofSeconds(5), 0, "", "", Duration.ofHours(1), maxConnections);
        SharingProperties properties = new SharingProperties("in-process", "", stream,
                new SharingProperties.Webhooks(5, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(5)));
        Accounts accounts = mock(Accounts.class);
        when(accounts.sessionStillValid(any(), any())).thenReturn(true);
        // Opening a stream without Last-Event-ID and sending heartbeats is all this test asks of LiveStreams.
        streams = new LiveStreams(null, null, null, null, Clock.systemUTC(), properties, accounts);
        server = new StreamServer(streams, tickets, accounts, properties, "127.0.0.1");
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        streams.destroy();
    }

    private Socket openStream(String userId) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("GET /api/v1/events?ticket=" + tickets.issue(userId, Instant.now())
                + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    @Test
    @DisplayName("a stream past its time (stream.timeout) is closed at its next heartbeat; before that, heartbeats reach it")
    void streamEndsWhenItsTimeIsUp() throws Exception {
        start(Duration.ofMillis(1_500), 100);
        try (Socket socket = openStream("U1")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            waitFor(() -> streams.count("U1") == 1, "the stream is open");
            long opened = System.nanoTime();
            skipTo(in, "retry: 3000"); // written when the stream opened

            streams.heartbeat();
            skipTo(in, "retry: 3000");
            assertThat(streams.count("U1")).as("still within its time").isEqualTo(1);

            Thread.sleep(Math.max(0, 1_600 - (System.nanoTime() - opened) / 1_000_000));
            streams.heartbeat();
            waitFor(() -> streams.count("U1") == 0, "the stream is closed");
            String line;
            while ((line = in.readLine()) != null) {
                assertThat(line).as("nothing more after its time").doesNotStartWith("retry:");
            }
        }
    }

    @Test
    @DisplayName("a connection beyond stream.max-connections is closed at once; those within it are served")
    void connectionsAreCapped() throws Exception {
        start(Duration.ofMinutes(30), 1);
        try (Socket first = new Socket("127.0.0.1", server.port());
             Socket second = new Socket("127.0.0.1", server.port())) {
            second.setSoTimeout(5_000);
            assertThat(second.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
            first.setSoTimeout(5_000);
            first.getOutputStream().write("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 404 ");
        }
        // Closed connections no longer count.
        try (Socket again = openStream("U2")) {
            assertThat(new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8)).readLine())
                    .isEqualTo("HTTP/1.1 200 OK");
        }
    }

    private static void skipTo(BufferedReader in, String wanted) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(wanted)) {
                return;
            }
        }
        throw new AssertionError("the stream ended before " + wanted);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
