package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import tools.jackson.databind.JsonNode;

class LibraryApiTest extends IntegrationTest {

    private JsonNode importText(Api admin, String text, Map<String, String> details) {
        Map<String, String> fields = new HashMap<>(details);
        fields.put("text", text);
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private Api memberWithCode(Api admin) {
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes").get(0).asString();
        Api member = api().newMember();
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
        return member;
    }

    private static String daysAgo(int days) {
        return Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    @DisplayName("an import recognises title, salutation, outline, points, placeholders and strips the source's notices")
    void importRecognisesStructure() {
        JsonNode m = importText(api().asAdmin(), Speeches.RURAL_MEETING, Map.of("topics", "春耕,农业生产"));
        assertThat(m.get("title").asString()).isEqualTo("在全县春季农业生产工作会议上的讲话");
        assertThat(m.get("kind").asString()).isEqualTo("讲话稿");
        assertThat(m.get("tier").asString()).isEqualTo("MEMBER");
        assertThat(m.get("revision").asInt()).isEqualTo(1);
        assertThat(m.get("salutation").asString()).isEqualTo("同志们：");
        JsonNode outline = m.get("outline");
        assertThat(outline.size()).isEqualTo(7);
        assertThat(outline.get(0).get("level").asInt()).isEqualTo(1);
        assertThat(outline.get(0).get("number").asString()).isEqualTo("一、");
        assertThat(outline.get(0).get("heading").asString()).isEqualTo("提高思想认识，切实增强抓好春耕生产的责任感");
        assertThat(outline.get(1).get("level").asInt()).isEqualTo(2);
        assertThat(outline.get(4).get("level").asInt()).isEqualTo(3);
        assertThat(outline.get(4).get("heading").asString()).isEqualTo("抓好粮食播种");
        assertThat(m.get("points").asInt()).isEqualTo(4);
        assertThat(m.get("placeholders").toString()).contains("××", "某某", "XXX", "＿＿");
        assertThat(m.get("strippedNotices").toString()).contains("仅供学习", "QQ123456789");
        assertThat(m.get("characters").asInt()).isGreaterThan(300);
    }

    @Test
    @DisplayName("a .docx upload is imported; a broken one is refused and saves nothing")
    void docxImport() throws IOException {
        Api admin = api().asAdmin();
        long before = admin.get("/api/v1/materials?size=100").json().get("total").asLong();
        byte[] docx;
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : Speeches.RURAL_MEETING.strip().split("\n")) {
                doc.createParagraph().createRun().setText(line);
            }
            doc.write(out);
            docx = out.toByteArray();
        }
        Api.Response ok = admin.multipart("POST", "/api/v1/admin/materials", Map.of("tier", "FREE"), "讲话.docx", docx);
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);
        assertThat(ok.json().get("title").asString()).isEqualTo("在全县春季农业生产工作会议上的讲话");
        assertThat(ok.json().get("tier").asString()).isEqualTo("FREE");

        Api.Response broken = admin.multipart("POST", "/api/v1/admin/materials", Map.of(), "坏文件.docx",
                "这不是一个 Word 文档".getBytes());
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().get("code").asString()).isEqualTo("MALFORMED_DOCX");
        Api.Response empty = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", "   "), null, null);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("code").asString()).isEqualTo("EMPTY_TEXT");
        assertThat(admin.get("/api/v1/materials?size=100").json().get("total").asLong()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("a 200 MB upload gets 413 with a Chinese message")
    void oversizedUpload() {
        byte[] big = new byte[200 * 1024 * 1024];
        Api.Response r = api().asAdmin().multipart("POST", "/api/v1/admin/materials", Map.of(), "big.txt", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asString()).isEqualTo("FILE_TOO_LARGE");
        assertThat(r.json().get("detail").asString()).contains("20 MB");
    }

    @Test
    @DisplayName("a revision needs a change note and keeps the earlier revision")
    void revise() {
        Api admin = api().asAdmin();
        String id = importText(admin, Speeches.RURAL_MEETING, Map.of()).get("materialId").asString();
        Api.Response noNote = admin.multipart("PUT", "/api/v1/admin/materials/" + id, Map.of("text", Speeches.RURAL_MEETING_REVISED), null, null);
        assertThat(noNote.status()).isEqualTo(422);
        assertThat(noNote.json().get("code").asString()).isEqualTo("CHANGE_NOTE_REQUIRED");

        Api.Response revised = admin.multipart("PUT", "/api/v1/admin/materials/" + id,
                Map.of("text", Speeches.RURAL_MEETING_REVISED, "changeNote", "补充农机配件保障", "tier", "FREE"), null, null);
        assertThat(revised.status()).as(revised.text()).isEqualTo(200);
        assertThat(revised.json().get("revision").asInt()).isEqualTo(2);
        assertThat(revised.json().get("tier").asString()).isEqualTo("FREE");
        JsonNode read = admin.get("/api/v1/materials/" + id).json();
        assertThat(read.get("revision").asInt()).isEqualTo(2);
        assertThat(Marked.visible(read.get("text").asString())).contains("农机配件");
    }

    @Test
    @DisplayName("the full text goes only to entitled readers: anonymous and non-members get the outline and a preview")
    void readingFollowsEntitlement() {
        Api admin = api().asAdmin();
        String id = importText(admin, Speeches.RURAL_MEETING, Map.of("publishedAt", daysAgo(1))).get("materialId").asString();

        JsonNode anonymous = api().get("/api/v1/materials/" + id).json();
        assertThat(anonymous.get("entitled").asBoolean()).isFalse();
        assertThat(anonymous.has("text")).isFalse();
        assertThat(anonymous.get("outline").size()).isEqualTo(7);
        assertThat(anonymous.get("preview").asString()).startsWith("今天召开这次会议");
        assertThat(anonymous.get("preview").asString()).doesNotContain("奋力夺取全年农业丰收");

        JsonNode nonMember = api().newMember().get("/api/v1/materials/" + id).json();
        assertThat(nonMember.get("entitled").asBoolean()).isFalse();
        assertThat(nonMember.get("reason").asString()).isEqualTo("开通会员后可阅读全文");

        JsonNode member = memberWithCode(admin).get("/api/v1/materials/" + id).json();
        assertThat(member.get("entitled").asBoolean()).isTrue();
        assertThat(Marked.visible(member.get("text").asString())).contains("夺取全年农业丰收").doesNotContain("QQ123456789");
    }

    @Test
    @DisplayName("a new member reads the back catalogue of the 3 years before joining, but nothing older")
    void backCatalogue() {
        Api admin = api().asAdmin();
        String twoYears = importText(admin, Speeches.RURAL_MEETING, Map.of("publishedAt", daysAgo(730))).get("materialId").asString();
        String fourYears = importText(admin, Speeches.RURAL_MEETING, Map.of("publishedAt", daysAgo(1461))).get("materialId").asString();
        String future = importText(admin, Speeches.RURAL_MEETING, Map.of("publishedAt",
                Instant.now().plus(3, ChronoUnit.DAYS).toString())).get("materialId").asString();
        Api member = memberWithCode(admin);

        assertThat(member.get("/api/v1/materials/" + twoYears).json().get("entitled").asBoolean()).isTrue();
        JsonNode old = member.get("/api/v1/materials/" + fourYears).json();
        assertThat(old.get("entitled").asBoolean()).isFalse();
        assertThat(old.get("reason").asString()).isEqualTo("该资料发布于您的会员可回溯范围之前");
        assertThat(member.get("/api/v1/materials/" + future).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/materials/" + future).json().get("entitled").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("free materials are open to every signed-in user, but not to anonymous callers")
    void freeMaterials() {
        Api admin = api().asAdmin();
        String id = importText(admin, Speeches.RURAL_MEETING, Map.of("tier", "FREE")).get("materialId").asString();
        assertThat(api().newMember().get("/api/v1/materials/" + id).json().get("entitled").asBoolean()).isTrue();
        assertThat(api().get("/api/v1/materials/" + id).json().get("entitled").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("downloads are refused to readers who are not entitled and are valid files for those who are")
    void downloads() throws IOException {
        Api admin = api().asAdmin();
        String id = importText(admin, Speeches.RURAL_MEETING, Map.of()).get("materialId").asString();
        Api.Response anonymous = api().get("/api/v1/materials/" + id + "/download?format=docx");
        assertThat(anonymous.status()).isEqualTo(401);
        Api.Response refused = api().newMember().get("/api/v1/materials/" + id + "/download?format=docx");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("NOT_ENTITLED");

        Api member = memberWithCode(admin);
        Api.Response txt = member.get("/api/v1/materials/" + id + "/download?format=txt");
        assertThat(txt.status()).isEqualTo(200);
        assertThat(Marked.visible(txt.text())).contains("在全县春季农业生产工作会议上的讲话", "夺取全年农业丰收");
        Api.Response docx = member.get("/api/v1/materials/" + id + "/download?format=docx");
        assertThat(docx.status()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.bytes()))) {
            assertThat(doc.getParagraphs().stream().map(p -> p.getText()).toList())
                    .anyMatch(t -> Marked.visible(t).contains("抓好粮食播种"));
        }
        assertThat(member.get("/api/v1/materials/" + id + "/download?format=exe").status()).isEqualTo(422);
    }
}
