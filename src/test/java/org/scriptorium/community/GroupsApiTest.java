package org.scriptorium.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.sharing.EventStream;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The groups through the API and the live stream, against the whole application. */
class GroupsApiTest extends IntegrationTest {

    @Autowired
    GroupRepository groupRepository;

    private Api admin;
    private String planId;
    private String membersGroup;
    private String freeGroup;

    @BeforeEach
    void groups() {
        admin = api().asAdmin();
        planId = admin.post("/api/v1/admin/plans", Map.of("name", "月卡", "durationDays", 1)).json().get("id").asString();
        membersGroup = create("会员交流群", "MEMBERS");
        freeGroup = create("免费交流群", "FREE");
    }

    private String create(String name, String kind) {
        Api.Response created = admin.post("/api/v1/admin/groups", Map.of("name", name, "kind", kind,
                "externalLabel", "QQ群", "externalNumber", "123456789"));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** A new member whose one-day term started {@code ago} ago. */
    private Api member(Duration ago) {
        Api member = api().newMember();
        String start = Instant.now().minus(ago).atOffset(ZoneOffset.UTC).toString();
        assertThat(admin.post("/api/v1/admin/users/" + member.userId() + "/grant",
                Map.of("planId", planId, "startsAt", start)).status()).isEqualTo(200);
        return member;
    }

    private static Api.Response post(Api who, String group, String text) {
        return who.post("/api/v1/groups/" + group + "/messages", Map.of("text", text));
    }

    private static boolean carries(EventStream.Event e, String text) {
        return e.data().path("type").asString("").equals("GROUP_MESSAGE")
                && e.data().path("message").path("text").asString("").equals(text);
    }

    @Test
    @DisplayName("when a member's term ends the members' group closes at once: 403 GROUP_CLOSED, and no live messages")
    void termEnds() throws Exception {
        Api ending = member(Duration.ofDays(1).minusSeconds(4));
        Api staying = member(Duration.ZERO);
        assertThat(ending.get("/api/v1/groups").json().toString()).contains(membersGroup).contains("123456789");
        Api stranger = api().newMember();
        assertThat(stranger.get("/api/v1/groups").json().toString()).doesNotContain(membersGroup).contains(freeGroup);
        try (EventStream endingStream = EventStream.open(port, ending.bearer());
             EventStream stayingStream = EventStream.open(port, staying.bearer());
             EventStream strangerStream = EventStream.open(port, stranger.bearer())) {
            assertThat(post(staying, membersGroup, "第一条").status()).isEqualTo(201);
            assertThat(endingStream.next(e -> carries(e, "第一条"), Duration.ofSeconds(10))).isNotNull();
            assertThat(ending.get("/api/v1/groups/" + membersGroup + "/messages").status()).isEqualTo(200);

            Thread.sleep(4_500); // the term runs out
            Api.Response closed = ending.get("/api/v1/groups/" + membersGroup + "/messages");
            assertThat(closed.status()).isEqualTo(403);
            assertThat(closed.json().get("code").asString()).isEqualTo("GROUP_CLOSED");
            assertThat(closed.json().get("detail").asString()).contains("会员");
            assertThat(post(ending, membersGroup, "还能发吗").json().get("code").asString()).isEqualTo("GROUP_CLOSED");
            assertThat(ending.get("/api/v1/groups").json().toString()).doesNotContain(membersGroup);

            assertThat(post(staying, membersGroup, "第二条").status()).isEqualTo(201);
            assertThat(stayingStream.next(e -> carries(e, "第二条"), Duration.ofSeconds(10))).isNotNull();
            assertThat(endingStream.next(e -> carries(e, "第二条"), Duration.ofSeconds(1))).isNull();
            assertThat(strangerStream.next(e -> carries(e, "第一条") || carries(e, "第二条"), Duration.ofMillis(200)))
                    .as("never told to an account outside the group").isNull();
        }
        // Staff keep the history, including what the member wrote before losing access.
        JsonNode history = admin.get("/api/v1/groups/" + membersGroup + "/messages").json();
        assertThat(history.get("messages").toString()).contains("第一条").contains("第二条");
    }

    @Test
    @DisplayName("a muted member is refused with 403 MUTED, the reason and until when; lifted, they may post again")
    void muted() {
        Api member = api().newMember();
        Api.Response mute = admin.post("/api/v1/admin/groups/" + freeGroup + "/mutes",
                Map.of("userId", member.userId(), "minutes", 30, "reason", "反复发广告"));
        assertThat(mute.status()).isEqualTo(200);
        Api.Response refused = post(member, freeGroup, "你好");
        assertThat(refused.status()).isEqualTo(403);
        JsonNode problem = refused.json();
        assertThat(problem.get("code").asString()).isEqualTo("MUTED");
        assertThat(problem.get("detail").asString()).contains("反复发广告").contains("禁言至");
        assertThat(problem.get("reason").asString()).isEqualTo("反复发广告");
        assertThat(Instant.parse(problem.get("until").asString())).isAfter(Instant.now().plus(Duration.ofMinutes(29)));
        assertThat(admin.get("/api/v1/groups/" + freeGroup + "/messages").json().get("messages")).isEmpty();

        assertThat(admin.delete("/api/v1/admin/groups/" + freeGroup + "/sanctions/" + member.userId()).status()).isEqualTo(204);
        assertThat(post(member, freeGroup, "你好").status()).isEqualTo(201);
    }

    @Test
    @DisplayName("a mute or removal written by another node holds at this node's next post, though its cache is warm")
    void sanctionFromAnotherNode() {
        Api member = api().newMember();
        assertThat(post(member, freeGroup, "第一条").status()).isEqualTo(201); // the group's sanctions are now kept here
        Instant now = Instant.now();
        // Another node's mute: written to the database, announced to nobody here.
        groupRepository.saveSanction(freeGroup, member.userId(),
                Sanction.NONE.mute(now, Duration.ofMinutes(30), "刷屏"), admin.userId(), now);
        Api.Response muted = post(member, freeGroup, "第二条");
        assertThat(muted.status()).as(muted.text()).isEqualTo(403);
        assertThat(muted.json().get("code").asString()).isEqualTo("MUTED");

        groupRepository.saveSanction(freeGroup, member.userId(), new Sanction(null, null, true, "违规"), admin.userId(), now);
        Api.Response removed = post(member, freeGroup, "第三条");
        assertThat(removed.status()).as(removed.text()).isEqualTo(403);
        assertThat(removed.json().get("code").asString()).isEqualTo("GROUP_CLOSED");
        assertThat(removed.json().get("reason").asString()).isEqualTo("REMOVED");
        assertThat(admin.get("/api/v1/groups/" + freeGroup + "/messages").json().get("messages")).hasSize(1);
    }

    @Test
    @DisplayName("history pages backwards, newest first, without overlaps; the unread count follows the read cursor")
    void history() {
        Api reader = api().newMember();
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            sent.add(post(admin, freeGroup, "消息" + i).json().get("id").asString());
        }
        assertThat(reader.get("/api/v1/groups").json().toString()).contains("\"unread\":7");
        List<String> seen = new ArrayList<>();
        String before = null;
        List<Boolean> more = new ArrayList<>();
        do {
            JsonNode page = reader.get("/api/v1/groups/" + freeGroup + "/messages?limit=3"
                    + (before == null ? "" : "&before=" + before)).json();
            page.get("messages").forEach(m -> seen.add(m.get("id").asString()));
            more.add(page.get("more").asBoolean());
            before = seen.getLast();
        } while (more.getLast());
        assertThat(seen).containsExactlyElementsOf(sent.reversed());
        assertThat(more).containsExactly(true, true, false);
        assertThat(reader.get("/api/v1/groups/" + freeGroup + "/messages?limit=0").json().get("code").asString())
                .isEqualTo("OUT_OF_RANGE");

        assertThat(reader.post("/api/v1/groups/" + freeGroup + "/read", Map.of("through", sent.get(4))).status())
                .isEqualTo(204);
        assertThat(reader.get("/api/v1/groups").json().toString()).contains("\"unread\":2");
    }

    @Test
    @DisplayName("a stream resumed from its last event id is sent every group message it missed, once, in order")
    void replay() throws Exception {
        Api member = member(Duration.ZERO);
        long lastSeen;
        try (EventStream first = EventStream.open(port, member.bearer())) {
            post(admin, membersGroup, "回放1");
            lastSeen = first.next(e -> carries(e, "回放1"), Duration.ofSeconds(10)).id();
        }
        for (int i = 2; i <= 5; i++) {
            post(admin, membersGroup, "回放" + i);
        }
        List<String> texts = new ArrayList<>();
        try (EventStream resumed = EventStream.resume(port, member.bearer(), lastSeen)) {
            // Posted while the replay may be running: must come once, by the replay or the queue.
            post(admin, membersGroup, "回放6");
            EventStream.Event e;
            while ((e = resumed.next(ev -> ev.data().path("type").asString("").equals("GROUP_MESSAGE"),
                    Duration.ofSeconds(texts.size() < 5 ? 10 : 1))) != null) {
                texts.add(e.data().path("message").path("text").asString());
            }
        }
        assertThat(texts).containsExactly("回放2", "回放3", "回放4", "回放5", "回放6");
    }

    @Test
    @DisplayName("a reported message hidden by staff leaves open pages and the history; the reason is in the audit log")
    void reportAndHide() throws Exception {
        Api member = api().newMember();
        Api reporter = api().newMember();
        String id = post(member, freeGroup, "加我微信买资料").json().get("id").asString();
        assertThat(reporter.post("/api/v1/groups/" + freeGroup + "/messages/" + id + "/report",
                Map.of("reason", "倒卖")).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/admin/groups/reports").json().toString()).contains(id).contains("倒卖");
        try (EventStream watching = EventStream.open(port, reporter.bearer())) {
            assertThat(admin.post("/api/v1/admin/groups/" + freeGroup + "/messages/" + id + "/hide",
                    Map.of("reason", "发布倒卖信息")).status()).isEqualTo(204);
            EventStream.Event hidden = watching.next(e -> e.data().path("type").asString("")
                    .equals("GROUP_MESSAGE_HIDDEN"), Duration.ofSeconds(10));
            assertThat(hidden).isNotNull();
            assertThat(hidden.data().get("messageId").asString()).isEqualTo(id);
        }
        assertThat(member.get("/api/v1/groups/" + freeGroup + "/messages").json().toString()).doesNotContain(id);
        assertThat(admin.get("/api/v1/admin/groups/reports").json().toString()).doesNotContain(id);
        assertThat(admin.get("/api/v1/admin/groups/" + freeGroup + "/moderation").json().get("hidden").toString())
                .contains("发布倒卖信息");
        assertThat(admin.get("/api/v1/admin/audit/export").text()).contains("GROUP_MESSAGE_HIDDEN").contains("发布倒卖信息");
        // A stream resumed from before the message no longer carries its text.
        try (EventStream replay = EventStream.resume(port, reporter.bearer(), 0)) {
            assertThat(replay.next(e -> e.data().toString().contains("加我微信买资料"), Duration.ofSeconds(2))).isNull();
        }
    }

    @Test
    @DisplayName("ten messages a minute: the eleventh is 429 RATE_LIMITED with Retry-After and a Chinese message")
    void rateLimited() {
        Api member = api().newMember();
        for (int i = 0; i < 10; i++) {
            assertThat(post(member, freeGroup, "刷" + i).status()).isEqualTo(201);
        }
        Api.Response refused = post(member, freeGroup, "第十一条");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(refused.json().get("detail").asString()).contains("每分钟最多 10 条");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
    }

    @Test
    @DisplayName("an image is cleaned and served only to accounts allowed in its group; a staff mention rings their bell")
    void imageAndMention() throws Exception {
        Api member = member(Duration.ZERO);
        BufferedImage picture = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        String adminName = admin.get("/api/v1/me").json().get("displayName").asString();
        Api.Response posted = member.multipart("POST", "/api/v1/groups/" + membersGroup + "/messages",
                Map.of("text", "@" + adminName + " 请看这张图"), "photo.png", png.toByteArray());
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        JsonNode image = posted.json().get("image");
        assertThat(image.get("width").asInt()).isEqualTo(40);
        String url = image.get("url").asString();
        Api.Response seen = member.get(url);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.contentType()).startsWith("image/png");
        assertThat(api().newMember().get(url).status()).as("a free account outside the members' group").isEqualTo(403);
        assertThat(api().get(url).status()).as("signed out").isEqualTo(401);
        Api.Response svg = member.multipart("POST", "/api/v1/groups/" + membersGroup + "/messages",
                Map.of("text", "x"), "x.png", "<svg/>".getBytes());
        assertThat(svg.status()).isEqualTo(415);

        assertThat(posted.json().get("mentions").toString()).contains(adminName);
        assertThat(admin.get("/api/v1/notifications").json().get("items").toString()).contains("提到了您");
    }
}
