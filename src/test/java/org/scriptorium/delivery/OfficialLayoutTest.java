package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.Block;
import org.scriptorium.library.Heading;
import org.scriptorium.library.Paragraph;

/** How a 公文's run-in headings, 附件说明 and 落款 are laid out in every download format. */
@DisplayName("downloads of a 公文: run-in headings, 附件说明 and 落款")
class OfficialLayoutTest {

    static final String HEADING = "（一）严格管控野外火源。";
    static final String RUN_IN = "各村要加强巡查，严禁在林区野外用火，发现火情立即报告。";
    static final String SIGNATURE = "县人民政府办公室";
    static final String DATE = "2019年1月24日";

    /** The blocks as the i13 parser gives them: a heading, its run-in text, a body paragraph, 附件说明 and 落款. */
    static List<Block> blocks() {
        return List.of(
                new Paragraph("为切实做好森林防火工作，现将有关事项通知如下。", 0, false),
                new Heading(1, "一、", "加强火源管理", "一、加强火源管理", "s1"),
                new Heading(2, "（一）", "严格管控野外火源", HEADING, "s1-1"),
                new Paragraph(RUN_IN, 0, false, Paragraph.Role.RUN_IN),
                new Paragraph("附件：森林防火责任表", 0, false, Paragraph.Role.ATTACHMENT),
                new Paragraph(SIGNATURE, 0, false, Paragraph.Role.SIGNATURE),
                new Paragraph(DATE, 0, false, Paragraph.Role.SIGNATURE));
    }

    static DeliveredDocument document() {
        return Downloads.document("关于做好森林防火工作的通知", "各乡镇人民政府：", blocks(), Documents.NOTICE);
    }

    @Test
    @DisplayName("a run-in paragraph joins its heading's delivered paragraph as its own text; 附件 and 落款 get their styles")
    void layout() {
        List<DeliveredParagraph> ps = document().paragraphs();

        assertThat(ps).extracting(DeliveredParagraph::style).containsExactly(DeliveredParagraph.Style.SALUTATION,
                DeliveredParagraph.Style.BODY, DeliveredParagraph.Style.HEADING_1, DeliveredParagraph.Style.HEADING_2,
                DeliveredParagraph.Style.ATTACHMENT, DeliveredParagraph.Style.SIGNATURE, DeliveredParagraph.Style.SIGNATURE);
        assertThat(ps.get(3).text()).isEqualTo(HEADING);
        assertThat(ps.get(3).runIn()).isEqualTo(RUN_IN);
        assertThat(ps.get(2).hasRunIn()).isFalse();
    }

    @Test
    @DisplayName("a run-in paragraph with no heading before it is set as body; only a heading may carry a run-in text")
    void orphanRunIn() {
        DeliveredDocument doc = Downloads.document("标题", null,
                List.of(new Paragraph(RUN_IN, 0, false, Paragraph.Role.RUN_IN)), null);

        assertThat(doc.paragraphs()).singleElement().satisfies(p -> {
            assertThat(p.style()).isEqualTo(DeliveredParagraph.Style.BODY);
            assertThat(p.text()).isEqualTo(RUN_IN);
        });
        assertThatThrownBy(() -> new DeliveredParagraph(DeliveredParagraph.Style.BODY, "正文", RUN_IN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("TXT: the heading and its run-in text on one indented line")
    void txt() {
        String text = new String(new TxtWriter().write(document()), StandardCharsets.UTF_8).substring(1);

        assertThat(text.split("\r\n")).contains("　　" + HEADING + RUN_IN, "　　附件：森林防火责任表", "　　" + SIGNATURE,
                "　　" + DATE).doesNotContain("　　" + HEADING, "　　" + RUN_IN);
    }

    @Test
    @DisplayName("DOCX: one paragraph in the heading's style with the run-in text in body type; 落款 right-aligned after GB/T 9704, 附件 indented left")
    void docx() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(new DocxWriter().write(document())))) {
            List<XWPFParagraph> ps = docx.getParagraphs();
            assertThat(ps).extracting(XWPFParagraph::getText).containsExactly("关于做好森林防火工作的通知", "各乡镇人民政府：",
                    "为切实做好森林防火工作，现将有关事项通知如下。", "一、加强火源管理", HEADING + RUN_IN,
                    "附件：森林防火责任表", SIGNATURE, DATE);
            assertThat(ps.get(4).getStyle()).isEqualTo("Heading2");
            List<XWPFRun> runs = ps.get(4).getRuns();
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0).text()).isEqualTo(HEADING);
            assertThat(runs.get(0).getStyle()).isEmpty();
            assertThat(runs.get(1).text()).isEqualTo(RUN_IN);
            assertThat(runs.get(1).getStyle()).isEqualTo("RunInText");
            assertThat(docx.getStyles().getStyle("RunInText").getCTStyle().xmlText())
                    .contains("w:eastAsia=\"仿宋\"", "<w:b w:val=\"0\"/>");

            XWPFParagraph attachment = ps.get(5);
            assertThat(attachment.getAlignment()).isEqualTo(ParagraphAlignment.LEFT);
            assertThat(attachment.getCTP().getPPr().getInd().getLeftChars()).isEqualTo(BigInteger.valueOf(200));
            assertThat(attachment.getCTP().getPPr().getInd().getFirstLineChars()).isEqualTo(BigInteger.ZERO);
            assertThat(ps.get(6).getStyle()).isEqualTo("Signature");
            assertThat(ps.get(7).getStyle()).isEqualTo("Date");
            assertThat(docx.getStyles().getStyle("Signature").getCTStyle().xmlText()).contains("<w:jc w:val=\"right\"/>");
        }
    }

    /** One line of extracted PDF text with where it starts and ends on the page, and the font of its first and last glyph. */
    private record PdfLine(String text, float left, float right, String firstFont, String lastFont) {
    }

    @Test
    @DisplayName("PDF: the 二级 heading in 楷体 then its run-in text in the body face on one line; 成文日期 右空四字, the issuer centred over it")
    void pdf() throws IOException {
        byte[] bytes = new PdfWriter().write(document());
        List<PdfLine> lines = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    TextPosition last = positions.getLast();
                    lines.add(new PdfLine(text.replaceAll("\\s+", ""), positions.getFirst().getXDirAdj(),
                            last.getXDirAdj() + last.getWidthDirAdj(), positions.getFirst().getFont().getName(),
                            last.getFont().getName()));
                    super.writeString(text, positions);
                }
            };
            stripper.getText(pdf);
        }
        float left = 28 * 72 / 25.4f;
        float rightMargin = PDRectangle.A4.getWidth() - 26 * 72 / 25.4f;
        float em = 156 * 72 / 25.4f / 28;

        PdfLine runIn = lines.stream().filter(l -> l.text().startsWith(HEADING)).findFirst().orElseThrow();
        assertThat(runIn.text()).startsWith(HEADING + RUN_IN.substring(0, 5));
        assertThat(runIn.left()).isCloseTo(left + 2 * em, org.assertj.core.data.Offset.offset(1f));
        assertThat(runIn.firstFont()).endsWith("+UKaiCN");
        assertThat(runIn.lastFont()).endsWith("+UMingCN");
        PdfLine date = lines.stream().filter(l -> l.text().equals(DATE)).findFirst().orElseThrow();
        PdfLine issuer = lines.stream().filter(l -> l.text().equals(SIGNATURE)).findFirst().orElseThrow();
        assertThat(date.right()).isCloseTo(rightMargin - 4 * em, org.assertj.core.data.Offset.offset(1.5f));
        assertThat((issuer.left() + issuer.right()) / 2).isCloseTo((date.left() + date.right()) / 2,
                org.assertj.core.data.Offset.offset(1.5f));
        PdfLine attachment = lines.stream().filter(l -> l.text().startsWith("附件")).findFirst().orElseThrow();
        assertThat(attachment.left()).isCloseTo(left + 2 * em, org.assertj.core.data.Offset.offset(1f));
    }
}
