package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where a page is told to open its stream, for the ways an operator may set up the stream port. */
class StreamAddressTest {

    private static StreamServer server(int port, String url) {
        return server(port, url, "");
    }

    private static StreamServer server(int port, String url, String mainAddress) {
        SharingProperties.Stream stream = new SharingProperties.Stream(Duration.ofSeconds(3), Duration.ofSeconds(20),
                Duration.ofMinutes(30), 64, Duration.ofSeconds(5), port, "", url, Duration.ofHours(1), 100);
        SharingProperties properties = new SharingProperties("in-process", "", stream,
                new SharingProperties.Webhooks(5, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(5)));
        StreamTickets tickets = new StreamTickets(new byte[32], Clock.systemUTC(), Duration.ofHours(1));
        return new StreamServer(null, tickets, null, properties, mainAddress);
    }

    @Test
    @DisplayName("with the stream port off, pages use the main port's stream and the policy names nothing more")
    void off() {
        StreamServer off = server(-1, "");
        off.start();
        assertThat(off.port()).isEqualTo(-1);
        assertThat(off.urlFor("U1", Instant.now(), "wenku.example.cn", false)).isEmpty();
        assertThat(off.connectSource("wenku.example.cn", false)).isEmpty();
    }

    @Test
    @DisplayName("a configured address is used as given, over HTTP or HTTPS, and is what the policy allows")
    void configuredAddress() {
        StreamServer proxied = server(-1, "https://wenku.example.cn/live/events");
        assertThat(proxied.urlFor("U1", Instant.now(), "wenku.example.cn", true)).get(as(STRING))
                .startsWith("https://wenku.example.cn/live/events?ticket=U1.");
        assertThat(proxied.connectSource("wenku.example.cn", true)).isEqualTo("https://wenku.example.cn");
    }

    @Test
    @DisplayName("a listening stream port is offered to pages served over HTTP, on the host the browser used, not over HTTPS")
    void listening() {
        StreamServer listening = server(0, "");
        listening.start();
        try {
            int port = listening.port();
            assertThat(port).isPositive();
            assertThat(listening.urlFor("U1", Instant.now(), "192.168.1.20", false)).get(as(STRING))
                    .startsWith("http://192.168.1.20:" + port + "/api/v1/events?ticket=U1.");
            assertThat(listening.urlFor("U1", Instant.now(), "::1", false)).get(as(STRING))
                    .startsWith("http://[::1]:" + port + "/");
            assertThat(listening.urlFor("U1", Instant.now(), "wenku.example.cn", true))
                    .as("an HTTPS page may not open plain HTTP").isEmpty();
            assertThat(listening.connectSource("192.168.1.20", false))
                    .as("exactly the origin the page is given, no wildcard host").isEqualTo("http://192.168.1.20:" + port);
            assertThat(listening.connectSource("::1", false)).isEqualTo("http://[::1]:" + port);
            assertThat(listening.connectSource("wenku.example.cn", true)).as("an HTTPS page streams from the main port")
                    .isEmpty();
        } finally {
            listening.stop();
        }
    }

    @Test
    @DisplayName("a stopped stream port starts again and answers, as when a paused test context is resumed")
    void restarts() throws Exception {
        StreamServer server = server(0, "");
        server.start();
        server.stop();
        assertThat(server.port()).isEqualTo(-1);
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 404 ");
        } finally {
            server.stop();
        }
    }

    @Test
    @DisplayName("without an address of its own, the stream port listens where the main port does: 127.0.0.1 stays local")
    void listensWhereTheMainPortDoes() throws Exception {
        InetAddress outside = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst().orElse(null);
        assumeTrue(outside != null, "this machine has an address other than loopback");
        StreamServer local = server(0, "", "127.0.0.1");
        local.start();
        try {
            try (Socket socket = new Socket("127.0.0.1", local.port())) {
                assertThat(socket.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> new Socket(outside, local.port()).close())
                    .as("not reachable on " + outside).isInstanceOf(ConnectException.class);
        } finally {
            local.stop();
        }
    }
}
