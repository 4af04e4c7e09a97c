package org.scriptorium.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Consultation over the API, the whole application on H2: visitors, members, staff, the bell and the outbox. */
class ConsultationApiTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private record Letter(String subject, String body, String kind) {
    }

    private List<Letter> letters(String to) {
        return jdbc.sql("SELECT subject, body, kind FROM mail_outbox WHERE recipient = ? ORDER BY created_at")
                .param(to).query((rs, n) -> new Letter(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    private static String email() {
        return "v" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    /** A visitor from an address of their own, so the limits per address of other tests do not count. */
    private Api visitor() {
        return api().from(Api.freshLoopbackAddress());
    }

    private static Api.Response ask(Api caller, String subject, String text, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject);
        body.put("text", text);
        if (email != null) {
            body.put("email", email);
        }
        return caller.post("/api/v1/consultations", body);
    }

    private static List<String> ids(Api staff, String box) {
        Api.Response r = staff.get("/api/v1/admin/consultations?box=" + box);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().valueStream().map(c -> c.get("id").asString()).toList();
    }

    @Test
    @DisplayName("a visitor asks, staff answer with a material, the answer is mailed and the visitor reads it with the link")
    void visitorAsksAndReadsTheAnswer() {
        Api admin = api().asAdmin();
        String title = "在" + Words.unique() + "防汛工作部署会上的讲话";
        String materialId = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text",
                Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "title", title), null, null)
                .json().get("materialId").asString();
        String address = email();
        Api visitor = visitor();

        Api.Response asked = ask(visitor, "怎么购买会员", "请问三年会员在哪里买？", address.toUpperCase());
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        String id = asked.json().get("id").asString();
        String link = asked.json().get("visitorLink").asString();
        assertThat(link).startsWith("/consultations/" + id + "?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        List<Letter> received = letters(address);
        assertThat(received).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("CONSULTATION_RECEIVED");
            assertThat(l.body()).contains(link).doesNotContain("三年会员在哪里买");
        });

        assertThat(visitor.get("/api/v1/consultations/" + id + "?token=" + token).json()
                .at("/messages/0/text").asString()).isEqualTo("请问三年会员在哪里买？");
        Api.Response noToken = visitor.get("/api/v1/consultations/" + id);
        assertThat(noToken.status()).isEqualTo(404);
        assertThat(noToken.json().get("code").asString()).isEqualTo("CONSULTATION_NOT_FOUND");
        assertThat(visitor.get("/api/v1/consultations/" + id + "?token=" + token.substring(1) + "A").status()).isEqualTo(404);
        Api stranger = api().newMember();
        assertThat(stranger.get("/api/v1/consultations/" + id).status()).as("a stranger is told nothing").isEqualTo(404);
        assertThat(stranger.post("/api/v1/consultations/" + id + "/messages", Map.of("text", "我也想问")).status())
                .isEqualTo(404);

        assertThat(ids(admin, "unassigned")).contains(id);
        Api.Response answered = admin.post("/api/v1/admin/consultations/" + id + "/answer",
                Map.of("text", "淘宝店铺搜索“笔杆子文库”即可购买。", "materialId", "https://wenku.example.cn/materials/" + materialId + "?x=1"));
        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(ids(admin, "unassigned")).as("answering takes it").doesNotContain(id);
        assertThat(ids(admin, "mine")).contains(id);

        Letter answer = letters(address).getLast();
        assertThat(answer.kind()).isEqualTo("CONSULTATION_ANSWER");
        assertThat(answer.subject()).contains("回复");
        assertThat(answer.body()).contains("淘宝店铺搜索“笔杆子文库”即可购买。").contains("《" + title + "》")
                .contains("/materials/" + materialId).contains(link);

        JsonNode thread = visitor.withUserAgent("visitor").as(null).get("/api/v1/consultations/" + id + "?token=" + token).json();
        JsonNode staffMessage = thread.get("messages").get(1);
        assertThat(staffMessage.get("fromStaff").asBoolean()).isTrue();
        assertThat(staffMessage.get("text").asString()).isEqualTo("淘宝店铺搜索“笔杆子文库”即可购买。");
        assertThat(staffMessage.at("/material/title").asString()).isEqualTo(title);
        assertThat(staffMessage.at("/material/href").asString()).isEqualTo("/materials/" + materialId);
        assertThat(staffMessage.toString()).as("the link only, never the material's text").doesNotContain("农田水利");
        assertThat(thread.at("/consultation/awaitingAnswer").asBoolean()).isFalse();

        // Closed, then opened again by the visitor's next message (the token may come as a header).
        admin.post("/api/v1/admin/consultations/" + id + "/close", Map.of());
        assertThat(ids(admin, "closed")).contains(id);
        assertThat(ids(admin, "mine")).doesNotContain(id);
        Api.Response again = visitor.post("/api/v1/consultations/" + id + "/messages?token=" + token, Map.of("text", "价格是多少？"));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().at("/consultation/status").asString()).isEqualTo("OPEN");
        assertThat(again.json().at("/consultation/awaitingAnswer").asBoolean()).isTrue();
        assertThat(ids(admin, "mine")).as("back with its assignee").contains(id);
        assertThat(ids(admin, "closed")).doesNotContain(id);

        // The link opened in a signed-in browser still writes as the visitor, not as that account.
        Api.Response holder = stranger.post("/api/v1/consultations/" + id + "/messages?token=" + token, Map.of("text", "还在吗？"));
        assertThat(holder.status()).as(holder.text()).isEqualTo(200);
        assertThat(holder.json().at("/messages/3/authorName").asString()).isEqualTo("访客");
    }

    @Test
    @DisplayName("a member is told of the answer in the bell; their list shows it; no e-mail is queued")
    void memberToldInTheBell() {
        String address = email();
        Api member = api().newMember(address);
        member.get("/api/v1/notifications"); // the first look takes everything before as read
        Api.Response asked = ask(member, null, "激活码提示已被使用，怎么办？", null);
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        String id = asked.json().get("id").asString();
        assertThat(asked.json().get("visitorLink").isNull()).isTrue();

        api().asAdmin().post("/api/v1/admin/consultations/" + id + "/answer", Map.of("text", "请把订单截图发给我们核对。"));

        JsonNode bell = member.get("/api/v1/notifications").json();
        assertThat(bell.get("unread").asInt()).isEqualTo(1);
        assertThat(bell.at("/items/0/type").asString()).isEqualTo("CONSULTATION_ANSWERED");
        assertThat(bell.at("/items/0/text").asString()).isEqualTo("运营方回复了您的咨询");
        assertThat(bell.at("/items/0/link").asString()).isEqualTo("/me/consultations");
        JsonNode mine = member.get("/api/v1/me/consultations").json();
        assertThat(mine.get(0).get("id").asString()).isEqualTo(id);
        assertThat(mine.get(0).get("subject").isNull()).isTrue();
        assertThat(member.get("/api/v1/consultations/" + id).json().at("/messages/1/text").asString())
                .isEqualTo("请把订单截图发给我们核对。");
        // A signed-in member is told in the bell, not by letter (registering queued only the address check).
        assertThat(letters(address)).extracting(Letter::kind).doesNotContain("CONSULTATION_ANSWER", "CONSULTATION_RECEIVED");
    }

    @Test
    @DisplayName("a suspended account can still write to the operator and read the conversation")
    void suspendedCanAsk() {
        Api admin = api().asAdmin();
        String address = email();
        String userId = api().newMember(address).userId();
        admin.post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "倒卖资料"));
        Api suspended = api().as(api().token(address, Api.MEMBER_PASSWORD));

        Api.Response asked = ask(suspended, "账号暂停申诉", "我没有倒卖，请核实。", null);
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        String id = asked.json().get("id").asString();
        assertThat(suspended.get("/api/v1/consultations/" + id).status()).isEqualTo(200);
        assertThat(suspended.post("/api/v1/consultations/" + id + "/messages", Map.of("text", "补充：订单号 123")).status())
                .isEqualTo(200);
        assertThat(suspended.get("/api/v1/me/consultations").json().get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    @DisplayName("staff are told in the bell that a question waits; once assigned, only the assignee hears the asker again")
    void staffToldInTheBell() {
        Api admin = api().asAdmin();
        String editorEmail = email();
        String editorId = api().newMember(editorEmail).userId();
        admin.put("/api/v1/admin/users/" + editorId + "/roles", Map.of("roles", List.of("EDITOR")));
        Api editor = api().as(api().token(editorEmail, Api.MEMBER_PASSWORD));
        admin.post("/api/v1/notifications/read", Map.of()); // what other tests asked before is not this test's news
        editor.get("/api/v1/notifications"); // the first look takes everything before as read
        Api member = api().newMember();
        String id = ask(member, "续费", "会员到期后还能续吗？", null).json().get("id").asString();

        for (Api staff : List.of(admin, editor)) {
            JsonNode bell = staff.get("/api/v1/notifications").json();
            assertThat(bell.get("unread").asInt()).isEqualTo(1);
            assertThat(bell.at("/items/0/type").asString()).isEqualTo("CONSULTATION_WAITING");
            assertThat(bell.at("/items/0/link").asString()).isEqualTo("/admin/consultations/" + id);
        }
        assertThat(member.get("/api/v1/notifications").json().toString()).doesNotContain("CONSULTATION_WAITING");

        admin.post("/api/v1/notifications/read", Map.of());
        editor.post("/api/v1/notifications/read", Map.of());
        admin.post("/api/v1/admin/consultations/" + id + "/assign", Map.of("staffId", editorId));
        assertThat(member.post("/api/v1/consultations/" + id + "/messages", Map.of("text", "补充：是三年卡。")).status())
                .isEqualTo(200);
        assertThat(editor.get("/api/v1/notifications").json().get("unread").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/notifications").json().get("unread").asInt()).isZero();
    }

    @Test
    @DisplayName("staff assign to another staff member; not to a member; the inbox's box is checked")
    void assign() {
        Api admin = api().asAdmin();
        String editorEmail = email();
        Api editorAccount = api().newMember(editorEmail);
        String editorId = editorAccount.userId();
        admin.put("/api/v1/admin/users/" + editorId + "/roles", Map.of("roles", List.of("EDITOR")));
        Api editor = api().as(api().token(editorEmail, Api.MEMBER_PASSWORD));
        Api member = api().newMember();
        String id = ask(member, "发票", "可以开发票吗？", null).json().get("id").asString();

        Api.Response notStaff = admin.post("/api/v1/admin/consultations/" + id + "/assign", Map.of("staffId", member.userId()));
        assertThat(notStaff.status()).isEqualTo(422);
        assertThat(notStaff.json().get("code").asString()).isEqualTo("NOT_STAFF");
        Api.Response assigned = admin.post("/api/v1/admin/consultations/" + id + "/assign", Map.of("staffId", editorId));
        assertThat(assigned.json().at("/consultation/assigneeId").asString()).isEqualTo(editorId);
        assertThat(ids(editor, "mine")).contains(id);
        assertThat(ids(admin, "mine")).doesNotContain(id);
        assertThat(ids(admin, "unassigned")).doesNotContain(id);
        Api.Response box = admin.get("/api/v1/admin/consultations?box=everything");
        assertThat(box.status()).isEqualTo(400);
        assertThat(box.json().get("code").asString()).isEqualTo("INVALID_BOX");
        assertThat(member.get("/api/v1/admin/consultations").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("bad input is refused with a code and stores nothing; a visitor's address is limited per hour")
    void refusalsAndLimits() {
        Api visitor = visitor();
        Api.Response noEmail = ask(visitor, null, "你好", null);
        assertThat(noEmail.status()).isEqualTo(422);
        assertThat(noEmail.json().get("code").asString()).isEqualTo("EMAIL_REQUIRED");
        assertThat(ask(visitor, null, " ", email()).json().get("code").asString()).isEqualTo("TEXT_REQUIRED");
        assertThat(ask(visitor, null, "字".repeat(4001), email()).json().get("code").asString()).isEqualTo("TEXT_TOO_LONG");
        Api.Response english = ask(visitor.inLanguage("en"), null, "你好", "not-an-address");
        assertThat(english.json().get("code").asString()).isEqualTo("INVALID_EMAIL");
        assertThat(english.json().get("detail").asString()).contains("valid e-mail");

        String address = email();
        for (int i = 0; i < 3; i++) {
            assertThat(ask(visitor(), null, "第 " + i + " 次", address).status()).isEqualTo(201);
        }
        Api.Response limited = ask(visitor(), null, "第 4 次", address);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asString()).isEqualTo("CONSULTATION_LIMIT");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(letters(address)).as("nothing more was sent").hasSize(3);
    }

    @Test
    @DisplayName("canned replies: added, listed, changed, deleted by staff; refused without a title")
    void cannedReplies() {
        Api admin = api().asAdmin();
        String title = "如何购买" + Words.unique();
        Api.Response added = admin.post("/api/v1/admin/canned-replies", Map.of("title", title, "text", "请在淘宝搜索本店。"));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String id = added.json().get("id").asString();
        assertThat(admin.get("/api/v1/admin/canned-replies").json().valueStream().map(r -> r.get("title").asString()))
                .contains(title);
        Api.Response changed = admin.put("/api/v1/admin/canned-replies/" + id, Map.of("title", title, "text", "请在微店购买。"));
        assertThat(changed.json().get("text").asString()).isEqualTo("请在微店购买。");
        assertThat(admin.post("/api/v1/admin/canned-replies", Map.of("title", " ", "text", "x")).json().get("code")
                .asString()).isEqualTo("TITLE_REQUIRED");
        assertThat(admin.delete("/api/v1/admin/canned-replies/" + id).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/admin/canned-replies/" + id).json().get("code").asString())
                .isEqualTo("CANNED_REPLY_NOT_FOUND");
    }
}
