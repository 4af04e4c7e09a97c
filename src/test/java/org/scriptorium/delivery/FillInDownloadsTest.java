package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

@DisplayName("a member's fill-ins reach the TXT, DOCX and PDF downloads")
class FillInDownloadsTest extends IntegrationTest {

    /**
     * The rural meeting speech with a county in its title and a count of 责任书: placeholders in reading order are 1 the
     * title's ××县, 2 ××份, 3 ××镇, 4 某某村, 5 XXX万亩 and 6 ＿＿月底.
     */
    private static String speech() {
        return Speeches.RURAL_MEETING.replace("在全县春季", "在××县春季")
                .replace("主要任务是安排部署春季农业生产工作。",
                        "主要任务是安排部署春季农业生产工作，" + Words.unique() + "。年初全县签订春耕目标责任书××份。");
    }

    private static final String FILLS = "&fill.place=" + enc("青山") + "&fill.number=3&fill.date=2024-05-06&fill.4="
            + enc("绿水");

    private Api admin;
    private Api member;
    private String materialId;

    @BeforeEach
    void memberWithMaterial() {
        admin = api().asAdmin();
        materialId = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", speech()), null, null)
                .json().get("materialId").asString();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095,
                "backCatalogDays", 1095)).json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes")
                .get(0).asString();
        member = api().newMember();
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Api.Response download(String format, String fills) {
        return member.get("/api/v1/materials/" + materialId + "/download?format=" + format + fills);
    }

    private static void assertFilled(String text) {
        assertThat(Marked.visible(text))
                .contains("在青山县春季农业生产工作会议上的讲话", "青山镇、绿水村", "目标责任书3份", "稳定在3万亩", "要在5月底前")
                .doesNotContain("××", "某某村", "XXX", "＿＿");
    }

    @Test
    @DisplayName("by meaning and for one placeholder, in all three formats")
    void allFormats() throws Exception {
        Api.Response txt = download("txt", FILLS);
        assertThat(txt.status()).isEqualTo(200);
        assertFilled(txt.text());

        Api.Response docx = download("docx", FILLS);
        assertThat(docx.status()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.bytes()))) {
            assertFilled(doc.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n")));
        }

        Api.Response pdf = download("pdf", FILLS);
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            // Lines of a PDF break anywhere: compare without them.
            assertFilled(new PDFTextStripper().getText(doc).replaceAll("\\s+", ""));
        }

        assertThat(Marked.visible(download("txt", "").text())).contains("××镇、某某村", "目标责任书××份");
    }

    @Test
    @DisplayName("a value with a zero-width character is refused with a problem in Chinese, and nothing is delivered")
    void invisibleRefused() {
        String ledger = "/api/v1/admin/deliveries?materialId=" + materialId + "&userId=" + member.userId();
        Api.Response refused = download("txt", "&fill.place=" + enc("青\u200B山"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("FILL_IN_FORBIDDEN_CHARACTER");
        assertThat(refused.json().get("field").asString()).isEqualTo("fill.place");

        Api.Response tooLong = member.inLanguage("zh-CN")
                .get("/api/v1/materials/" + materialId + "/download?format=docx&fill.name=" + enc("长".repeat(41)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("code").asString()).isEqualTo("FILL_IN_TOO_LONG");
        assertThat(tooLong.json().toString()).contains("最多 40 个字");
        assertThat(admin.get(ledger).json().size()).as("deliveries in the ledger").isZero();
        assertThat(download("txt", "&fill.place=" + enc("青山")).status()).isEqualTo(200);
        assertThat(admin.get(ledger).json().size()).isEqualTo(1);
    }
}
