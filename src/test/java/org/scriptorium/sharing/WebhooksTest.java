package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a local HTTP server: signed bodies with public fields only, retries with back-off, failing, and the
 * outbox that keeps pending deliveries across restarts. This class's node announces in-process only, so that another
 * test context on the same database (a "node" with the default, slower retry settings) does not hear of the
 * publication first and relay it itself; that node's retries of what it relays stay with it, as it holds their rows.
 */
@TestPropertySource(properties = {
        "scriptorium.sharing.webhooks.first-retry=200ms",
        "scriptorium.sharing.webhooks.max-attempts=3",
        "scriptorium.sharing.webhooks.timeout=1s",
        "scriptorium.sharing.webhooks.poll=200ms",
        "scriptorium.sharing.bus=in-process"})
class WebhooksTest extends IntegrationTest {

    /** One request the endpoint received. */
    record Received(String path, byte[] body, String signature, long at) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventLog eventLog;
    @Autowired
    Dispatcher dispatcher;

    private HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Everything received, kept: for what must not have arrived. */
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void endpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received r = new Received(exchange.getRequestURI().getPath(), body,
                    exchange.getRequestHeaders().getFirst("X-Scriptorium-Signature"), System.nanoTime());
            all.add(r);
            received.add(r);
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        server.createContext("/hang", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ignored) {
                // the test is over
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String publish(Api admin, String tier) {
        return admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "tier", tier),
                null, null).json().get("materialId").asString();
    }

    /** What an endpoint path received whose body mentions a word (a material id, {@code "id":} and an event id). */
    private List<Received> receivedAt(String path, String word) {
        return all.stream().filter(r -> r.path().equals(path) && r.text().contains(word)).toList();
    }

    private static boolean eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private String addHook(Api admin, String path) {
        return admin.post("/api/v1/admin/webhooks", Map.of("url", url(path))).json().get("id").asString();
    }

    private long eventOf(String materialId) {
        return jdbc.sql("SELECT MAX(id) FROM sharing_events WHERE material_id = ?").param(materialId)
                .query(Long.class).single();
    }

    private long pending(String webhookId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_outbox WHERE webhook_id = ?").param(webhookId)
                .query(Long.class).single();
    }

    private Received nextAbout(String materialId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && new String(r.body(), StandardCharsets.UTF_8).contains(materialId)) {
                return r;
            }
        }
        return null;
    }

    @Test
    @DisplayName("each publication is posted signed with HMAC-SHA256 of the body, carrying the public preview and never the text")
    void signedDelivery() throws Exception {
        Api admin = api().asAdmin();
        JsonNode hook = admin.post("/api/v1/admin/webhooks", Map.of("url", url("/ok"), "description", "群转发")).json();
        String secret = hook.get("secret").asString();
        try {
            String materialId = publish(admin, "MEMBER");
            Received r = nextAbout(materialId, Duration.ofSeconds(10));
            assertThat(r).as("delivered").isNotNull();
            assertThat(r.signature()).isEqualTo(Webhooks.signature(secret, r.body()));
            assertThat(r.signature()).matches("sha256=[0-9a-f]{64}");
            JsonNode body = JsonMapper.builder().build().readTree(r.body());
            assertThat(body.get("type").asString()).isEqualTo("MATERIAL_PUBLISHED");
            assertThat(body.get("title").asString()).isEqualTo("在全县春季农业生产工作会议上的讲话");
            String preview = body.get("preview").asString();
            assertThat(preview).isNotBlank().hasSizeLessThan(320);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("农田水利").doesNotContain("奋力夺取全年农业丰收");
            // The attempt is logged once the endpoint has answered: wait for it.
            JsonNode log = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline && (log == null || log.isEmpty())) {
                Thread.sleep(50);
                log = admin.get("/api/v1/admin/webhooks/" + hook.get("id").asString() + "/deliveries").json();
            }
            assertThat(log.get(0).get("succeeded").asBoolean()).isTrue();
            assertThat(api().newMember().get("/api/v1/admin/webhooks").status()).isEqualTo(403);
        } finally {
            admin.delete("/api/v1/admin/webhooks/" + hook.get("id").asString());
        }
    }

    @Test
    @DisplayName("a failing endpoint is retried with doubling waits, then marked failing; a hanging one times out")
    void retryThenFailing() throws Exception {
        Api admin = api().asAdmin();
        failuresLeft.set(100);
        JsonNode hook = admin.post("/api/v1/admin/webhooks", Map.of("url", url("/ok"))).json();
        JsonNode hanging = admin.post("/api/v1/admin/webhooks", Map.of("url", url("/hang"))).json();
        String id = hook.get("id").asString();
        try {
            long t0 = System.nanoTime();
            String materialId = publish(admin, "FREE");
            assertThat((System.nanoTime() - t0) / 1e9).as("publishing does not wait for endpoints").isLessThan(3);
            // Generous time-outs: on a loaded 2-core machine a retry due after 200 ms may be picked up only at the
            // outbox's next poll. The assertions below are on the waits' lower bounds, which load cannot shorten.
            Received first = nextAbout(materialId, Duration.ofSeconds(30));
            Received second = nextAbout(materialId, Duration.ofSeconds(30));
            Received third = nextAbout(materialId, Duration.ofSeconds(30));
            assertThat(java.util.Arrays.asList(first, second, third)).doesNotContainNull();
            double wait1 = (second.at() - first.at()) / 1e6;
            double wait2 = (third.at() - second.at()) / 1e6;
            assertThat(wait1).as("first wait, ms").isGreaterThanOrEqualTo(190);
            assertThat(wait2).as("second wait doubles, ms").isGreaterThanOrEqualTo(390);
            long deadline = System.currentTimeMillis() + 30_000;
            String status = "";
            while (System.currentTimeMillis() < deadline && !status.equals("FAILING")) {
                Thread.sleep(100);
                for (JsonNode h : admin.get("/api/v1/admin/webhooks").json()) {
                    if (h.get("id").asString().equals(id)) {
                        status = h.get("status").asString();
                    }
                }
            }
            assertThat(status).isEqualTo("FAILING");
            // Only this publication's attempts: another test context on the same database may relay older ones.
            long eventId = JsonMapper.builder().build().readTree(first.body()).get("id").asLong();
            List<JsonNode> attempts = new java.util.ArrayList<>();
            admin.get("/api/v1/admin/webhooks/" + id + "/deliveries").json().forEach(a -> {
                if (a.get("eventId").asLong() == eventId) {
                    attempts.add(a);
                }
            });
            assertThat(attempts).as("every attempt logged").hasSize(3);
            assertThat(attempts.get(0).get("error").asString()).isEqualTo("HTTP 503");

            String hangingId = hanging.get("id").asString();
            deadline = System.currentTimeMillis() + 15_000;
            JsonNode timedOut = null;
            while (System.currentTimeMillis() < deadline && timedOut == null) {
                Thread.sleep(200);
                JsonNode log = admin.get("/api/v1/admin/webhooks/" + hangingId + "/deliveries").json();
                if (log.size() > 0) {
                    timedOut = log.get(0);
                }
            }
            assertThat(timedOut).isNotNull();
            assertThat(timedOut.get("succeeded").asBoolean()).isFalse();
            assertThat(timedOut.get("durationMs").asLong()).isLessThan(4_000);
        } finally {
            admin.delete("/api/v1/admin/webhooks/" + id);
            admin.delete("/api/v1/admin/webhooks/" + hanging.get("id").asString());
        }
    }

    @Test
    @DisplayName("a delivery left pending by an earlier run is taken over and sent as stored, signed; one a live node holds is left to it")
    void pendingSurvivesRestart() throws Exception {
        Api admin = api().asAdmin();
        String left = publish(admin, "MEMBER");
        String held = publish(admin, "MEMBER");
        // Added after both publications, so they reach it only through the rows written below.
        JsonNode hook = admin.post("/api/v1/admin/webhooks", Map.of("url", url("/ok/restart"))).json();
        String id = hook.get("id").asString();
        try {
            Instant now = Instant.now();
            byte[] leftBody = ("{\"id\":" + eventOf(left) + ",\"materialId\":\"" + left + "\",\"note\":\"一次重启前\"}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] heldBody = ("{\"id\":" + eventOf(held) + ",\"materialId\":\"" + held + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            String insert = """
                    INSERT INTO webhook_outbox (webhook_id, event_id, body, attempt, next_attempt_at, lease_token, leased_until)
                    VALUES (?, ?, ?, 2, ?, ?, ?)""";
            // The first attempt failed before the restart; the lease of the node that made it has run out.
            jdbc.sql(insert).params(id, eventOf(left), leftBody, DbTime.of(now.minusSeconds(60)), "earlier-run",
                    DbTime.of(now.minusSeconds(10))).update();
            // Due too, but held by a node still at work.
            jdbc.sql(insert).params(id, eventOf(held), heldBody, DbTime.of(now.minusSeconds(60)), "live-node",
                    DbTime.of(now.plusSeconds(3600))).update();

            assertThat(eventually(() -> !receivedAt("/ok/restart", left).isEmpty(), Duration.ofSeconds(10)))
                    .as("the pending delivery is sent").isTrue();
            Received r = receivedAt("/ok/restart", left).getFirst();
            assertThat(r.body()).as("the stored bytes").isEqualTo(leftBody);
            assertThat(r.signature()).isEqualTo(Webhooks.signature(hook.get("secret").asString(), leftBody));
            assertThat(eventually(() -> jdbc.sql("SELECT COUNT(*) FROM webhook_outbox WHERE webhook_id = ? AND event_id = ?")
                    .params(id, eventOf(left)).query(Long.class).single() == 0, Duration.ofSeconds(5)))
                    .as("its row deleted").isTrue();
            JsonNode log = admin.get("/api/v1/admin/webhooks/" + id + "/deliveries").json();
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("eventId").asLong()).isEqualTo(eventOf(left));
            assertThat(log.get(0).get("attempt").asInt()).as("counted on from the stored attempt").isEqualTo(2);
            assertThat(log.get(0).get("succeeded").asBoolean()).isTrue();

            Thread.sleep(1_000); // five polls of this node
            assertThat(receivedAt("/ok/restart", held)).as("a held row is left to its node").isEmpty();
            assertThat(jdbc.sql("SELECT lease_token FROM webhook_outbox WHERE webhook_id = ?").param(id)
                    .query(String.class).single()).isEqualTo("live-node");
        } finally {
            admin.delete("/api/v1/admin/webhooks/" + id);
        }
    }

    @Test
    @DisplayName("an endpoint added after a publication became visible is not sent it, even when it is relayed late")
    void onlyEndpointsThatWereThere() throws Exception {
        Api admin = api().asAdmin();
        String materialId = publish(admin, "MEMBER");
        String before = addHook(admin, "/ok/before");
        Instant now = Instant.now();
        jdbc.sql("UPDATE webhooks SET created_at = ? WHERE id = ?").params(DbTime.of(now.minusSeconds(3600)), before)
                .update();
        String after = addHook(admin, "/ok/after");
        try {
            // Visible ten minutes ago, dispatched only now: as when a dispatcher comes to a publication late.
            long late = eventLog.append(SharingEvent.Type.MATERIAL_REVISED, null, materialId, 1, null, null, "补充",
                    now.minusSeconds(600), now);
            dispatcher.look();
            String lateId = "\"id\":" + late + ",";
            assertThat(eventually(() -> !receivedAt("/ok/before", lateId).isEmpty(), Duration.ofSeconds(10)))
                    .as("relayed to the endpoint that was there").isTrue();
            assertThat(eventually(() -> admin.get("/api/v1/admin/webhooks/" + before + "/deliveries").json().size() > 0,
                    Duration.ofSeconds(5))).isTrue();
            Thread.sleep(500);
            assertThat(receivedAt("/ok/after", lateId)).as("not to the one added since").isEmpty();
            assertThat(admin.get("/api/v1/admin/webhooks/" + after + "/deliveries").json()).isEmpty();
            assertThat(pending(after)).isZero();

            String fresh = publish(admin, "MEMBER");
            assertThat(eventually(() -> !receivedAt("/ok/after", fresh).isEmpty(), Duration.ofSeconds(10)))
                    .as("a publication after it was added reaches it").isTrue();
        } finally {
            admin.delete("/api/v1/admin/webhooks/" + before);
            admin.delete("/api/v1/admin/webhooks/" + after);
        }
    }

    @Test
    @DisplayName("removing an endpoint drops its pending retries: no attempt after, and it is not marked failing")
    void removalDropsRetries() throws Exception {
        Api admin = api().asAdmin();
        failuresLeft.set(100);
        String id = addHook(admin, "/ok/removed");
        String materialId = publish(admin, "FREE");
        assertThat(eventually(() -> !receivedAt("/ok/removed", materialId).isEmpty(), Duration.ofSeconds(10)))
                .as("first attempt").isTrue();
        assertThat(eventually(() -> jdbc.sql("SELECT COUNT(*) FROM webhook_outbox WHERE webhook_id = ? AND attempt = 2")
                .param(id).query(Long.class).single() == 1, Duration.ofSeconds(5))).as("the retry waits").isTrue();
        admin.delete("/api/v1/admin/webhooks/" + id);
        assertThat(pending(id)).as("rows dropped").isZero();

        // Without the drop, attempts 2 and 3 would come 200 ms and 600 ms after the first, and the third would fail it.
        Thread.sleep(2_000);
        assertThat(receivedAt("/ok/removed", materialId)).as("at most the attempt already under way").hasSizeLessThan(3);
        assertThat(pending(id)).isZero();
        assertThat(jdbc.sql("SELECT status FROM webhooks WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("the Atom feed lists publications with their public preview, and never a withdrawn one")
    void atomFeed() {
        Api admin = api().asAdmin();
        String shown = publish(admin, "MEMBER");
        String withdrawn = publish(admin, "MEMBER");
        admin.post("/api/v1/admin/materials/" + withdrawn + "/withdraw", Map.of());
        Api.Response feed = api().get("/feed.atom");
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.contentType()).startsWith("application/atom+xml");
        assertThat(feed.text()).contains("urn:scriptorium:material:" + shown).contains("<summary>")
                .doesNotContain(withdrawn).doesNotContain("奋力夺取全年农业丰收");
    }
}
