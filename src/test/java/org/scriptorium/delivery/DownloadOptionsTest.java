package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;

/** The reader's choices for a file besides its format: 公文格式 or 阅读格式, and a letterhead where one exists. */
class DownloadOptionsTest extends IntegrationTest {

    /** A 通知 with the elements a letterhead needs: 发文字号 and 落款 with 成文日期. */
    static final String NOTICE_WITH_ELEMENTS = """
            关于做好今冬明春森林防火工作的通知
            青政办发〔2025〕3号
            各乡镇人民政府，县直有关单位：
            为切实做好今冬明春森林防火工作，保护森林资源和人民群众生命财产安全，经县人民政府同意，现将有关事项通知如下。
            一、提高思想认识
            各乡镇、各有关单位要充分认识森林防火工作的重要性，切实把森林防火工作摆上重要议事日程。
            二、严格火源管控
            要加强野外用火管理，严禁在林区吸烟、烧荒、燃放烟花爆竹。
            青山县人民政府办公室
            2025年1月6日
            """;

    private String importText(Api admin, String text, String kind) {
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", text, "tier", "FREE", "kind", kind), null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    private static XWPFDocument docx(Api.Response response) throws IOException {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return new XWPFDocument(new ByteArrayInputStream(response.bytes()));
    }

    @Test
    @DisplayName("a DOCX comes in 公文格式 or 阅读格式; another layout is refused with a clear error")
    void layouts() throws IOException {
        Api admin = api().asAdmin();
        String id = importText(admin, Speeches.RURAL_MEETING, "讲话稿");
        Api reader = api().newMember();
        try (XWPFDocument official = docx(reader.get("/api/v1/materials/" + id + "/download?format=docx&layout=official"));
             XWPFDocument reading = docx(reader.get("/api/v1/materials/" + id + "/download?format=docx&layout=reading"))) {
            // 公文格式 keeps the 22 × 28 grid; 阅读格式 has none.
            assertThat(official.getDocument().getBody().getSectPr().isSetDocGrid()).isTrue();
            assertThat(official.getDocument().getBody().getSectPr().getDocGrid().getType().toString())
                    .isEqualTo("linesAndChars");
            var readingGrid = reading.getDocument().getBody().getSectPr();
            assertThat(readingGrid.isSetDocGrid() && "linesAndChars".equals(readingGrid.getDocGrid().getType()
                    .toString())).isFalse();
            assertThat(visibleText(reading)).isEqualTo(visibleText(official));
        }
        Api.Response refused = reader.get("/api/v1/materials/" + id + "/download?format=docx&layout=poster");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("UNSUPPORTED_LAYOUT");
        assertThat(refused.json().get("detail").asString()).contains("公文格式");
    }

    private static String visibleText(XWPFDocument doc) {
        StringBuilder text = new StringBuilder();
        for (XWPFParagraph p : doc.getParagraphs()) {
            text.append(Marked.visible(p.getText())).append('\n');
        }
        return text.toString().replaceAll("\n+", "\n").strip();
    }

    @Test
    @DisplayName("a letterhead is offered for a 通知 with 发文字号 and 落款, refused for a speech without a delivery")
    void letterhead() throws IOException {
        Api admin = api().asAdmin();
        String notice = importText(admin, NOTICE_WITH_ELEMENTS, "通知");
        String speech = importText(admin, Speeches.RURAL_MEETING, "讲话稿");
        String email = "l" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api reader = api().newMember(email);
        try (XWPFDocument plain = docx(reader.get("/api/v1/materials/" + notice + "/download?format=docx"));
             XWPFDocument headed = docx(reader.get("/api/v1/materials/" + notice + "/download?format=docx&letterhead=true"))) {
            assertThat(visibleText(plain)).doesNotContain("青山县人民政府办公室文件");
            assertThat(visibleText(headed)).contains("青山县人民政府办公室文件", "青政办发〔2025〕3号", "印发");
        }
        Api.Response pdf = reader.get("/api/v1/materials/" + notice + "/download?format=pdf&letterhead=true");
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            assertThat(Marked.visible(new PDFTextStripper().getText(doc))).contains("青山县人民政府办公室文件", "印发");
        }

        String ledger = "/api/v1/admin/deliveries?materialId=" + speech + "&userId=" + reader.userId();
        Api.Response refused = reader.get("/api/v1/materials/" + speech + "/download?format=docx&letterhead=true");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("LETTERHEAD_UNAVAILABLE");
        assertThat(admin.get(ledger).json().size()).as("deliveries of a refused download").isZero();

        // The reading page offers the letterhead only where there is one.
        WebSession page = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        HttpResponse<String> noticePage = page.get("/materials/" + notice);
        assertThat(noticePage.body()).contains("letterhead=true").contains("layout=reading");
        assertThat(page.get("/materials/" + speech).body()).doesNotContain("letterhead=true");
        // Plain text has no letterhead to print, so asking for one changes nothing.
        assertThat(reader.get("/api/v1/materials/" + speech + "/download?format=txt&letterhead=true").status())
                .isEqualTo(200);
    }
}
