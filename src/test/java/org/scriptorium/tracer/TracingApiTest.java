package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** Personalised copies, the ledger and the tracer, through the HTTP API. */
class TracingApiTest extends IntegrationTest {

    /** A long generated speech (over 8,000 characters) so that a single copy carries enough marks. */
    private static String longSpeech(String word) {
        SpeechCorpus corpus = new SpeechCorpus(99);
        for (long i = 0; ; i++) {
            String text = corpus.document(i).text();
            if (text.length() > 8_000) {
                return text + "\n要抓好" + word + "工作。";
            }
        }
    }

    private record Setup(Api admin, String materialId, String planId) {
    }

    private Setup setup() {
        Api admin = api().asAdmin();
        Map<String, String> fields = new HashMap<>();
        fields.put("text", longSpeech(Words.unique()));
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
        assertThat(Marked.visible(aliceText)).contains("仅供学习 禁止外传", "会员 1");
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
        String cleaned = Marked.visible(copy).replaceAll("仅供学习 禁止外传.*", "");

        JsonNode result = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of("text", cleaned), null, null).json();
        assertThat(result.get("verdict").asString()).as(result.toString()).isEqualTo("ACCUSE");
        assertThat(result.get("materials").get(0).get("materialId").asString()).isEqualTo(s.materialId());
        String leakerId = leaker.get("/api/v1/me").json().get("userId").asString();
        assertThat(result.get("suspects").size()).isEqualTo(1);
        assertThat(result.get("suspects").get(0).get("userId").asString()).isEqualTo(leakerId);
        assertThat(result.get("suspects").get(0).get("falseAccusationBound").asDouble()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    @DisplayName("an excerpt keeping its invisible marks names its reader through the fragile layer")
    void traceExcerpt() {
        Setup s = setup();
        Api leaker = member(s);
        String copy = leaker.get("/api/v1/materials/" + s.materialId()).json().get("text").asString();
        String excerpt = copy.substring(copy.length() / 3, copy.length() / 3 + 400);
        JsonNode result = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of("text", excerpt), null, null).json();
        assertThat(result.get("verdict").asString()).isEqualTo("ACCUSE");
        assertThat(result.get("suspects").get(0).get("layers").get("fragilePayloads").asInt()).isPositive();
    }

    @Test
    @DisplayName("the unmodified original accuses nobody, and text that matches no material is inconclusive")
    void noFalseAccusation() {
        Setup s = setup();
        member(s).get("/api/v1/materials/" + s.materialId());
        member(s).get("/api/v1/materials/" + s.materialId());
        // The pristine source, as imported: what no one received.
        String pristine = longSpeech("");
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
    @DisplayName("a downloaded PDF is the reader's copy and traces back to them through its file-level trace")
    void pdfCopy() throws Exception {
        Setup s = setup();
        Api leaker = member(s);
        Api.Response pdf = leaker.get("/api/v1/materials/" + s.materialId() + "/download?format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            assertThat(Marked.visible(new PDFTextStripper().getText(doc))).contains("仅供学习");
        }
        JsonNode result = s.admin().multipart("POST", "/api/v1/admin/trace", Map.of(), "leak.pdf", pdf.bytes()).json();
        assertThat(result.get("verdict").asString()).isEqualTo("ACCUSE");
        assertThat(result.get("suspects").get(0).get("userId").asString())
                .isEqualTo(leaker.get("/api/v1/me").json().get("userId").asString());
        assertThat(result.get("suspects").get(0).get("layers").get("fileTokens").asInt()).isPositive();
    }
}
