package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STDocGrid;
import org.scriptorium.delivery.DeliveredDocument.Layout;
import org.scriptorium.delivery.DeliveredDocument.Letterhead;
import org.scriptorium.tracing.FragileMark;
import org.scriptorium.tracing.Prf;

@DisplayName("DOCX writer")
class DocxWriterTest {

    private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060]");

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
    @DisplayName("公文格式: A4, margins 37/35/28/26 mm, a grid of 22 lines × 28 characters for 三号, the footer 7 mm below the 版心")
    void officialPage() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            CTSectPr section = docx.getDocument().getBody().getSectPr();

            assertThat(section.getPgSz().getW()).isEqualTo(BigInteger.valueOf(11906));
            assertThat(section.getPgSz().getH()).isEqualTo(BigInteger.valueOf(16838));
            assertThat(section.getPgMar().getTop()).isEqualTo(BigInteger.valueOf(2098)); // 37 mm
            assertThat(section.getPgMar().getBottom()).isEqualTo(BigInteger.valueOf(1984)); // 35 mm
            assertThat(section.getPgMar().getLeft()).isEqualTo(BigInteger.valueOf(1587)); // 28 mm
            assertThat(section.getPgMar().getRight()).isEqualTo(BigInteger.valueOf(1474)); // 26 mm
            assertThat(section.getDocGrid().getType()).isEqualTo(STDocGrid.LINES_AND_CHARS);
            long pitch = ((BigInteger) section.getDocGrid().getLinePitch()).longValue();
            long height = 16838 - 2098 - 1984;
            assertThat(height / pitch).as("lines in the 版心").isEqualTo(22);
            double charPitch = 16 + ((BigInteger) section.getDocGrid().getCharSpace()).doubleValue() / 4096;
            assertThat((int) ((11906 - 1587 - 1474) / 20.0 / charPitch)).as("characters a line").isEqualTo(28);
            // the page number's 14 pt line ends where its top is 28 mm (35 − 7) above the page's edge
            double top = (((BigInteger) section.getPgMar().getFooter()).doubleValue() + 280) / 1440 * 25.4;
            assertThat(top).isCloseTo(28.0, org.assertj.core.data.Offset.offset(0.1));
        }
    }

    @Test
    @DisplayName("styles in styles.xml: Title in 方正小标宋简体 二号 not bold; Normal 仿宋 三号 justified, two characters indented, lines at the grid's pitch")
    void titleAndNormal() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            String title = style(docx, "Title");
            assertThat(title).contains("w:eastAsia=\"方正小标宋简体\"", "w:ascii=\"方正小标宋简体\"", "<w:sz w:val=\"44\"/>",
                    "<w:b w:val=\"0\"/>", "<w:jc w:val=\"center\"/>");
            String normal = style(docx, "Normal");
            assertThat(normal).contains("w:eastAsia=\"仿宋\"", "<w:sz w:val=\"32\"/>", "w:firstLineChars=\"200\"",
                    "<w:jc w:val=\"both\"/>", "w:line=\"579\"", "w:lineRule=\"exact\"");
            XWPFParagraph first = docx.getParagraphs().getFirst();
            assertThat(first.getStyle()).isEqualTo("Title");
            XWPFRun run = first.getRuns().getFirst();
            assertThat(run.getFontFamily(XWPFRun.FontCharRange.eastAsia)).as("no direct formatting").isNull();
            assertThat(run.isBold()).isFalse();
            assertThat(docx.getParagraphs().get(2).getStyle()).as("body paragraphs are Normal").isNull();
        }
    }

    @Test
    @DisplayName("headings are Word's heading 1–4 with outline levels 0–3: 黑体, 楷体, 仿宋 bold, 仿宋, all 三号 without extra spacing")
    void headings() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            String[] fonts = {"黑体", "楷体", "仿宋", "仿宋"};
            for (int level = 1; level <= 4; level++) {
                String style = style(docx, "Heading" + level);
                assertThat(style).contains("<w:name w:val=\"heading " + level + "\"/>",
                        "<w:outlineLvl w:val=\"" + (level - 1) + "\"/>", "w:eastAsia=\"" + fonts[level - 1] + "\"",
                        "<w:sz w:val=\"32\"/>", "w:before=\"0\" w:after=\"0\"");
                assertThat(style.contains("<w:b/>")).as("level %d bold", level).isEqualTo(level == 3);
                assertThat(docx.getParagraphs().get(2 + level).getStyle()).isEqualTo("Heading" + level);
            }
        }
    }

    @Test
    @DisplayName("the font table names a substitute and a class for the fonts offices have and others may not")
    void fontTable() throws IOException {
        String fonts = part(writer.write(Documents.speech()), "word/fontTable.xml");

        assertThat(fonts).contains("<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/>");
        assertThat(fonts).containsPattern("w:name=\"方正小标宋简体\">.*?<w:charset w:val=\"86\"/><w:family w:val=\"roman\"/>");
        assertThat(fonts).contains("<w:font w:name=\"仿宋\"><w:altName w:val=\"仿宋_GB2312\"/>");
    }

    @Test
    @DisplayName("page numbers — PAGE — in 四号 宋体: odd pages right 右空一字, even pages left 左空一字")
    void pageNumbers() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            assertThat(docx.getEvenAndOddHeadings()).isTrue();
            var policy = docx.getHeaderFooterPolicy();
            XWPFParagraph odd = policy.getDefaultFooter().getParagraphs().getFirst();
            XWPFParagraph even = policy.getEvenPageFooter().getParagraphs().getFirst();

            for (XWPFParagraph p : List.of(odd, even)) {
                assertThat(p.getStyle()).isEqualTo("Footer");
                assertThat(p.getCTP().xmlText()).contains("<w:instrText> PAGE </w:instrText>");
                assertThat(p.getText()).isEqualTo("— 1 —");
                assertThat(p.getRuns().getFirst().text()).isEqualTo("— ");
            }
            assertThat(odd.getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
            assertThat(odd.getCTP().getPPr().getInd().getRightChars()).isEqualTo(BigInteger.valueOf(100));
            assertThat(even.getAlignment()).isEqualTo(ParagraphAlignment.LEFT);
            assertThat(even.getCTP().getPPr().getInd().getLeftChars()).isEqualTo(BigInteger.valueOf(100));
            assertThat(style(docx, "Footer")).contains("w:eastAsia=\"宋体\"", "w:ascii=\"宋体\"", "<w:sz w:val=\"28\"/>");
        }
    }

    @Test
    @DisplayName("the notice in small grey type, centred in the header of odd and even pages")
    void notice() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech()))) {
            var policy = docx.getHeaderFooterPolicy();
            for (var header : List.of(policy.getDefaultHeader(), policy.getEvenPageHeader())) {
                assertThat(header.getText().strip()).isEqualTo(Documents.NOTICE);
                assertThat(header.getParagraphs().getFirst().getStyle()).isEqualTo("Header");
            }
            assertThat(style(docx, "Header")).contains("<w:color w:val=\"808080\"/>", "<w:sz w:val=\"18\"/>",
                    "<w:jc w:val=\"center\"/>");
        }
    }

    @Test
    @DisplayName("落款 after GB/T 9704 7.3.5.1: the date 右空四字, the issuer centred over it, a line above; the 附注 左空二字")
    void signature() throws IOException {
        var doc = new DeliveredDocument("通知", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, "特此通知。"),
                new DeliveredParagraph(DeliveredParagraph.Style.SIGNATURE, "县人民政府办公室"),
                new DeliveredParagraph(DeliveredParagraph.Style.SIGNATURE, "2019年1月24日"),
                new DeliveredParagraph(DeliveredParagraph.Style.SIGNATURE, "（此件公开发布）")), null);

        try (XWPFDocument docx = reopen(writer.write(doc))) {
            List<XWPFParagraph> ps = docx.getParagraphs();
            XWPFParagraph issuer = ps.get(2);
            XWPFParagraph date = ps.get(3);
            XWPFParagraph note = ps.get(4);

            assertThat(date.getStyle()).isEqualTo("Date");
            assertThat(style(docx, "Date")).contains("w:rightChars=\"400\"", "<w:jc w:val=\"right\"/>");
            // the date is 6.5 characters wide (half-width digits), the issuer 8: 4 + (6.5 − 8) / 2 = 3.25 characters
            assertThat(issuer.getStyle()).isEqualTo("Signature");
            assertThat(issuer.getCTP().getPPr().getInd().getRightChars()).isEqualTo(BigInteger.valueOf(325));
            assertThat(issuer.getSpacingBefore()).isEqualTo(579);
            assertThat(date.getSpacingBefore()).isLessThanOrEqualTo(0);
            assertThat(style(docx, "Signature")).as("the issuer stays with the date").contains("<w:jc w:val=\"right\"/>",
                    "<w:keepNext/>");
            assertThat(note.getCTP().getPPr().getInd().getLeftChars()).isEqualTo(BigInteger.valueOf(200));
            assertThat(note.getAlignment()).isNotEqualTo(ParagraphAlignment.RIGHT);
        }
    }

    @Test
    @DisplayName("the invisible payloads sit in hidden runs of hidden paragraphs, exactly as they were; visible runs hold none")
    void invisibleLayer() throws IOException {
        Prf prf = new Prf(new byte[32]);
        DeliveredDocument plain = OfficialLayoutTest.document();
        List<DeliveredParagraph> marked = plain.paragraphs().stream().map(p -> new DeliveredParagraph(p.style(),
                FragileMark.embed(p.text(), prf, 7, 42, 10),
                p.hasRunIn() ? FragileMark.embed(p.runIn(), prf, 7, 42, 10) : null)).toList();
        var doc = new DeliveredDocument(plain.title(), marked, plain.notice());

        try (XWPFDocument docx = reopen(writer.write(doc))) {
            List<XWPFParagraph> ps = docx.getParagraphs();
            StringBuilder hidden = new StringBuilder();
            List<String> visible = new ArrayList<>();
            for (XWPFParagraph p : ps) {
                boolean carrier = p.getCTP().getPPr() != null && p.getCTP().getPPr().getRPr() != null
                        && p.getCTP().getPPr().getRPr().xmlText().contains("vanish");
                for (XWPFRun run : p.getRuns()) {
                    if (run.isVanish()) {
                        assertThat(carrier).as("a hidden run is in a hidden paragraph").isTrue();
                        assertThat(run.text()).matches("[\\u200B\\u200C\\u200D\\u2060]+");
                        hidden.append(run.text());
                    } else {
                        assertThat(run.text()).doesNotContainPattern(ZERO_WIDTH);
                    }
                }
                if (!carrier) {
                    visible.add(p.getText());
                }
            }
            StringBuilder expected = new StringBuilder();
            for (DeliveredParagraph p : marked) {
                expected.append(DocxWriter.invisible(p.text())).append(p.hasRunIn() ? DocxWriter.invisible(p.runIn()) : "");
            }
            assertThat(hidden.toString()).isEqualTo(expected.toString()).isNotEmpty();
            assertThat(FragileMark.read(hidden.toString(), prf)).isNotEmpty()
                    .allSatisfy(payload -> assertThat(payload.memberNumber()).isEqualTo(7));
            try (XWPFDocument unmarked = reopen(writer.write(plain))) {
                assertThat(visible).isEqualTo(unmarked.getParagraphs().stream().map(XWPFParagraph::getText).toList());
            }
            // each carrier has the properties of the paragraph it precedes, so Word joining the two changes nothing
            for (int i = 0; i + 1 < ps.size(); i++) {
                if (ps.get(i).getRuns().stream().anyMatch(XWPFRun::isVanish)) {
                    assertThat(ps.get(i).getStyle()).isEqualTo(ps.get(i + 1).getStyle());
                    assertThat(ps.get(i).getAlignment()).isEqualTo(ps.get(i + 1).getAlignment());
                }
            }
        }
    }

    @Test
    @DisplayName("阅读格式: ordinary margins, no grid, 1.5 lines, one centred page number, the same heading styles")
    void readingLayout() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(Documents.speech().withLayout(Layout.READING)))) {
            CTSectPr section = docx.getDocument().getBody().getSectPr();

            assertThat(section.getPgMar().getTop()).isEqualTo(BigInteger.valueOf(1440));
            assertThat(section.getPgMar().getLeft()).isEqualTo(BigInteger.valueOf(1803));
            assertThat(section.isSetDocGrid()).isFalse();
            assertThat(docx.getEvenAndOddHeadings()).isFalse();
            assertThat(style(docx, "Normal")).contains("w:line=\"360\"", "w:lineRule=\"auto\"");
            assertThat(style(docx, "Heading1")).contains("<w:outlineLvl w:val=\"0\"/>");
            XWPFFooter footer = docx.getHeaderFooterPolicy().getDefaultFooter();
            assertThat(footer.getParagraphs().getFirst().getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
            assertThat(footer.getParagraphs().getFirst().getCTP().xmlText()).contains(" PAGE ");
            assertThat(docx.getHeaderFooterPolicy().getEvenPageFooter()).isNull();
        }
    }

    @Test
    @DisplayName("with a letterhead: the red 发文机关标志, the 发文字号 over a red rule, and the 版记 at the end; none without")
    void letterhead() throws IOException {
        DeliveredDocument doc = OfficialLayoutTest.document()
                .withLetterhead(new Letterhead("青山县人民政府", "青政发〔2019〕3号", null, LocalDate.of(2019, 1, 24)));

        try (XWPFDocument docx = reopen(writer.write(doc))) {
            List<XWPFParagraph> ps = docx.getParagraphs();
            XWPFParagraph mark = ps.get(0);
            XWPFParagraph number = ps.get(1);
            XWPFParagraph imprint = ps.getLast();

            assertThat(mark.getText()).isEqualTo("青山县人民政府文件");
            assertThat(mark.getRuns().getFirst().getColor()).isEqualTo("FF0000");
            assertThat(mark.getStyle()).isEqualTo("Title");
            assertThat(number.getText()).isEqualTo("青政发〔2019〕3号");
            assertThat(number.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
            assertThat(number.getSpacingBefore()).isEqualTo(2 * 579);
            assertThat(number.getCTP().getPPr().getPBdr().getBottom().xmlText()).contains("w:color=\"FF0000\"");
            assertThat(ps.get(2).getText()).isEqualTo("关于做好森林防火工作的通知");
            assertThat(imprint.getText()).isEqualTo("\t青山县人民政府\t2019年1月24日印发");
            assertThat(imprint.getCTP().getPPr().getPBdr().isSetTop()).isTrue();
            assertThat(imprint.getCTP().getPPr().getPBdr().isSetBottom()).isTrue();
            assertThat(imprint.getCTP().getPPr().getTabs().getTabList()).hasSize(2);
        }
        try (XWPFDocument docx = reopen(writer.write(OfficialLayoutTest.document()))) {
            assertThat(docx.getParagraphs().getFirst().getText()).isEqualTo("关于做好森林防火工作的通知");
            assertThat(docx.getParagraphs()).noneMatch(p -> p.getText().contains("文件") || p.getText().contains("印发"));
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
    @DisplayName("an empty paragraph list and no notice still give a valid file with the title and page numbers, no header")
    void empty() throws IOException {
        try (XWPFDocument docx = reopen(writer.write(new DeliveredDocument("标题", List.of(), null)))) {
            assertThat(docx.getParagraphs()).extracting(XWPFParagraph::getText).containsExactly("标题");
            assertThat(docx.getHeaderList()).isEmpty();
            assertThat(docx.getFooterList()).hasSize(2);
        }
    }

    @Test
    @DisplayName("drops control characters XML cannot hold")
    void characters() throws IOException {
        var doc = new DeliveredDocument("标题", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, "加强\u0001学习。")), null);

        try (XWPFDocument docx = reopen(writer.write(doc))) {
            assertThat(docx.getParagraphs().get(1).getText()).isEqualTo("加强学习。");
        }
    }

    private static String style(XWPFDocument docx, String id) {
        var style = docx.getStyles().getStyle(id);
        assertThat(style).as("style %s", id).isNotNull();
        return style.getCTStyle().xmlText();
    }

    private static String part(byte[] docx, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " missing");
    }

    static XWPFDocument reopen(byte[] bytes) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(bytes));
    }
}
