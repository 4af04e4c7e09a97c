package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.common.DbTime;
import org.scriptorium.library.Materials;
import org.scriptorium.tracing.Marks;
import org.scriptorium.tracing.TextMarks;
import org.scriptorium.tracing.VariationRules;
import org.scriptorium.tracing.VariationSite;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.scriptorium.delivery.FileTraces;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** Personalised copies, the ledger and the tracer, through the HTTP API. */
class TracingApiTest extends IntegrationTest {

    private record Setup(Api admin, String materialId, String planId) {
    }

    private Setup setup() {
        Api admin = api().asAdmin();
        Map<String, String> fields = new HashMap<>();
        fields.put("text", Speeches.longSpeech(Words.unique()));
        String id = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null).json().get("materialId").asString();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        return new Setup(admin, id, planId);
    }

    private Api member(Setup s) {
        String code = s.admin().post("/api/v1/admin/plans/" + s.planId() + "/codes", Map.of("count", 1)).json().get("codes").get(0).asString();
        Api member = api().newMember();
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
        return member;
    }

    @Test
    @DisplayName("each reader gets their own copy, the same one every time, with their member number in the notice, and it is in the ledger")
    void personalisedCopies() {
        Setup s = setup();
        Api alice = member(s);
        Api bob = member(s);
        String aliceText = alice.get("/api/v1/materials/" + s.materialId()).json().get("text").asString();
        String aliceAgain = alice.get("/api/v1/materials/" + s.materialId()).json().get("text").asString();
        String bobText = bob.get("/api/v1/materials/" + s.materialId()).json().get("text").asString();
        assertThat(aliceAgain).isEqualTo(aliceText);
        assertThat(bobText).isNotEqualTo(aliceText);
        assertThat(Marked.visible(aliceText)).contains("的个人副本，含可追溯标记，外传必究", "本文为会员 1");
        assertThat(aliceText.length()).isGreaterThan(Marked.visible(aliceText).length());

        String aliceId = alice.get("/api/v1/me").json().get("userId").asString();
        JsonNode ledger = s.admin().get("/api/v1/admin/deliveries?materialId=" + s.materialId() + "&userId=" + aliceId).json();
        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.get(0).get("format").asString()).isEqualTo("api");
        assertThat(ledger.get(0).get("revision").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("a whole copy leaked with its notice and invisible marks removed names its reader and no one else")
    void traceWholeCopy() {
        Setup s = setup();
        Api leaker = member(s);
        Api other = member(s);
        other.get("/api/v1/materials/" + s.materialId());
        String copy = leaker.get("/api/v1/materials/" + s.materialId()).json().get("text").asString();
        String cleaned = Marked.visible(copy).replaceAll("本文为会员 .*", "");

        JsonNode result = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of("text", cleaned), null, null).json();
        assertThat(result.get("verdict").asString()).as(result.toString()).isEqualTo("ACCUSE");
        assertThat(result.get("materials").get(0).get("materialId").asString()).isEqualTo(s.materialId());
        String leakerId = leaker.get("/api/v1/me").json().get("userId").asString();
        assertThat(result.get("suspects").size()).isEqualTo(1);
        assertThat(result.get("suspects").get(0).get("userId").asString()).isEqualTo(leakerId);
        assertThat(result.get("suspects").get(0).get("falseAccusationBound").asDouble()).isLessThanOrEqualTo(1e-6);
    }

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private Marks marks;
    @Autowired
    private Materials materials;

    @Test
    @DisplayName("a copy delivered under the rule set before issue 15 still names its reader: the tracer reads it with that set")
    void copyDeliveredUnderOldRules() {
        Setup s = setup();
        Api leaker = member(s);
        Api other = member(s);
        other.get("/api/v1/materials/" + s.materialId());
        leaker.get("/api/v1/materials/" + s.materialId());
        String leakerId = leaker.get("/api/v1/me").json().get("userId").asString();
        // the leaker's copies were made in 2025, before rule set 2 came into force
        jdbc.sql("UPDATE deliveries SET delivered_at = ? WHERE user_id = ? AND material_id = ?")
                .params(DbTime.of(Instant.parse("2025-06-01T00:00:00Z")), leakerId, s.materialId()).update();
        long memberNumber = jdbc.sql("SELECT member_number FROM users WHERE id = ?").param(leakerId)
                .query(Long.class).single();
        // the copy as the old code made it: rule set 1's sites, the reader's symbols
        List<String> paragraphs = materials.parse(materials.revision(s.materialId(), 1)).paragraphs();
        List<VariationSite> oldSites = marks.sites(s.materialId(), 1, paragraphs, Set.of(), 1);
        assertThat(oldSites).isNotEqualTo(marks.sites(s.materialId(), 1, paragraphs, Set.of(), VariationRules.CURRENT));
        boolean[] symbols = new boolean[oldSites.size()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = marks.symbol(memberNumber, Marks.positionKey(Marks.revisionKey(s.materialId(), 1), oldSites.get(i)));
        }
        String oldCopy = String.join("\n", TextMarks.apply(paragraphs, oldSites, symbols));

        JsonNode result = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of("text", oldCopy), null, null).json();
        assertThat(result.get("verdict").asString()).as(result.toString()).isEqualTo("ACCUSE");
        assertThat(result.get("suspects").size()).isEqualTo(1);
        assertThat(result.get("suspects").get(0).get("userId").asString()).isEqualTo(leakerId);
        assertThat(marks.rulesAt(Instant.parse("2025-06-01T00:00:00Z"))).isEqualTo(1);
        assertThat(marks.rulesAt(Instant.now())).isEqualTo(VariationRules.CURRENT);
    }

    @Test
    @DisplayName("a 400-character excerpt keeping its invisible marks names nobody: its payload points to the reader, consistent with the ledger, and the result says so")
    void traceExcerpt() {
        Setup s = setup();
        Api leaker = member(s);
        String copy = leaker.get("/api/v1/materials/" + s.materialId()).json().get("text").asString();
        String excerpt = copy.substring(copy.length() / 3, copy.length() / 3 + 400);
        JsonNode result = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of("text", excerpt), null, null).json();
        assertThat(result.get("verdict").asString()).as(result.toString()).isEqualTo("INCONCLUSIVE");
        assertThat(result.get("suspects")).isEmpty();
        JsonNode pointer = result.get("pointers").get(0);
        assertThat(pointer.get("layer").asString()).isEqualTo("FRAGILE");
        assertThat(pointer.get("userId").asString()).isEqualTo(leaker.userId());
        assertThat(pointer.get("consistent").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("notes").findValuesAsString("code")).contains("PAYLOAD_NOT_ENOUGH", "MORE_TEXT_NEEDED");
        assertThat(result.get("materials").get(0).get("charactersNeeded").asInt()).isPositive();
    }

    @Test
    @DisplayName("the unmodified original accuses nobody, and text that matches no material is inconclusive")
    void noFalseAccusation() {
        Setup s = setup();
        member(s).get("/api/v1/materials/" + s.materialId());
        member(s).get("/api/v1/materials/" + s.materialId());
        // The pristine source, as imported: what no one received.
        String pristine = Speeches.longSpeech("");
        JsonNode fromOriginal = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of("text", pristine), null, null).json();
        assertThat(fromOriginal.get("suspects").size()).isZero();
        JsonNode unrelated = s.admin().multipart("POST", "/api/v1/admin/trace",
                Map.of("text", "这是一段与资料库毫无关系的文字，讲的是天气和做饭。".repeat(20)), null, null).json();
        assertThat(unrelated.get("verdict").asString()).isEqualTo("INCONCLUSIVE");
        assertThat(unrelated.get("suspects").size()).isZero();
    }

    @Test
    @DisplayName("a file the tracer cannot read, or nothing at all, is a clear 4xx")
    void badInput() {
        Api admin = api().asAdmin();
        Api.Response none = admin.multipart("POST", "/api/v1/admin/trace", Map.of(), null, null);
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().get("code").asString()).isEqualTo("NOTHING_TO_TRACE");
        Api.Response exe = admin.multipart("POST", "/api/v1/admin/trace", Map.of(), "leak.exe", new byte[] {1, 2, 3});
        assertThat(exe.status()).isEqualTo(422);
        Api.Response pdf = admin.multipart("POST", "/api/v1/admin/trace", Map.of(), "leak.pdf", "not a pdf".getBytes());
        assertThat(pdf.status()).isEqualTo(422);
        assertThat(pdf.json().get("code").asString()).isEqualTo("MALFORMED_PDF");
    }

    @Test
    @DisplayName("a downloaded PDF, set in the bundled fonts, is the reader's copy and traces back to them through its file-level trace")
    void pdfCopy() throws Exception {
        Setup s = setup();
        Api leaker = member(s);
        Api.Response pdf = leaker.get("/api/v1/materials/" + s.materialId() + "/download?format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            assertThat(Marked.visible(new PDFTextStripper().getText(doc))).contains("个人副本");
            var resources = doc.getPage(0).getResources();
            List<String> fonts = new ArrayList<>();
            for (var name : resources.getFontNames()) {
                assertThat(resources.getFont(name).isEmbedded()).isTrue();
                fonts.add(resources.getFont(name).getName());
            }
            assertThat(fonts).anyMatch(f -> f.endsWith("+UMingCN")); // the bundled body face, on any machine
        }
        JsonNode result = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of(), "leak.pdf", pdf.bytes()).json();
        assertThat(result.get("verdict").asString()).isEqualTo("ACCUSE");
        assertThat(result.get("suspects").get(0).get("userId").asString())
                .isEqualTo(leaker.get("/api/v1/me").json().get("userId").asString());
        assertThat(result.get("suspects").get(0).get("layers").get("fileTokens").asInt()).isPositive();
    }

    /** A FREE material: anyone signed in reads it, so its copies and their payloads circulate freely. */
    private static String freeMaterial(Api admin) {
        Map<String, String> fields = new HashMap<>();
        fields.put("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()));
        fields.put("tier", "FREE");
        return admin.multipart("POST", "/api/v1/admin/materials", fields, null, null).json().get("materialId").asString();
    }

    /** The first whole invisible payload in a copy. */
    static String payloadOf(String copy) {
        return TraceSimulation.payloadIn(copy).orElseThrow(() -> new AssertionError("the copy carries no payload"));
    }

    /** The text with {@code payload} inserted after every 80 characters, as a forger would spread it. */
    static String sprinkled(String text, String payload) {
        return TraceSimulation.sprinkle(text, payload, 80);
    }

    private static JsonNode trace(Api admin, Map<String, String> fields, List<Api.Upload> files) {
        Api.Response r = admin.multipart("POST", "/api/v1/admin/trace", fields, files);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    /** Distinct positions read with one form, over every material found (the same text may live in several). */
    private static int positionsOfMaterials(JsonNode result) {
        int sum = 0;
        for (JsonNode m : result.get("materials")) {
            sum += m.get("positions").asInt();
        }
        return sum;
    }

    private static List<String> suspects(JsonNode result) {
        return result.get("suspects").findValuesAsString("userId");
    }

    @Test
    @DisplayName("the original text handed in twenty times names nobody: it is one piece of evidence, and the result says it is the unmarked source")
    void originalRepeated() {
        Setup s = setup();
        for (int i = 0; i < 3; i++) {
            member(s).get("/api/v1/materials/" + s.materialId());
        }
        String source = Speeches.longSpeech("");
        List<Api.Upload> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(new Api.Upload("原稿" + i + ".txt", source.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode result = trace(s.admin(), Map.of(), files);
        assertThat(result.get("suspects")).as(result.toString()).isEmpty();
        assertThat(result.get("notes").findValuesAsString("code")).contains("SAME_EVIDENCE_REPEATED", "ORIGINAL_TEXT");
        JsonNode evidence = result.get("evidence");
        assertThat(evidence.get("pieces").asInt()).isEqualTo(20);
        assertThat(evidence.get("distinctPieces").asInt()).isEqualTo(1);
        assertThat(evidence.get("reads").asInt()).as("one piece read once").isEqualTo(evidence.get("positions").asInt());
        assertThat(evidence.get("positions").asInt()).isEqualTo(positionsOfMaterials(result));
    }

    @Test
    @DisplayName("an excerpt handed in twelve times, and the same copy as TXT, DOCX, PDF and pasted text, count once: only the leaker is named")
    void sameEvidenceRepeated() throws Exception {
        Setup s = setup();
        Api leaker = member(s);
        List<Api> others = List.of(member(s), member(s), member(s));
        others.forEach(o -> o.get("/api/v1/materials/" + s.materialId()));
        String copy = leaker.get("/api/v1/materials/" + s.materialId()).json().get("text").asString();
        String excerpt = Marked.visible(copy).substring(1_000, 1_800);
        List<Api.Upload> twelve = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(new Api.Upload("摘录" + i + ".txt", excerpt.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode repeated = trace(s.admin(), Map.of(), twelve);
        assertThat(suspects(repeated)).isSubsetOf(leaker.userId());
        assertThat(repeated.get("evidence").get("distinctPieces").asInt()).isEqualTo(1);

        List<Api.Upload> formats = new ArrayList<>();
        for (String format : List.of("txt", "docx", "pdf")) {
            Api.Response file = leaker.get("/api/v1/materials/" + s.materialId() + "/download?format=" + format);
            assertThat(file.status()).isEqualTo(200);
            formats.add(new Api.Upload("转卖." + format, file.bytes()));
        }
        JsonNode all = trace(s.admin(), Map.of("text", Marked.visible(copy)), formats);
        assertThat(suspects(all)).containsExactly(leaker.userId());
        assertThat(all.get("notes").findValuesAsString("code")).contains("SAME_EVIDENCE_REPEATED");
        JsonNode evidence = all.get("evidence");
        assertThat(evidence.get("reads").asInt()).isGreaterThan(evidence.get("positions").asInt());
        assertThat(evidence.get("positions").asInt()).as("each position once, with any read both ways")
                .isEqualTo(positionsOfMaterials(all) + evidence.get("conflicting").asInt());
    }

    @Test
    @DisplayName("a victim's invisible payload, taken from their copy of a free material and spread through another's excerpt or unrelated text, names nobody and is reported as set aside")
    void payloadTransplant() {
        Setup s = setup();
        String free = freeMaterial(s.admin());
        Api victim = member(s);
        victim.get("/api/v1/materials/" + s.materialId());
        String victimPayload = payloadOf(victim.get("/api/v1/materials/" + free).json().get("text").asString());
        Api leaker = member(s);
        String copy = Marked.visible(leaker.get("/api/v1/materials/" + s.materialId()).json().get("text").asString());

        JsonNode framed = trace(s.admin(), Map.of("text", sprinkled(copy.substring(2_000, 3_500), victimPayload)), List.of());
        assertThat(suspects(framed)).doesNotContain(victim.userId());
        JsonNode pointer = framed.get("pointers").get(0);
        assertThat(pointer.get("userId").asString()).isEqualTo(victim.userId());
        assertThat(pointer.get("consistent").asBoolean()).isFalse();
        assertThat(pointer.get("reason").asString()).contains("移植");
        assertThat(framed.get("notes").findValuesAsString("code")).contains("PAYLOAD_INCONSISTENT");

        JsonNode unrelated = trace(s.admin(), Map.of("text",
                sprinkled("这是一段与资料库毫无关系的文字，讲的是天气和做饭。".repeat(30), victimPayload)), List.of());
        assertThat(unrelated.get("verdict").asString()).isEqualTo("INCONCLUSIVE");
        assertThat(unrelated.get("suspects")).isEmpty();
        assertThat(unrelated.get("pointers").get(0).get("consistent").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("a DOCX whose file token was replaced by a victim's (from the victim's DOCX of a free material) names the real reader, never the victim")
    void tokenTransplant() throws Exception {
        Setup s = setup();
        String free = freeMaterial(s.admin());
        Api victim = member(s);
        victim.get("/api/v1/materials/" + s.materialId());
        byte[] victimDocx = victim.get("/api/v1/materials/" + free + "/download?format=docx").bytes();
        String victimToken = FileTraces.read("v.docx", victimDocx).getFirst();
        Api leaker = member(s);
        byte[] docx = leaker.get("/api/v1/materials/" + s.materialId() + "/download?format=docx").bytes();

        byte[] forged;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            doc.getProperties().getCustomProperties().getProperty("ScriptoriumCopy").setLpwstr(victimToken);
            for (XWPFParagraph p : doc.getParagraphs()) {
                for (var bookmark : p.getCTP().getBookmarkStartList()) {
                    if (bookmark.getName().startsWith("_Sc")) {
                        bookmark.setName("_Sc" + victimToken);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            forged = out.toByteArray();
        }
        assertThat(FileTraces.read("f.docx", forged)).containsExactly(victimToken);

        JsonNode result = trace(s.admin(), Map.of(), List.of(new Api.Upload("转卖.docx", forged)));
        assertThat(suspects(result)).containsExactly(leaker.userId());
        assertThat(result.get("pointers").findValuesAsString("layer")).as(result.toString()).contains("FILE");
        for (JsonNode p : result.get("pointers")) {
            if (p.get("layer").asString().equals("FILE")) {
                assertThat(p.get("userId").asString()).isEqualTo(victim.userId());
                assertThat(p.get("consistent").asBoolean()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("fifty small files (1.3 MB in all) are one bundle: the limit is on bytes, not on the number of files")
    void fiftySmallFiles() {
        Setup s = setup();
        Api leaker = member(s);
        String copy = Marked.visible(leaker.get("/api/v1/materials/" + s.materialId()).json().get("text").asString());
        List<Api.Upload> files = new ArrayList<>();
        StringBuilder filler = new StringBuilder();
        while (filler.length() < 11_000) {
            filler.append("与本案无关的填充文字，第").append(filler.length()).append("字。");
        }
        for (int i = 0; i < 49; i++) {
            files.add(new Api.Upload("第" + i + "份.txt", (filler + "#" + i).getBytes(StandardCharsets.UTF_8)));
        }
        files.add(new Api.Upload("第49份.txt", copy.getBytes(StandardCharsets.UTF_8)));
        assertThat(files.stream().mapToInt(f -> f.content().length).sum()).isGreaterThan(1_250_000);
        JsonNode result = trace(s.admin(), Map.of("text", "另附一段说明"), files);
        assertThat(result.get("evidence").get("pieces").asInt()).isEqualTo(51);
        assertThat(suspects(result)).containsExactly(leaker.userId());
    }

    @Test
    @DisplayName("the tracing page shows the verdict, what the tracer noticed about the evidence and the payloads it set aside")
    void tracingPage() {
        Setup s = setup();
        String free = freeMaterial(s.admin());
        Api victim = member(s);
        String victimPayload = payloadOf(victim.get("/api/v1/materials/" + free).json().get("text").asString());
        Api leaker = member(s);
        String copy = Marked.visible(leaker.get("/api/v1/materials/" + s.materialId()).json().get("text").asString());

        WebSession admin = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        assertThat(admin.get("/admin/trace").body()).contains("id=\"trace-form\"");
        String page = admin.postMultipart("/admin/trace", "/admin/trace",
                Map.of("text", sprinkled(copy.substring(0, 1_200), victimPayload)), null, null).body();
        assertThat(page).contains("id=\"trace-result\"", "id=\"trace-verdict\"", "data-code=\"PAYLOAD_INCONSISTENT\"",
                "id=\"pointers\"", "已搁置", "id=\"trace-evidence\"");
        assertThat(page).doesNotContain(victimPayload);
    }

    @Test
    @DisplayName("more than the request limit in all is refused with 413 naming that limit, though no single file is over its own")
    void requestLimitIsOnBytes() {
        Api admin = api().asAdmin();
        List<Api.Upload> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(new Api.Upload("第" + i + "份.txt", new byte[17 * 1024 * 1024]));
        }
        Api.Response refused = admin.multipart("POST", "/api/v1/admin/trace", Map.of(), files);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().get("code").asString()).isEqualTo("FILE_TOO_LARGE");
        assertThat(refused.json().get("detail").asString()).contains("合计超过 64 MB", "每个文件不超过 20 MB");
    }
}
