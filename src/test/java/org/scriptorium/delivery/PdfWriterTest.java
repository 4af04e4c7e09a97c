package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PDF writer")
class PdfWriterTest {

    private static PdfWriter writer;

    @BeforeAll
    static void font() {
        writer = new PdfWriter();
    }

    @Test
    @DisplayName("writes a PDF that PDFBox opens again, every page A4")
    void validA4() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(writer.write(Reports.longReport(5_000), null))) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            for (PDPage page : pdf.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
                assertThat(page.getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
            }
        }
    }

    @Test
    @DisplayName("the page count grows with the text")
    void pageCount() throws IOException {
        assertThat(pages(writer.write(Reports.shortReport(), null))).isEqualTo(1);
        int medium = pages(writer.write(Reports.longReport(3_000), null));
        int large = pages(writer.write(Reports.longReport(10_000), null));
        assertThat(medium).isGreaterThan(1);
        assertThat(large).isGreaterThan(medium);
    }

    @Test
    @DisplayName("extracting the text gives back the title and every paragraph, up to line breaks")
    void extractable() throws IOException {
        DeliveredDocument doc = Reports.shortReport();
        String text = withoutWhitespace(text(writer.write(doc, null)));

        assertThat(text).contains(withoutWhitespace(doc.title()));
        assertThat(doc.paragraphs()).allSatisfy(p -> assertThat(text).contains(withoutWhitespace(p.text())));
    }

    @Test
    @DisplayName("paragraphs that run across pages still read whole once the notices and page numbers are taken out")
    void acrossPages() throws IOException {
        DeliveredDocument doc = Reports.longReport(10_000);
        String body = withoutWhitespace(String.join("\n", bodyLines(writer.write(doc, null))));

        assertThat(doc.paragraphs()).allSatisfy(p -> assertThat(body).contains(withoutWhitespace(p.text())));
    }

    @Test
    @DisplayName("every page shows the notice and its page number — n —")
    void footers() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(writer.write(Reports.longReport(5_000), null))) {
            for (int n = 1; n <= pdf.getNumberOfPages(); n++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(n);
                stripper.setEndPage(n);
                String page = stripper.getText(pdf);
                assertThat(page).contains(Reports.NOTICE).contains("— " + n + " —");
            }
        }
    }

    @Test
    @DisplayName("no line starts with closing punctuation or ends with an opening one (kinsoku)")
    void kinsoku() throws IOException {
        // 26 characters fill an indented first line, so a plain break would put the comma first on the next.
        String first = "加强党的建设提高政治能力推进改革发展稳定工作坚持人民";
        String text = first + "，巩固拓展成果（重点是基层），确保各项“任务”落到实处，" + "持续推进，久久为功。".repeat(30);
        DeliveredDocument doc = new DeliveredDocument("标题", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, text)), null);

        List<String> lines = bodyLines(writer.write(doc, null));

        assertThat(first).hasSize(26);
        assertThat(lines.get(1)).startsWith(first.substring(0, 25));
        assertThat(lines.get(2)).startsWith("民，");
        assertThat(lines).allSatisfy(line -> {
            assertThat(LineBreaker.NOT_AT_LINE_START.indexOf(line.codePointAt(0))).as(line).isNegative();
            assertThat(LineBreaker.NOT_AT_LINE_END.indexOf(line.codePointBefore(line.length()))).as(line).isNegative();
        });
        assertThat(withoutWhitespace(String.join("", lines.subList(1, lines.size())))).isEqualTo(text);
    }

    @Test
    @DisplayName("embeds subsets of the fonts, and draws only 三级 headings with a stroke as bold")
    void fontAndBold() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(writer.write(Reports.shortReport(), null))) {
            PDPage page = pdf.getPage(0);
            List<PDFont> fonts = new ArrayList<>();
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertThat(fonts).hasSize(3).allSatisfy(font -> {
                assertThat(font.isEmbedded()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+.+");
            });
            try (InputStream contents = page.getContents()) {
                String operators = new String(contents.readAllBytes(), StandardCharsets.ISO_8859_1);
                // one stroked run: the 三级 heading "1.压实工作责任。"
                assertThat(operators.split("2 Tr", -1)).hasSize(2);
                assertThat(operators).contains("0 Tr");
            }
        }
    }

    @Test
    @DisplayName("a character the font lacks becomes □; controls and invisible format characters are left out")
    void missingCharacters() throws IOException {
        // AR PL UMing has no U+20000.
        DeliveredDocument doc = new DeliveredDocument("标题", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, "生僻字𠀀在此\u0001，\u2060完\u200B成\u200C\u200D\uFEFF。")), null);

        assertThat(withoutWhitespace(text(writer.write(doc, null)))).contains("生僻字□在此，完成。");
    }

    @Test
    @DisplayName("names the title, the creator and the language in the metadata")
    void metadata() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(writer.write(Reports.shortReport()))) {
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo(Reports.shortReport().title());
            assertThat(pdf.getDocumentInformation().getCreator()).isEqualTo("Scriptorium");
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("zh-CN");
            assertThat(pdf.getDocumentCatalog().getMetadata()).isNotNull();
        }
    }

    @Test
    @DisplayName("an empty paragraph list and no notice still give one page with the title and page number")
    void empty() throws IOException {
        byte[] bytes = writer.write(new DeliveredDocument("标题", List.of(), null), null);

        assertThat(pages(bytes)).isEqualTo(1);
        assertThat(text(bytes)).contains("标题").contains("— 1 —");
    }

    private static int pages(byte[] bytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            return pdf.getNumberOfPages();
        }
    }

    static String text(byte[] bytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    /** The extracted lines without the footer's notice and page numbers, and without blank lines. */
    private static List<String> bodyLines(byte[] bytes) throws IOException {
        return Arrays.stream(text(bytes).split("\\R"))
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !withoutWhitespace(line).equals(withoutWhitespace(Reports.NOTICE))
                        && !line.matches("—\\s*\\d+\\s*—"))
                .toList();
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }
}
