package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** The live event stream: what reaches whom, replay after a reconnection, and the notifications it feeds. */
class EventsTest extends IntegrationTest {

    static String publish(Api admin, String kind, String tier, String topics, Instant publishedAt) {
        Map<String, String> fields = new HashMap<>(Map.of("text",
                Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "kind", kind, "tier", tier));
        if (topics != null) {
            fields.put("topics", topics);
        }
        if (publishedAt != null) {
            fields.put("publishedAt", publishedAt.toString());
        }
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    /** The bearer token a client sends: Api keeps it private, so ask for a fresh one. */
    private static String tokenOf(Api member) {
        String email = member.get("/api/v1/me").json().get("email").asString();
        return member.token(email, Api.MEMBER_PASSWORD);
    }

    @Test
    @DisplayName("a publication reaches an open stream at once, as its type and ids only, with a retry interval")
    void publicationReachesStream() throws Exception {
        Api admin = api().asAdmin();
        Api member = api().newMember();
        try (EventStream stream = EventStream.open(port, tokenOf(member))) {
            assertThat(stream.status()).isEqualTo(200);
            String materialId = publish(admin, "讲话稿", "MEMBER", null, null);
            EventStream.Event event = stream.nextAbout(materialId);
            assertThat(event).as("event about the new material").isNotNull();
            assertThat(event.id()).isPositive();
            assertThat(event.data().get("type").asString()).isEqualTo("MATERIAL_PUBLISHED");
            assertThat(event.data().get("entitled").asBoolean()).as("no membership: outline only").isFalse();
            List<String> fields = List.copyOf(event.data().propertyNames());
            assertThat(fields).containsOnly("type", "id", "materialId", "revision", "entitled");
            assertThat(stream.retry()).isEqualTo("3000");
        }
    }

    @Test
    @DisplayName("a reconnecting client sends Last-Event-ID and is sent what it missed, and nothing it may not see")
    void replayAfterLastEventId() throws Exception {
        Api admin = api().asAdmin();
        Api member = api().newMember();
        String token = tokenOf(member);
        long seen;
        try (EventStream stream = EventStream.open(port, token)) {
            String first = publish(admin, "讲话稿", "FREE", null, null);
            seen = stream.nextAbout(first).id();
        }
        String missed = publish(admin, "工作报告", "MEMBER", null, null);
        String withdrawn = publish(admin, "工作报告", "MEMBER", null, null);
        assertThat(admin.post("/api/v1/admin/materials/" + withdrawn + "/withdraw", Map.of()).status()).isLessThan(300);
        String later = publish(admin, "讲话稿", "MEMBER", null, Instant.now().plus(1, ChronoUnit.DAYS));
        try (EventStream resumed = EventStream.resume(port, token, seen)) {
            EventStream.Event replayed = resumed.nextAbout(missed);
            assertThat(replayed).as("the missed publication is replayed").isNotNull();
            assertThat(replayed.id()).isGreaterThan(seen);
            EventStream.Event notSeen = resumed.next(e -> EventStream.about(e, withdrawn) || EventStream.about(e, later),
                    Duration.ofSeconds(2));
            assertThat(notSeen).as("withdrawn or not yet published: never told").isNull();
        }
    }

    @Test
    @DisplayName("a member who follows kinds or topics is told only of publications that match them")
    void followsFilter() throws Exception {
        Api admin = api().asAdmin();
        Api member = api().newMember();
        String kind = "讲话稿" + Words.unique();
        String topic = Words.unique();
        JsonNode saved = member.put("/api/v1/me/follows", Map.of("kinds", List.of(kind), "topics", List.of(topic))).json();
        assertThat(saved.get("kinds").get(0).asString()).isEqualTo(kind);
        Api other = api().newMember();
        try (EventStream stream = EventStream.open(port, tokenOf(member));
             EventStream everything = EventStream.open(port, tokenOf(other))) {
            String unfollowed = publish(admin, "工作报告", "MEMBER", "脱贫", null);
            String byKind = publish(admin, kind, "MEMBER", null, null);
            String byTopic = publish(admin, "总结", "MEMBER", topic + ",其他", null);
            assertThat(stream.nextAbout(byKind)).isNotNull();
            assertThat(stream.nextAbout(byTopic)).isNotNull();
            assertThat(everything.nextAbout(unfollowed)).as("following nothing means everything").isNotNull();
            assertThat(stream.next(e -> EventStream.about(e, unfollowed), Duration.ofSeconds(1))).isNull();
        }
        JsonNode bell = member.get("/api/v1/notifications").json();
        assertThat(bell.get("items").toString()).doesNotContain("工作报告");
    }

    @Test
    @DisplayName("members who received an earlier revision are told of the new one with its change note; others are not")
    void revisionToPreviousRecipients() throws Exception {
        Api admin = api().asAdmin();
        Api reader = api().newMember();
        Api bystander = api().newMember();
        bystander.put("/api/v1/me/follows", Map.of("kinds", List.of(Words.unique()), "topics", List.of()));
        String materialId = publish(admin, "讲话稿", "FREE", null, null);
        assertThat(reader.get("/api/v1/materials/" + materialId).json().get("entitled").asBoolean()).isTrue();
        reader.get("/api/v1/notifications");
        bystander.get("/api/v1/notifications");
        String note = "补充了农机配件" + Words.unique();
        try (EventStream stream = EventStream.open(port, tokenOf(reader))) {
            Api.Response revised = admin.multipart("PUT", "/api/v1/admin/materials/" + materialId,
                    Map.of("text", Speeches.RURAL_MEETING_REVISED, "changeNote", note), null, null);
            assertThat(revised.status()).as(revised.text()).isEqualTo(200);
            EventStream.Event event = stream.nextAbout(materialId);
            assertThat(event.data().get("type").asString()).isEqualTo("MATERIAL_REVISED");
            assertThat(event.data().get("revision").asInt()).isEqualTo(2);
        }
        JsonNode bell = reader.get("/api/v1/notifications").json();
        assertThat(bell.get("unread").asInt()).isPositive();
        JsonNode item = bell.get("items").get(0);
        assertThat(item.get("type").asString()).isEqualTo("MATERIAL_REVISED");
        assertThat(item.get("text").asString()).startsWith("您读过的资料有新修订");
        assertThat(item.get("detail").asString()).contains(note);
        assertThat(bystander.get("/api/v1/notifications").json().get("items").toString()).doesNotContain(materialId);

        assertThat(reader.post("/api/v1/notifications/read", Map.of()).status()).isEqualTo(204);
        assertThat(reader.get("/api/v1/notifications").json().get("unread").asInt()).isZero();
    }

    @Test
    @DisplayName("a reporter is told on their stream and in the bell when their report is decided")
    void reportDecided() throws Exception {
        Api admin = api().asAdmin();
        Api reporter = api().newMember();
        reporter.get("/api/v1/notifications");
        try (EventStream stream = EventStream.open(port, tokenOf(reporter))) {
            Api.Response filed = reporter.multipart("POST", "/api/v1/reports",
                    Map.of("where", "某QQ群" + Words.unique(), "text", "群里有人九块九打包卖讲话稿"), null, null);
            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
            String reportId = filed.json().get("reportId").asString();
            assertThat(admin.post("/api/v1/admin/reports/" + reportId + "/reject", Map.of("reason", "无法核实")).status())
                    .isEqualTo(200);
            EventStream.Event event = stream.next(e -> e.data().has("reportId")
                    && reportId.equals(e.data().get("reportId").asString()), Duration.ofSeconds(10));
            assertThat(event).isNotNull();
            assertThat(event.data().get("type").asString()).isEqualTo("REPORT_DECIDED");
            assertThat(event.data().toString()).doesNotContain("无法核实");
        }
        assertThat(reporter.get("/api/v1/notifications").json().get("items").get(0).get("link").asString())
                .isEqualTo("/me/reports");
    }

    @Test
    @DisplayName("the stream needs a signed-in caller")
    void streamNeedsSignIn() {
        Api.Response r = api().get("/api/v1/events");
        assertThat(r.status()).isEqualTo(401);
    }
}
