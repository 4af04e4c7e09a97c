package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Ids;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * The stream port: browsers' live streams on a small server of its own, opened with a ticket the main port issues.
 * What it serves must match the main port's stream; what it refuses, it refuses clearly; a client that stops
 * reading is dropped without holding up anyone else.
 */
class StreamPortTest extends IntegrationTest {

    @Autowired
    StreamServer streamPort;

    @Autowired
    ApplicationContext context;

    @Autowired
    LiveStreams streams;

    @Autowired
    EventLog eventLog;

    @Autowired
    Dispatcher dispatcher;

    /** The address the main port gives this member's browser for its stream. */
    private static String streamUrl(Api member) {
        Api.Response r = member.get("/api/v1/events/ticket");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("url").asString();
    }

    private static String publish(Api admin) {
        return EventsTest.publish(admin, "讲话稿", "MEMBER", null, null);
    }

    /** Sends a raw request head to the stream port and returns its answer's first line. */
    private String statusLine(String requestHead) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", streamPort.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    /** Sends a raw request head to the stream port and returns everything it answers before closing. */
    private String raw(String requestHead) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", streamPort.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("a signed-in member is given a stream address with a ticket; a publication reaches it as on the main port")
    void ticketOpensStream() throws Exception {
        Api admin = api().asAdmin();
        Api member = api().newMember();
        String url = streamUrl(member);
        assertThat(url).startsWith("http://127.0.0.1:" + streamPort.port() + "/api/v1/events?ticket=");
        assertThat(streamPort.port()).isNotEqualTo(port);
        try (EventStream stream = EventStream.at(url, null)) {
            assertThat(stream.status()).isEqualTo(200);
            String materialId = publish(admin);
            EventStream.Event event = stream.nextAbout(materialId);
            assertThat(event).as("event about the new material").isNotNull();
            assertThat(event.data().get("type").asString()).isEqualTo("MATERIAL_PUBLISHED");
            assertThat(event.data().get("entitled").asBoolean()).as("no membership: outline only").isFalse();
            assertThat(List.copyOf(event.data().propertyNames()))
                    .containsOnly("type", "id", "materialId", "revision", "entitled");
            assertThat(stream.retry()).isEqualTo("3000");
        }
        assertThat(api().get("/api/v1/events/ticket").status()).as("no ticket without signing in").isEqualTo(401);
    }

    @Test
    @DisplayName("a browser coming back with Last-Event-ID, or a script with ?after=, is sent what it missed")
    void replay() throws Exception {
        Api admin = api().asAdmin();
        Api member = api().newMember();
        String url = streamUrl(member);
        long before;
        try (EventStream first = EventStream.at(url, null)) {
            EventStream.Event seen = first.nextAbout(publish(admin));
            assertThat(seen).isNotNull();
            before = seen.id();
        }
        String missed = publish(admin);
        try (EventStream back = EventStream.at(url, before)) {
            EventStream.Event event = back.nextAbout(missed);
            assertThat(event).as("replayed after Last-Event-ID").isNotNull();
            assertThat(event.id()).isGreaterThan(before);
        }
        try (EventStream script = EventStream.at(url + "&after=" + before, null)) {
            assertThat(script.nextAbout(missed)).as("replayed after ?after=").isNotNull();
        }
    }

    @Test
    @DisplayName("a forged, missing or revoked ticket is refused with a problem in the caller's language; other paths are not served")
    void refusals() throws Exception {
        Api member = api().newMember();
        String url = streamUrl(member);
        String target = url.substring(url.indexOf("/api/v1/events"));
        int sig = target.lastIndexOf('.') + 1;
        String forged = target.substring(0, sig) + (target.charAt(sig) == 'A' ? 'B' : 'A') + target.substring(sig + 1);

        String answer = raw("GET " + forged + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 401 ").contains("application/problem+json")
                .contains("\"code\":\"STREAM_TICKET_INVALID\"").contains("凭证无效");
        assertThat(raw("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n"))
                .startsWith("HTTP/1.1 401 ").contains("ticket is invalid or expired");
        // Another user's id under this ticket's signature is not this ticket.
        String otherUser = target.replace("ticket=" + member.userId(), "ticket=" + api().newMember().userId());
        assertThat(raw("GET " + otherUser + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 401 ");

        assertThat(raw("GET /api/v1/materials HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(raw("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")).startsWith("HTTP/1.1 405 ");
        assertThat(raw("nonsense\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /" + "x".repeat(9_000) + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 431 ");
        assertThat(raw("OPTIONS " + target + " HTTP/1.1\r\nHost: x\r\nOrigin: http://elsewhere\r\n\r\n"))
                .startsWith("HTTP/1.1 204 ").contains("Access-Control-Allow-Headers: Last-Event-ID");

        // A suspension ends the member's sessions, and with them the tickets issued to those sessions.
        String email = "t" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        WebSession session = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        String page = session.get("/materials").body();
        String pageUrl = page.replaceAll("(?s).*data-stream-src=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        String pageTarget = pageUrl.substring(pageUrl.indexOf("/api/v1/events"));
        assertThat(statusLine("GET " + pageTarget + " HTTP/1.1\r\nHost: x\r\n\r\n")).as("the page's ticket works")
                .isEqualTo("HTTP/1.1 200 OK");
        String userId = pageTarget.replaceAll(".*ticket=([^.]+)\\..*", "$1");
        assertThat(api().asAdmin().post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "转卖")).status())
                .isEqualTo(200);
        assertThat(raw("GET " + pageTarget + " HTTP/1.1\r\nHost: x\r\n\r\n")).as("after the suspension")
                .startsWith("HTTP/1.1 401 ");
    }

    @Test
    @DisplayName("pages name the stream port in their stream address and in the Content-Security-Policy")
    void pagesPointToStreamPort() {
        String email = "s" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        WebSession session = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        HttpResponse<String> page = session.get("/materials");
        assertThat(page.body()).contains("data-stream-src=\"http://127.0.0.1:" + streamPort.port() + "/api/v1/events?ticket=");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' http://127.0.0.1:" + streamPort.port() + ";");
    }

    @Test
    @DisplayName("Netty on the classpath for the stream port does not turn the main port into a reactive server: it stays Tomcat")
    void mainPortStaysServlet() {
        assertThat(context).isInstanceOf(org.springframework.web.context.WebApplicationContext.class);
        assertThat(((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName())
                .isEqualTo("TomcatWebServer");
    }

    @Test
    @DisplayName("a client that goes away is dropped at once, and one that never finishes its request within 10 s too")
    void vanishedClientDropped() throws Exception {
        Api member = api().newMember();
        URI url = URI.create(streamUrl(member));
        try (Socket client = new Socket("127.0.0.1", url.getPort())) {
            client.getOutputStream().write(("GET " + url.getRawPath() + "?" + url.getRawQuery()
                    + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            waitFor(() -> streams.count(member.userId()) == 1, "the stream is open");
        }
        waitFor(() -> streams.count(member.userId()) == 0, "the stream is dropped once its client has gone");

        try (Socket slow = new Socket("127.0.0.1", url.getPort())) {
            slow.setSoTimeout(15_000);
            slow.getOutputStream().write("GET /api/v1/ev".getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            assertThat(slow.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isBetween(8.0, 13.0);
        }
    }

    @Test
    @DisplayName("a client that stops reading is closed once it falls behind; another keeps receiving every event at once")
    void stalledClientBlocksNobody() throws Exception {
        Api stalledMember = api().newMember();
        Api readingMember = api().newMember();
        URI stalledUrl = URI.create(streamUrl(stalledMember));
        try (Socket stalled = new Socket();
             EventStream reading = EventStream.at(streamUrl(readingMember), null)) {
            stalled.setReceiveBufferSize(2_048);
            stalled.connect(new InetSocketAddress("127.0.0.1", stalledUrl.getPort()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET " + stalledUrl.getRawPath() + "?" + stalledUrl.getRawQuery()
                    + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            waitFor(() -> streams.count(stalledMember.userId()) == 1, "the stalled client's stream is open");
            assertThat(streams.count(readingMember.userId())).isEqualTo(1);

            int batches = 0;
            long received = 0;
            // Notices in batches of 50, as busy hours bring them; the stalled client reads none of them.
            while (streams.count(stalledMember.userId()) > 0 && batches < 400) {
                List<String> recipients = new ArrayList<>(Collections.nCopies(50, stalledMember.userId()));
                recipients.addAll(Collections.nCopies(50, readingMember.userId()));
                eventLog.appendForEach(recipients, SharingEvent.Type.REQUEST_FULFILLED, null, null, Ids.newId(), null,
                        Instant.now());
                dispatcher.look();
                long last = eventLog.lastId();
                EventStream.Event event = reading.next(e -> e.id() == last, Duration.ofSeconds(5));
                assertThat(event).as("batch %d reached the reading client within 5 s", batches).isNotNull();
                received += 50;
                batches++;
            }
            assertThat(streams.count(stalledMember.userId())).as("the stalled client was closed after %d batches", batches)
                    .isZero();
            assertThat(streams.count(readingMember.userId())).as("the reading client stays").isEqualTo(1);
            // What the stalled client was sent before it was dropped ends with the connection closing.
            stalled.setSoTimeout(10_000);
            InputStream in = stalled.getInputStream();
            byte[] chunk = new byte[8_192];
            while (in.read(chunk) >= 0) {
                // drain
            }
            assertThat(received).isPositive();
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
