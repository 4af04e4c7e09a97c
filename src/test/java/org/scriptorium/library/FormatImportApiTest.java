package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;

/** .doc and .pdf uploads through the import endpoint. */
class FormatImportApiTest extends IntegrationTest {

    private static final String IMPORT = "/api/v1/admin/materials";

    @Test
    @DisplayName("a PDF with a text layer and a web page saved as .doc are imported; a scanned PDF is refused and saves nothing")
    void pdfAndDoc() {
        Api admin = api().asAdmin();
        long before = total(admin);

        Api.Response pdf = admin.multipart("POST", IMPORT, Map.of("tier", "FREE"), "讲话.pdf",
                FormatFiles.pdf(pages(Speeches.RURAL_MEETING, 28, 20)));
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(201);
        assertThat(pdf.json().get("title").asString()).isEqualTo("在全县春季农业生产工作会议上的讲话");
        assertThat(pdf.json().get("strippedNotices").toString()).contains("仅供学习");
        assertThat(pdf.json().get("characters").asInt()).isGreaterThan(300);

        StringBuilder page = new StringBuilder("<html><head><meta charset=utf-8><title>x</title></head><body>");
        Speeches.RURAL_MEETING.strip().lines().forEach(line -> page.append("<p class=MsoNormal>").append(line).append("<o:p></o:p></p>\n"));
        Api.Response doc = admin.multipart("POST", IMPORT, Map.of(), "讲话.doc", FormatFiles.utf8(page + "</body></html>"));
        assertThat(doc.status()).as(doc.text()).isEqualTo(201);
        assertThat(doc.json().get("title").asString()).isEqualTo("在全县春季农业生产工作会议上的讲话");
        assertThat(doc.json().get("outline").size()).isPositive();

        Api.Response scan = admin.multipart("POST", IMPORT, Map.of(), "扫描件.pdf", FormatFiles.scannedPdf(2));
        assertThat(scan.status()).isEqualTo(422);
        assertThat(scan.json().get("code").asString()).isEqualTo("PDF_NO_TEXT");
        assertThat(scan.json().get("detail").asString()).contains("扫描件", "OCR");
        assertThat(total(admin)).isEqualTo(before + 2);
    }

    @Test
    @DisplayName("a Word 97–2003 .doc (Apache POI's test file, when the checkout has it) is imported with its Chinese table text")
    void realDoc() {
        Optional<byte[]> doc = FormatFiles.poi("TestChineseProperties.doc");
        assumeTrue(doc.isPresent(), "POI's test files are not under " + FormatFiles.POI.toAbsolutePath());
        Api.Response r = api().asAdmin().multipart("POST", IMPORT, Map.of("title", "雅虎中文"), "中文.doc", doc.get());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("title").asString()).isEqualTo("雅虎中文");
        assertThat(r.json().get("characters").asInt()).isGreaterThan(100);
    }

    private static long total(Api admin) {
        return admin.get("/api/v1/materials?size=100").json().get("total").asLong();
    }

    /** The text hard-wrapped at {@code width} characters, as a PDF's lines are, {@code perPage} lines a page. */
    private static List<List<String>> pages(String text, int width, int perPage) {
        List<String> lines = new ArrayList<>();
        text.strip().lines().forEach(line -> {
            for (int i = 0; i < line.length(); i += width) {
                lines.add(line.substring(i, Math.min(line.length(), i + width)));
            }
        });
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += perPage) {
            pages.add(lines.subList(i, Math.min(lines.size(), i + perPage)));
        }
        return pages;
    }
}
