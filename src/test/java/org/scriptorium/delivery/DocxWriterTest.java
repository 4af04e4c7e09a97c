package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DOCX writer")
class DocxWriterTest {

    private final DocxWriter writer = new DocxWriter();

    @Test
    @DisplayName("writes the title and the paragraph texts in order, Chinese characters intact")
    void texts() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            List<String> texts = docx.getParagraphs().stream().map(XWPFParagraph::getText).toList();

            assertThat(texts).containsExactly(
                    "在全县乡村振兴工作推进会上的讲话",
                    "同志们：",
                    "今天召开会议，主要任务是总结工作、部署任务。",
                    "一、提高站位，增强责任感",
                    "（一）把握形势。",
                    "1.认清机遇。",
                    "（1）用好政策。",
                    "一是抓好产业，二是抓好人才，XX镇要走在前列。𠀀",
                    "同志们，让我们齐心协力，再创佳绩！");
        }
    }

    @Test
    @DisplayName("centres the title in 22pt bold")
    void title() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            XWPFParagraph title = docx.getParagraphs().getFirst();
            XWPFRun run = title.getRuns().getFirst();

            assertThat(title.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
            assertThat(run.isBold()).isTrue();
            assertThat(run.getFontSizeAsDouble()).isEqualTo(22.0);
        }
    }

    @Test
    @DisplayName("sets the east-asian font: 仿宋 16pt for the body, 黑体 and 楷体 for the first two heading levels, all headings bold")
    void fonts() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            List<XWPFParagraph> ps = docx.getParagraphs();

            XWPFRun body = ps.get(2).getRuns().getFirst();
            assertThat(body.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("仿宋");
            assertThat(body.getFontSizeAsDouble()).isEqualTo(16.0);
            assertThat(body.isBold()).isFalse();
            assertThat(ps.get(3).getRuns().getFirst().getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("黑体");
            assertThat(ps.get(4).getRuns().getFirst().getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("楷体");
            assertThat(ps.get(5).getRuns().getFirst().getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("仿宋");
            assertThat(ps.subList(3, 7)).allSatisfy(p -> assertThat(p.getRuns().getFirst().isBold()).isTrue());
        }
    }

    @Test
    @DisplayName("indents body paragraphs by two characters, not the salutation, with exact 28pt line spacing")
    void indentAndSpacing() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            XWPFParagraph salutation = docx.getParagraphs().get(1);
            XWPFParagraph body = docx.getParagraphs().get(2);

            assertThat(body.getCTP().getPPr().getInd().getFirstLineChars()).isEqualTo(BigInteger.valueOf(200));
            assertThat(salutation.getCTP().getPPr().isSetInd()).isFalse();
            assertThat(body.getSpacingLineRule()).isEqualTo(LineSpacingRule.EXACT);
            assertThat(body.getSpacingBetween()).isEqualTo(28.0);
        }
    }

    @Test
    @DisplayName("uses an A4 page with official-document margins")
    void page() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            var section = docx.getDocument().getBody().getSectPr();

            assertThat(section.getPgSz().getW()).isEqualTo(BigInteger.valueOf(11906));
            assertThat(section.getPgSz().getH()).isEqualTo(BigInteger.valueOf(16838));
            assertThat(section.getPgMar().getTop()).isEqualTo(BigInteger.valueOf(2098)); // 37mm
            assertThat(section.getPgMar().getLeft()).isEqualTo(BigInteger.valueOf(1587)); // 28mm
        }
    }

    @Test
    @DisplayName("puts the notice in a small grey footer")
    void footer() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            var footer = docx.getHeaderFooterPolicy().getDefaultFooter();

            assertThat(footer.getText().strip()).isEqualTo(Documents.NOTICE);
            XWPFRun run = footer.getParagraphs().getFirst().getRuns().getFirst();
            assertThat(run.getColor()).isEqualTo("808080");
            assertThat(run.getFontSizeAsDouble()).isLessThan(16.0);
        }
    }

    @Test
    @DisplayName("names the title and the creator Scriptorium in the core properties")
    void coreProperties() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            var core = docx.getProperties().getCoreProperties();

            assertThat(core.getTitle()).isEqualTo("在全县乡村振兴工作推进会上的讲话");
            assertThat(core.getCreator()).isEqualTo("Scriptorium");
        }
    }

    @Test
    @DisplayName("an empty paragraph list and no notice still give a valid file with the title")
    void empty() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(new DeliveredDocument("标题", List.of(), null)))) {
            assertThat(docx.getParagraphs()).extracting(XWPFParagraph::getText).containsExactly("标题");
            assertThat(docx.getFooterList()).isEmpty();
        }
    }

    @Test
    @DisplayName("keeps invisible marks and drops control characters XML cannot hold")
    void characters() throws IOException {
        var doc = new DeliveredDocument("标题", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, "\u200B加强\u0001学习\u2060。")), null);

        try (XWPFDocument docx = reopen(writer.write(doc))) {
            assertThat(docx.getParagraphs().get(1).getText()).isEqualTo("\u200B加强学习\u2060。");
        }
    }

    private static XWPFDocument reopen(byte[] bytes) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(bytes));
    }
}
