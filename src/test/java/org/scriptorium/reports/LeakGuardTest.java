package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The leak guard in the running application: a pasted member copy opens a case with the tracer's result. */
class LeakGuardTest extends IntegrationTest {

    @Autowired
    LeakGuard guard;
    @Autowired
    TransactionTemplate transaction;

    private static String importMaterial(Api admin, String text, String tier) {
        Map<String, String> fields = new HashMap<>();
        fields.put("text", text);
        fields.put("tier", tier);
        return admin.multipart("POST", "/api/v1/admin/materials", fields, null, null).json().get("materialId").asString();
    }

    private Api member(Api admin) {
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes").get(0).asString();
        Api member = api().newMember();
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
        return member;
    }

    /** The first {@code length} visible characters from {@code from}, the invisible ones among them kept. */
    private static String excerpt(String text, int from, int length) {
        StringBuilder out = new StringBuilder();
        int visible = 0;
        for (int i = from; i < text.length() && visible < length; i++) {
            out.append(text.charAt(i));
            visible += Character.getType(text.charAt(i)) == Character.FORMAT ? 0 : 1;
        }
        return out.toString();
    }

    @Test
    @DisplayName("a member's copy pasted is held and opens a case with the poster, the place and the tracer's result pointing to the member whose copy it is; chat and FREE text pass")
    void heldIntoCase() throws IOException {
        Api admin = api().asAdmin();
        String materialId = importMaterial(admin, Speeches.longSpeech(Words.unique()), "MEMBER");
        String freeId = importMaterial(admin, new SpeechCorpus(5).document(0).text() + "\n免费试读" + Words.unique(), "FREE");
        Api leaker = member(admin);
        Api other = member(admin);
        other.get("/api/v1/materials/" + materialId);
        String copy = leaker.get("/api/v1/materials/" + materialId).json().get("text").asString();
        Api poster = api().newMember();
        String posterId = poster.userId();
        int casesBefore = admin.get("/api/v1/admin/reports?kind=LEAK_GUARD").json().size();

        // chat lines and FREE text pass, and open nothing
        List<String> chat = Files.readAllLines(Path.of("src/test/resources/guard/chat-lines.txt"));
        for (String line : chat.subList(0, 40)) {
            assertThat(guard.inspect(posterId, line, "免费群「交流群」")).as(line).isInstanceOf(LeakGuard.Verdict.Clear.class);
        }
        String freeCopy = Marked.visible(poster.get("/api/v1/materials/" + freeId).json().get("text").asString());
        assertThat(guard.inspect(posterId, excerpt(freeCopy, 200, 300), "免费群「交流群」"))
                .isInstanceOf(LeakGuard.Verdict.Clear.class);
        assertThat(admin.get("/api/v1/admin/reports?kind=LEAK_GUARD").json().size()).isEqualTo(casesBefore);

        String pasted = excerpt(copy, 1_000, 300);
        LeakGuard.Verdict verdict = guard.inspect(posterId, pasted, "免费群「交流群」消息");
        assertThat(verdict).isInstanceOf(LeakGuard.Verdict.Held.class);
        String caseId = ((LeakGuard.Verdict.Held) verdict).caseId();

        JsonNode held = admin.get("/api/v1/admin/reports/" + caseId).json().get("report");
        assertThat(held.get("kind").asString()).isEqualTo("LEAK_GUARD");
        assertThat(held.get("status").asString()).isEqualTo("PENDING");
        assertThat(held.get("subject").get("userId").asString()).isEqualTo(posterId);
        assertThat(held.get("where").asString()).isEqualTo("免费群「交流群」消息");
        assertThat(held.get("evidenceText").asString()).isEqualTo(pasted);
        assertThat(held.get("signalDetail").asString()).contains("已拦截");
        JsonNode trace = held.get("trace");
        assertThat(trace.get("materials").get(0).get("materialId").asString()).isEqualTo(materialId);
        // 300 characters carry about 12 marked positions, a third of what naming anyone at 1e-6 takes; the
        // invisible mark in them points to the copy's reader, which the editor sees beside the bound
        assertThat(trace.get("verdict").asString()).as(trace.toString()).isEqualTo("INCONCLUSIVE");
        assertThat(trace.get("pointers").get(0).get("userId").asString()).isEqualTo(leaker.userId());
        assertThat(trace.get("pointers").get(0).get("consistent").asBoolean()).isTrue();

        // a longer paste, retyped without the invisible marks, names the member whose copy it is: the whole copy
        // (over 8,000 characters), since the bound grows with every member the database holds, and the integration
        // tests of a run share one database (2,000 characters fell just short of 1e-6 once the PostgreSQL run had
        // made its members)
        String longer = Marked.visible(copy);
        LeakGuard.Verdict second = guard.inspect(posterId, longer, "免费群「交流群」消息");
        JsonNode named = admin.get("/api/v1/admin/reports/" + ((LeakGuard.Verdict.Held) second).caseId()).json()
                .get("report").get("trace");
        assertThat(named.get("verdict").asString()).as(named.toString()).isEqualTo("ACCUSE");
        assertThat(named.get("suspects").size()).isEqualTo(1);
        assertThat(named.get("suspects").get(0).get("userId").asString()).isEqualTo(leaker.userId());

        // one case per held message
        int cases = admin.get("/api/v1/admin/reports?kind=LEAK_GUARD").json().size();
        assertThat(cases).isEqualTo(casesBefore + 2);

        // in the caller's transaction: a message whose posting fails leaves no case behind
        transaction.executeWithoutResult(status -> {
            assertThat(guard.inspect(posterId, pasted, "免费群「交流群」消息")).isInstanceOf(LeakGuard.Verdict.Held.class);
            status.setRollbackOnly();
        });
        assertThat(admin.get("/api/v1/admin/reports?kind=LEAK_GUARD").json().size()).isEqualTo(cases);
    }

    @Test
    @DisplayName("pasting 300 characters of a member's copy into the free group posts nothing and opens a case; a chat line posts")
    void freeGroupPaste() {
        Api admin = api().asAdmin();
        String materialId = importMaterial(admin, Speeches.longSpeech(Words.unique()), "MEMBER");
        Api leaker = member(admin);
        String copy = leaker.get("/api/v1/materials/" + materialId).json().get("text").asString();
        String group = admin.post("/api/v1/admin/groups", Map.of("name", "交流群" + Words.unique(), "kind", "FREE"))
                .json().get("id").asString();
        Api poster = api().newMember();

        Api.Response held = poster.post("/api/v1/groups/" + group + "/messages", Map.of("text", excerpt(copy, 3_000, 300)));
        assertThat(held.status()).isEqualTo(202);
        assertThat(held.json().get("status").asString()).isEqualTo("HELD");
        String caseId = held.json().get("caseId").asString();
        Api.Response chat = poster.post("/api/v1/groups/" + group + "/messages", Map.of("text", "谢谢群主分享，收藏了"));
        assertThat(chat.status()).isEqualTo(201);

        JsonNode history = leaker.get("/api/v1/groups/" + group + "/messages").json().get("messages");
        assertThat(history.size()).as("only the chat line is shown").isEqualTo(1);
        assertThat(history.get(0).get("text").asString()).isEqualTo("谢谢群主分享，收藏了");
        JsonNode report = admin.get("/api/v1/admin/reports/" + caseId).json().get("report");
        assertThat(report.get("kind").asString()).isEqualTo("LEAK_GUARD");
        assertThat(report.get("subject").get("userId").asString()).isEqualTo(poster.userId());
        assertThat(report.get("where").asString()).contains("交流群");
        assertThat(report.get("trace").get("materials").get(0).get("materialId").asString()).isEqualTo(materialId);
    }
}
