package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.delivery.PdfGlyphs.Glyph;
import org.scriptorium.library.Block;
import org.scriptorium.library.StructureParser;

/** The PDF as GB/T 9704-2012 lays out an official document, measured on the glyphs PDFBox reads back. */
@DisplayName("PDF in 公文 form (GB/T 9704-2012)")
class PdfOfficialFormTest {

    private static final float MM = 72 / 25.4f;
    private static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
    /** The 版心, in points from the top left of the page. */
    private static final float TOP = 37 * MM;
    private static final float BOTTOM = TOP + 225 * MM;
    private static final float LEFT = 28 * MM;
    private static final float RIGHT = LEFT + 156 * MM;
    private static final float LINE = 225 * MM / 22;
    private static final float PITCH = 156 * MM / 28;
    private static final DeliveredDocument.Letterhead LETTERHEAD =
            new DeliveredDocument.Letterhead("某某县人民政府", "某政发〔2025〕3号", null, LocalDate.of(2025, 3, 8));

    private static PdfWriter writer;

    @BeforeAll
    static void writer() {
        writer = new PdfWriter();
    }

    @Test
    @DisplayName("every font on every page is an embedded subset of a bundled face")
    void embeddedSubsets() throws IOException {
        Set<String> faces = new HashSet<>();
        try (PDDocument pdf = Loader.loadPDF(writer.write(Documents.speech().withLetterhead(LETTERHEAD)))) {
            for (PDPage page : pdf.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).matches("[A-Z]{6}\\+.+");
                    faces.add(font.getName().substring(7));
                }
            }
        }
        assertThat(faces).containsExactlyInAnyOrder("UMingCN", "UKaiCN", "WenQuanYiMicroHei");
    }

    @Test
    @DisplayName("A4; the text inside the 156 × 225 mm 版心, the notice above it, the page number below it")
    void textArea() throws IOException {
        byte[] bytes = writer.write(Reports.longReport(5_000));
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            for (PDPage page : pdf.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
                assertThat(page.getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
            }
        }
        PdfGlyphs glyphs = PdfGlyphs.of(bytes);
        List<Glyph> text = new ArrayList<>(glyphs.sized(16));
        text.addAll(glyphs.sized(22));
        assertThat(text).hasSizeGreaterThan(4_000).allSatisfy(g -> {
            assertThat(g.x()).as(g.toString()).isGreaterThanOrEqualTo(LEFT - 0.5f);
            assertThat(g.right()).as(g.toString()).isLessThanOrEqualTo(RIGHT + 0.5f);
            assertThat(g.baseline() - 0.8f * g.size()).as(g.toString()).isGreaterThanOrEqualTo(TOP - 0.5f);
            assertThat(g.baseline() + 0.2f * g.size()).as(g.toString()).isLessThanOrEqualTo(BOTTOM + 0.5f);
        });
        assertThat(glyphs.sized(9)).isNotEmpty().allSatisfy(g -> assertThat(g.baseline()).isLessThan(TOP));
        assertThat(glyphs.sized(14)).isNotEmpty().allSatisfy(g -> assertThat(g.baseline()).isGreaterThan(BOTTOM));
    }

    @Test
    @DisplayName("22 lines to a page at a 225/22 mm pitch, 28 characters to a full line")
    void grid() throws IOException {
        PdfGlyphs glyphs = PdfGlyphs.of(writer.write(Reports.longReport(10_000)));
        List<List<Glyph>> lines = glyphs.lines(16);
        float firstBaseline = lines.getFirst().getFirst().baseline();
        int mostLines = 0;
        for (int page = 1; page <= glyphs.pages(); page++) {
            int p = page;
            List<List<Glyph>> onPage = lines.stream().filter(l -> l.getFirst().page() == p).toList();
            mostLines = Math.max(mostLines, onPage.size());
            for (List<Glyph> line : onPage) {
                float steps = (line.getFirst().baseline() - firstBaseline) / LINE;
                assertThat(steps).as("line %s", PdfGlyphs.text(line)).isCloseTo(Math.round(steps), offset(0.01f));
            }
        }
        assertThat(mostLines).isEqualTo(22);
        List<List<Glyph>> full = lines.stream()
                .filter(l -> Math.abs(l.getFirst().x() - LEFT) < 0.5f && Math.abs(l.getLast().right() - RIGHT) < 1f)
                .filter(l -> PdfGlyphs.text(l).codePoints().allMatch(cp -> cp >= 0x3000))
                .toList();
        // A line one character short is spread to the edge when kinsoku keeps punctuation off the next line's start.
        List<List<Glyph>> ofTwentyEight = full.stream().filter(l -> l.size() == 28).toList();
        assertThat(full).hasSizeGreaterThan(20).allSatisfy(l -> assertThat(l.size()).isBetween(27, 28));
        assertThat(ofTwentyEight.size()).isGreaterThan(full.size() * 3 / 4);
        for (List<Glyph> line : ofTwentyEight) {
            for (int i = 0; i < line.size(); i++) {
                assertThat(line.get(i).x()).isCloseTo(LEFT + i * PITCH, offset(0.05f));
                assertThat(line.get(i).width()).isCloseTo(16, offset(0.01f)); // 三号
            }
        }
    }

    @Test
    @DisplayName("page numbers — n — in 四号: odd pages 右空一字, even pages 左空一字, 7 mm below the 版心")
    void pageNumbers() throws IOException {
        PdfGlyphs glyphs = PdfGlyphs.of(writer.write(Reports.longReport(5_000)));
        List<List<Glyph>> numbers = glyphs.lines(14);
        assertThat(glyphs.pages()).isGreaterThan(2);
        assertThat(numbers).hasSize(glyphs.pages());
        for (List<Glyph> number : numbers) {
            int page = number.getFirst().page();
            assertThat(PdfGlyphs.text(number)).isEqualTo("— " + page + " —");
            assertThat(number.get(2).width()).as("a half-width digit").isLessThan(0.6f * 14);
            assertThat(number).allSatisfy(g -> assertThat(g.font()).endsWith("+UMingCN"));
            if (page % 2 == 1) {
                assertThat(number.getLast().right()).isCloseTo(RIGHT - 14, offset(0.5f));
            } else {
                assertThat(number.getFirst().x()).isCloseTo(LEFT + 14, offset(0.5f));
            }
            // the top of the em box (0.8 em above the baseline in these faces) 7 mm below the 版心
            assertThat(number.getFirst().baseline() - 0.8f * 14).isCloseTo(BOTTOM + 7 * MM, offset(0.5f));
        }
    }

    @Test
    @DisplayName("title 二号 centred in the serif face; 一级 黑体, 二级 楷体, 三级 bold, 四级 and body in the body face, indented two characters")
    void faces() throws IOException {
        byte[] bytes = writer.write(Documents.speech());
        PdfGlyphs glyphs = PdfGlyphs.of(bytes);
        List<Glyph> title = glyphs.lines(22).getFirst();
        assertThat(PdfGlyphs.text(title)).isEqualTo(Documents.speech().title());
        assertThat(title).allSatisfy(g -> assertThat(g.font()).endsWith("+UMingCN"));
        assertThat(title.getFirst().x() - LEFT).isCloseTo(RIGHT - title.getLast().right(), offset(1f));
        assertThat(line(glyphs, "一、").getFirst().font()).endsWith("+WenQuanYiMicroHei");
        assertThat(line(glyphs, "（一）").getFirst().font()).endsWith("+UKaiCN");
        assertThat(line(glyphs, "1.").getFirst().font()).endsWith("+UMingCN");
        assertThat(line(glyphs, "（1）").getFirst().font()).endsWith("+UMingCN");
        List<Glyph> body = line(glyphs, "今天");
        assertThat(body.getFirst().font()).endsWith("+UMingCN");
        for (String start : List.of("今天", "一、", "（一）", "1.", "（1）")) {
            assertThat(line(glyphs, start).getFirst().x()).as(start).isCloseTo(LEFT + 2 * PITCH, offset(0.5f));
        }
        assertThat(line(glyphs, "同志们").getFirst().x()).isCloseTo(LEFT, offset(0.5f));
        try (PDDocument pdf = Loader.loadPDF(bytes); InputStream contents = pdf.getPage(0).getContents()) {
            String operators = new String(contents.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(operators.split("2 Tr", -1)).as("one stroked (bold) run: the 三级 heading").hasSize(2);
        }
    }

    @Test
    @DisplayName("zero-width marks take no room: with and without them every line holds the same characters at the same places")
    void zeroWidthMarks() throws IOException {
        DeliveredDocument plain = Reports.longReport(3_000);
        String[] marks = {"\u200B", "\u200C", "\u200D", "\u2060"};
        List<DeliveredParagraph> marked = new ArrayList<>();
        for (DeliveredParagraph p : plain.paragraphs()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < p.text().length(); i++) {
                text.append(p.text().charAt(i));
                if (i % 7 == 3) {
                    text.append(marks[i % marks.length]);
                }
            }
            marked.add(new DeliveredParagraph(p.style(), text.toString()));
        }
        PdfGlyphs withMarks = PdfGlyphs.of(writer.write(new DeliveredDocument(plain.title(), marked, plain.notice())));
        PdfGlyphs without = PdfGlyphs.of(writer.write(plain));

        assertThat(withMarks.glyphs()).extracting(Glyph::text).noneMatch(t -> t.matches("[\u200B\u200C\u200D\u2060]"));
        assertThat(withMarks.glyphs()).hasSameSizeAs(without.glyphs());
        for (int i = 0; i < without.glyphs().size(); i++) {
            Glyph a = without.glyphs().get(i);
            Glyph b = withMarks.glyphs().get(i);
            assertThat(b.text()).isEqualTo(a.text());
            assertThat(b.page()).isEqualTo(a.page());
            assertThat(b.x()).as("x of %s", a).isCloseTo(a.x(), offset(0.01f));
            assertThat(b.baseline()).isCloseTo(a.baseline(), offset(0.01f));
        }
    }

    @Test
    @DisplayName("版头: red 发文机关标志 35 mm below the top of the 版心, 发文字号 and title below; 版记 on the last line of the last page")
    void letterhead() throws IOException {
        byte[] bytes = writer.write(Documents.speech().withLetterhead(LETTERHEAD));
        PdfGlyphs glyphs = PdfGlyphs.of(bytes);
        List<Glyph> mark = glyphs.lines(36).getFirst();
        assertThat(PdfGlyphs.text(mark)).isEqualTo("某某县人民政府文件");
        assertThat(mark.getFirst().baseline() - 0.8f * 36).isCloseTo(TOP + 35 * MM, offset(0.5f));
        assertThat(mark.getFirst().x() - LEFT).isCloseTo(RIGHT - mark.getLast().right(), offset(1f));
        List<Glyph> number = line(glyphs, "某政发");
        assertThat(PdfGlyphs.text(number)).isEqualTo("某政发〔2025〕3号");
        assertThat(number.getFirst().baseline() - mark.getFirst().baseline()).isGreaterThan(2 * LINE);
        assertThat(number.getFirst().x() - LEFT).isCloseTo(RIGHT - number.getLast().right(), offset(1f));
        List<Glyph> title = glyphs.lines(22).getFirst();
        assertThat(title.getFirst().baseline() - number.getFirst().baseline()).isGreaterThan(3 * LINE);
        try (PDDocument pdf = Loader.loadPDF(bytes); InputStream contents = pdf.getPage(0).getContents()) {
            String operators = new String(contents.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(operators).contains("1 0 0 rg").contains("1 0 0 RG"); // red type and a red rule
        }
        int last = glyphs.pages();
        List<Glyph> imprint = glyphs.lines(14).stream().filter(l -> l.getFirst().page() == last
                && !PdfGlyphs.text(l).startsWith("—")).findFirst().orElseThrow();
        String text = PdfGlyphs.text(imprint);
        assertThat(text).startsWith("某某县人民政府").endsWith("2025年3月8日印发");
        assertThat(imprint.getFirst().x()).isCloseTo(LEFT + 14, offset(0.5f));
        assertThat(imprint.getLast().right()).isCloseTo(RIGHT - 14, offset(0.5f));
        assertThat(imprint.getFirst().baseline()).isBetween(BOTTOM - LINE, BOTTOM);
    }

    @Test
    @DisplayName("落款: 成文日期 右空四字, the issuer centred over it, a 附注 below it 左空二字, one empty line above them")
    void signature() throws IOException {
        List<DeliveredParagraph> paragraphs = new ArrayList<>(Documents.speech().paragraphs());
        paragraphs.add(new DeliveredParagraph(DeliveredParagraph.Style.SIGNATURE, "某某县人民政府"));
        paragraphs.add(new DeliveredParagraph(DeliveredParagraph.Style.SIGNATURE, "2025年3月8日"));
        paragraphs.add(new DeliveredParagraph(DeliveredParagraph.Style.SIGNATURE, "（此件公开发布）"));
        PdfGlyphs glyphs = PdfGlyphs.of(writer.write(new DeliveredDocument("标题", paragraphs, null)));

        List<Glyph> issuer = line(glyphs, "某某县人民政府");
        List<Glyph> date = line(glyphs, "2025年");
        List<Glyph> note = line(glyphs, "（此件公开发布）");
        List<Glyph> closing = line(glyphs, "同志们，");
        assertThat(date.getLast().right()).isCloseTo(RIGHT - 4 * PITCH, offset(1f));
        assertThat((issuer.getFirst().x() + issuer.getLast().right()) / 2)
                .isCloseTo((date.getFirst().x() + date.getLast().right()) / 2, offset(1f));
        assertThat(note.getFirst().x()).isCloseTo(LEFT + 2 * PITCH, offset(0.5f));
        assertThat(issuer.getFirst().baseline() - closing.getFirst().baseline()).isCloseTo(2 * LINE, offset(0.1f));
        assertThat(date.getFirst().baseline() - issuer.getFirst().baseline()).isCloseTo(LINE, offset(0.1f));
        assertThat(note.getFirst().baseline() - date.getFirst().baseline()).isCloseTo(LINE, offset(0.1f));
    }

    @Test
    @DisplayName("5,000 characters of the demo speeches (many distinct characters, every face) are under 1.5 MB")
    void size() throws IOException {
        List<Block> blocks = new ArrayList<>();
        int characters = 0;
        for (String demo : List.of("07-防汛工作会议讲话", "08-专题党课讲稿", "01-乡村振兴推进会讲话", "02-安全生产工作报告")) {
            try (InputStream in = PdfOfficialFormTest.class.getResourceAsStream("/demo/" + demo + ".txt")) {
                for (Block block : new StructureParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).blocks()) {
                    if (characters < 5_000) {
                        blocks.add(block);
                        characters += block.text().length();
                    }
                }
            }
        }
        DeliveredDocument speech = Downloads.document("讲话汇编", "同志们：", blocks, Documents.NOTICE);
        byte[] pdf = writer.write(speech, new FileTrace("TRACE23456789ABC"));

        assertThat(characters).isGreaterThanOrEqualTo(5_000);
        assertThat(PdfGlyphs.of(pdf).pages()).isGreaterThan(7);
        assertThat(pdf.length).isLessThan(1_500_000);
    }

    private static List<Glyph> line(PdfGlyphs glyphs, String start) {
        return glyphs.lines(16).stream().filter(l -> PdfGlyphs.text(l).startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with " + start));
    }
}
