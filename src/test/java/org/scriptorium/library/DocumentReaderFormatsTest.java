package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.DocText.Para;
import org.scriptorium.library.DocText.Run;
import org.scriptorium.support.fuzz.HostileFiles;
import org.scriptorium.support.fuzz.Seeds;

/** Word 97–2003, WPS, PDF and the .docx details: what {@link DocumentReader#read} returns and refuses. */
class DocumentReaderFormatsTest {

    private static final String W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    private final DocumentReader reader = new DocumentReader(20L * 1024 * 1024);

    private static void assertRejected(Runnable call, String code, String... inMessage) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.chinese()).isNotBlank();
            for (String part : inMessage) {
                assertThat(r.chinese()).contains(part);
            }
            assertThat(r.english()).isNotBlank();
        });
    }

    private static byte[] poi(String name) {
        Optional<byte[]> file = FormatFiles.poi(name);
        assumeTrue(file.isPresent(), "POI's test file " + name + " is not under " + FormatFiles.POI.toAbsolutePath());
        return file.get();
    }

    @Nested
    @DisplayName(".doc read by HWPF (Apache POI's test files, when the checkout has them)")
    class RealDoc {

        @Test
        @DisplayName("paragraphs become lines and each table row one line, its cells joined by a tab")
        void table() {
            assertThat(reader.read("a.doc", poi("simple-table.doc"))).isEqualTo("""
                    This is a Word document that was created using Word 97 – SR2.  It contains a paragraph, a table \
                    consisting of 2 rows and 3 columns and a final paragraph.
                    Cell 1,1\tCell 1,2\tCell 1,3
                    Cell 2,1\tCell 2,2\tCell 2,3
                    This text is below the table.""");
        }

        @Test
        @DisplayName("a table nested in a cell is flattened into that cell's text")
        void nestedTable() {
            assertThat(reader.read("a.doc", poi("innertable.doc"))).isEqualTo("A\tB\tC\nD\tE 1 2 3 4 F\tG\nH\tI\tJ");
        }

        @Test
        @DisplayName("headers and footers are not in the text; the page break between the pages is no line")
        void headersAndFooters() {
            String text = reader.read("a.doc", poi("ThreeColHeadFoot.doc"));
            assertThat(text).isEqualTo("""
                    This is a sample word document. It has two pages. It has a three column heading, and a three column footer
                    HEADING TEXT
                    More on page one
                    End of page 1
                    This is page two. It also has a three column heading, and a three column footer.""");
        }

        @Test
        @DisplayName("text boxes, footnotes, endnotes, comments, headers and field instructions are left out, field results kept")
        void fieldsNotesAndTextBoxes() {
            String text = reader.read("a.doc", poi("test-fields.doc"));
            assertThat(text).isEqualTo("""
                    19/11/2010 14:49:00
                    Here is a link to an endnote
                    Here is a link to a footnote
                    Some annotation linking here""");
            assertThat(reader.read("a.doc", poi("footnote.doc"))).isEqualTo("Test text");
        }

        @Test
        @DisplayName("Chinese text in a table with HYPERLINK fields keeps the link texts and loses the instructions")
        void chinese() {
            String text = reader.read("中文.doc", poi("TestChineseProperties.doc"));
            assertThat(text.lines()).contains("世界雅虎\t亞太：亞洲 - 中國 - 香港 - 台灣 - 新加坡 - 印度 - 日本 - 韓國 - 澳紐",
                    "歐洲：英國、愛爾蘭 - 法國 - 德國 - 意大利 - 丹麥 - 挪威 - 瑞典 - 西班牙 - 加泰隆");
            assertThat(text).doesNotContain("HYPERLINK", "http", "INCLUDEPICTURE");
            assertThat(text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t')).isEmpty();
        }

        @Test
        @DisplayName("a table of contents whose field spans many paragraphs keeps its entries and loses TOC and HYPERLINK")
        void tableOfContents() {
            String text = reader.read("a.doc", poi("watermark.doc"));
            assertThat(text.lines()).contains("Table of Contents", "1. TERM\t1", "2.1 Appearance at site.  \t1",
                    "Termination shall be in accordance with the procedures agreed in Article 25 (Termination).");
            assertThat(text).doesNotContain("TOC", "HYPERLINK", "__RefHeading");
        }

        @Test
        @DisplayName("a Word 95 document is read too")
        void word95() {
            assertThat(reader.read("a.doc", poi("Word95.doc"))).isEqualTo("""
                    The quick brown fox jumps over the lazy dog
                    Paragraph 2
                    Paragraph 3. Has some RED text and some BLUE BOLD text in it.
                    Last (4th) paragraph.""");
        }

        @Test
        @DisplayName("a password-protected .doc is refused as ENCRYPTED_DOC")
        void encrypted() {
            byte[] protectedDoc = poi("PasswordProtected.doc");
            assertRejected(() -> reader.read("a.doc", protectedDoc), "ENCRYPTED_DOC", "加密");
        }

        @Test
        @DisplayName("a Word-compatible .wps is read as a .doc; a Microsoft Works .wps is refused as UNSUPPORTED_WPS")
        void wps() {
            assertThat(reader.read("文件.wps", poi("simple-table.doc"))).contains("Cell 1,1\tCell 1,2\tCell 1,3");
            byte[] works = poi("ShortLastBlock.wps");
            assertRejected(() -> reader.read("works.wps", works), "UNSUPPORTED_WPS", "另存为", ".docx");
        }

        @Test
        @DisplayName("a .doc named .docx is read as a .doc")
        void docNamedDocx() {
            assertThat(reader.read("a.docx", poi("Word95.doc"))).startsWith("The quick brown fox");
        }
    }

    @Nested
    @DisplayName("the text of a .doc's main story")
    class DocStory {

        private static Para p(String... runs) {
            return new Para(Arrays.stream(runs).map(t -> new Run(t, false)).toList(), false, 0, false);
        }

        private static Para cell(String text) {
            return new Para(List.of(new Run(text + "\u0007", false)), true, 1, false);
        }

        private static Para rowEnd() {
            return new Para(List.of(new Run("\u0007", false)), true, 1, true);
        }

        @Test
        @DisplayName("field instructions go, results stay, nested fields and fields spanning paragraphs included")
        void fields() {
            assertThat(DocText.lines(List.of(
                    p("第\u0013 PAGE \\* MERGEFORMAT \u00141\u0015页\r"),
                    p("见\u0013 HYPERLINK \"http://x\" \u0001\u0014通知\u0015。\r"),
                    p("\u0013 TOC \\o \u0014\u0013 HYPERLINK \\l \"_Toc1\" \u0014一、总体要求\t1\u0015\r"),
                    p("\u0013 HYPERLINK \\l \"_Toc2\" \u0014二、主要任务\t2\u0015\u0015\r"),
                    p("\u0013 IF \u0013 = 1 \u00141\u0015 = 1 \"是\" \u0014是\u0015\r"),
                    p("正文。\r"))))
                    .containsExactly("第1页", "见通知。", "一、总体要求\t1", "二、主要任务\t2", "是", "正文。");
        }

        @Test
        @DisplayName("an instruction left open at a paragraph's end (damage) hides no more than that paragraph's rest")
        void unclosedInstruction() {
            assertThat(DocText.lines(List.of(p("开头\u0013 PAGE 坏了\r"), p("后文照常。\r"))))
                    .containsExactly("开头", "后文照常。");
        }

        @Test
        @DisplayName("control characters go: footnote and comment marks, pictures, drawings; line and page breaks split lines")
        void controlCharacters() {
            assertThat(DocText.lines(List.of(
                    p("脚注\u0002和批注\u0005、图片\u0001\u0008。\r"),
                    p("第一行\u000B第二行\u000C第三行\r"),
                    p("不间断\u001E连字符\u001F。\r"))))
                    .containsExactly("脚注和批注、图片。", "第一行", "第二行", "第三行", "不间断\u2011连字符。");
        }

        @Test
        @DisplayName("deleted revisions are left out")
        void deleted() {
            assertThat(DocText.lines(List.of(new Para(List.of(new Run("保留", false), new Run("删除的", true),
                    new Run("文字。\r", false)), false, 0, false)))).containsExactly("保留文字。");
        }

        @Test
        @DisplayName("a row with several cells is one line; a row with one filled cell keeps its paragraphs as lines")
        void tables() {
            Para firstParagraph = new Para(List.of(new Run("第一段\r", false)), true, 1, false);
            assertThat(DocText.lines(List.of(p("表前\r"),
                    cell("项目"), cell(""), cell("数量"), rowEnd(),
                    firstParagraph, cell("第二段"), cell(""), rowEnd(),
                    p("表后\r"))))
                    .containsExactly("表前", "项目\t数量", "第一段", "第二段", "表后");
        }
    }

    @Nested
    @DisplayName(".doc and .wps told by their bytes")
    class ByContent {

        @Test
        @DisplayName("a .doc or .wps that is a .docx is read as a .docx")
        void docxInside() throws IOException {
            byte[] docx = docx(doc -> doc.createParagraph().createRun().setText("关于做好2026年工作的通知"));
            assertThat(reader.read("通知.doc", docx)).isEqualTo("关于做好2026年工作的通知");
            assertThat(reader.read("通知.WPS", docx)).isEqualTo("关于做好2026年工作的通知");
        }

        @Test
        @DisplayName("a web page saved as .doc gives the text of its blocks: head, styles, scripts and comments dropped, entities decoded")
        void html() {
            String page = """
                    <html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
                    <head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>标题不算</title>
                    <style><!-- p.MsoNormal {margin:0cm;} --></style><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
                    </head><body lang=ZH-CN>
                    <p class=MsoNormal align=center><b><span style='font-size:22pt'>关于开展&ldquo;安全生产月&rdquo;活动的通知</span></b><o:p></o:p></p>
                    <p class=MsoNormal>各乡镇、
                    各部门：</p><script>var x = "<p>不是正文</p>";</script>
                    <div>一、总体要求&nbsp;&amp;&#x4E00;&#20108;&bogus;</div>
                    <table><tr><td>项目</td><td></td><td>数量</td></tr><tr><td>道路</td><td>3 &lt; 5</td></tr></table>
                    <p>联系人：某某<br>电话：××××</p><!-- 注释 -->
                    </body></html>""";
            byte[] gb2312 = page.getBytes(Charset.forName("GB2312"));
            assertThat(reader.read("通知.doc", gb2312)).isEqualTo("""
                    关于开展“安全生产月”活动的通知
                    各乡镇、 各部门：
                    一、总体要求\u00A0&一二&bogus;
                    项目\t数量
                    道路\t3 < 5
                    联系人：某某
                    电话：××××""");
            byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<html><body><p>第一段</p><p>第二段</p></body></html>"
                    .getBytes(StandardCharsets.UTF_16LE));
            assertThat(reader.read("a.doc", utf16)).isEqualTo("第一段\n第二段");
        }

        @Test
        @DisplayName("RTF, MHT and Word 2003 XML under a Word name are refused as UNSUPPORTED_FORMAT naming what they are")
        void otherWordSaves() {
            assertRejected(() -> reader.read("a.doc", FormatFiles.utf8("{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}正文}")),
                    "UNSUPPORTED_FORMAT", "RTF", ".docx");
            assertRejected(() -> reader.read("a.wps", FormatFiles.utf8("{\\rtf1 x}")), "UNSUPPORTED_FORMAT", "RTF");
            assertRejected(() -> reader.read("a.doc", FormatFiles.utf8("MIME-Version: 1.0\r\nContent-Type: multipart/related; "
                    + "boundary=\"----=_NextPart\"\r\n\r\n")), "UNSUPPORTED_FORMAT", "MHT");
            assertRejected(() -> reader.read("a.doc", FormatFiles.utf8("<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?>"
                    + "<w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\"/>")), "UNSUPPORTED_FORMAT", "XML");
        }

        @Test
        @DisplayName("a PDF saved as .doc is read as a PDF")
        void pdfInside() {
            byte[] pdf = FormatFiles.pdf(List.of(List.of("关于做好防汛工作的通知各乡镇人民政府县直各部门")));
            assertThat(reader.read("通知.doc", pdf)).isEqualTo("关于做好防汛工作的通知各乡镇人民政府县直各部门");
        }

        @Test
        @DisplayName("an encrypted .doc or .wps is refused as ENCRYPTED_DOC, a .docx as ENCRYPTED_DOCX")
        void encrypted() throws Exception {
            byte[] encrypted = encryptedDocx();
            assertRejected(() -> reader.read("a.doc", encrypted), "ENCRYPTED_DOC", "加密");
            assertRejected(() -> reader.read("a.wps", encrypted), "ENCRYPTED_DOC", "加密");
            assertRejected(() -> reader.read("a.docx", encrypted), "ENCRYPTED_DOCX", "加密");
        }

        @Test
        @DisplayName("damaged or foreign bytes: MALFORMED_DOC for .doc, UNSUPPORTED_WPS (save as .docx in WPS) for .wps")
        void malformed() throws IOException {
            byte[] brokenOle2 = ole2("WordDocument", new byte[64]);
            byte[] worksLike = ole2("CONTENTS", new byte[64]);
            byte[] docx = docx(doc -> doc.createParagraph().createRun().setText("正文"));
            byte[] truncatedZip = Arrays.copyOf(docx, docx.length / 2);
            for (byte[] bad : List.of(brokenOle2, worksLike, truncatedZip, FormatFiles.utf8("只是一段文字"), new byte[] {1, 2, 3})) {
                assertRejected(() -> reader.read("a.doc", bad), "MALFORMED_DOC", ".doc");
                assertRejected(() -> reader.read("a.wps", bad), "UNSUPPORTED_WPS", "WPS", ".docx");
            }
            assertRejected(() -> reader.read("a.docx", brokenOle2), "MALFORMED_DOCX");
        }

        @Test
        @DisplayName("a zip bomb named .doc or .wps is refused as DOCX_TOO_LARGE_EXPANDED")
        void bomb() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
                zip.write(FormatFiles.utf8("<?xml version=\"1.0\"?><Types/>"));
                zip.putNextEntry(new ZipEntry("word/document.xml"));
                zip.write(new byte[4 << 20]); // 4 MB of zeros in a few KB: far beyond a real document's ratio
            }
            assertRejected(() -> reader.read("a.doc", bytes.toByteArray()), "DOCX_TOO_LARGE_EXPANDED");
            assertRejected(() -> reader.read("a.wps", bytes.toByteArray()), "DOCX_TOO_LARGE_EXPANDED");
        }
    }

    @Nested
    @DisplayName(".docx body only")
    class Docx {

        @Test
        @DisplayName("a table row is one line, cells joined by a tab, empty cells left out; a one-cell layout table keeps its paragraphs")
        void tableRows() throws IOException {
            byte[] docx = docx(doc -> {
                doc.createParagraph().createRun().setText("表前");
                XWPFTable table = doc.createTable(2, 3);
                table.getRow(0).getCell(0).setText("项目");
                table.getRow(0).getCell(2).setText("数量");
                table.getRow(1).getCell(0).setText("道路");
                table.getRow(1).getCell(1).setText("硬化");
                table.getRow(1).getCell(1).addParagraph().createRun().setText("3公里");
                table.getRow(1).getCell(2).setText("3");
                XWPFTable layout = doc.createTable(1, 1);
                layout.getRow(0).getCell(0).setText("一、总体要求");
                layout.getRow(0).getCell(0).addParagraph().createRun().setText("二、主要任务");
                doc.createParagraph().createRun().setText("表后");
            });
            assertThat(reader.read("a.docx", docx)).isEqualTo("表前\n项目\t数量\n道路\t硬化 3公里\t3\n一、总体要求\n二、主要任务\n表后");
        }

        @Test
        @DisplayName("headers, footers, footnotes and comments are not mixed into the body")
        void otherParts() throws IOException {
            byte[] docx = docx(doc -> {
                doc.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun().setText("页眉文字");
                doc.createFooter(HeaderFooterType.DEFAULT).createParagraph().createRun().setText("第 1 页");
                XWPFParagraph body = doc.createParagraph();
                body.createRun().setText("正文有脚注");
                XWPFFootnote note = doc.createFootnote();
                note.createParagraph().createRun().setText("脚注内容");
                body.addFootnoteReference(note);
                body.createRun().setText("。");
                XWPFComment comment = doc.createComments().createComment(java.math.BigInteger.ONE);
                comment.createParagraph().createRun().setText("批注内容");
                doc.createParagraph().createRun().setText("第二段。");
            });
            assertThat(reader.read("a.docx", docx)).isEqualTo("正文有脚注。\n第二段。");
        }

        @Test
        @DisplayName("text boxes (DrawingML and their VML fallback) are left out, not doubled; deletions, moves and instructions too")
        void inlineContent() {
            byte[] docx = Seeds.docxAround(FormatFiles.utf8("""
                    <w:document %s xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
                    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
                    xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>
                    <w:p><w:r><w:t>正文开头</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp>\
                    <wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>\
                    </mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>\
                    </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>继续。</w:t></w:r></w:p>
                    <w:p><w:r><w:t xml:space="preserve">保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删除的</w:delText></w:r></w:del>\
                    <w:ins w:id="2" w:author="a"><w:r><w:t>插入的</w:t></w:r></w:ins><w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走的</w:t></w:r></w:moveFrom>\
                    <w:r><w:t>文字</w:t><w:footnoteReference w:id="1"/><w:commentReference w:id="0"/></w:r></w:p>
                    <w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
                    <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
                    <w:r><w:t>页</w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>，链接</w:t></w:r></w:hyperlink></w:p>
                    <w:sdt><w:sdtPr><w:alias w:val="控件"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>
                    <w:p><w:r><w:t>软</w:t><w:br/><w:t>换行</w:t></w:r></w:p>
                    </w:body></w:document>""".formatted(W)));
            assertThat(reader.read("a.docx", docx)).isEqualTo("正文开头继续。\n保留插入的文字\n第3页，链接\n控件里的段落\n软\n换行");
        }
    }

    @Nested
    @DisplayName("PDF")
    class Pdf {

        @Test
        @DisplayName("each extracted line is a line, and a line holding only \\f stands between pages (which TextLines drops)")
        void pages() {
            byte[] pdf = FormatFiles.pdf(List.of(
                    List.of("关于做好2026年防汛工作的通知", "各乡镇人民政府，县直各部门：", "-1-"),
                    List.of("一、提高思想认识，切实增强责任感", "二、压实工作责任。", "-2-")));
            String text = reader.read("通知.pdf", pdf);
            assertThat(text).isEqualTo("关于做好2026年防汛工作的通知\n各乡镇人民政府，县直各部门：\n-1-\n\f\n"
                    + "一、提高思想认识，切实增强责任感\n二、压实工作责任。\n-2-");
            assertThat(TextLines.of(text)).hasSize(6).doesNotContain("\f");
            assertThat(DocumentReader.PAGE_BREAK).isEqualTo("\f");
        }

        @Test
        @DisplayName("pages without text add no page-break line of their own: never first, last or two in a row")
        void blankPages() {
            String a = "第二页的文字写得足够长，免得五页被当作扫描件。";
            String b = "第四页的文字也写得足够长，免得五页被当作扫描件。";
            byte[] pdf = FormatFiles.pdf(List.of(List.of(), List.of(a, a, a), List.of(), List.of(b, b, b), List.of()));
            assertThat(reader.read("a.pdf", pdf)).isEqualTo(String.join("\n", a, a, a, "\f", b, b, b));
        }

        @Test
        @DisplayName("a scan (pages that are images) is refused as PDF_NO_TEXT, asking for OCR")
        void scanned() {
            assertRejected(() -> reader.read("扫描件.pdf", FormatFiles.scannedPdf(3)), "PDF_NO_TEXT", "扫描件", "OCR");
            byte[] almostNothing = FormatFiles.pdf(List.of(List.of("第1页"), List.of("第2页"), List.of("第3页")));
            assertRejected(() -> reader.read("a.pdf", almostNothing), "PDF_NO_TEXT", "扫描件");
        }

        @Test
        @DisplayName("a PDF needing a password to open is refused as ENCRYPTED_PDF; one with only an owner password is read")
        void encrypted() {
            List<List<String>> pages = List.of(List.of("加密文件里的一段正文，长度足够，不会被当作扫描件。"));
            assertRejected(() -> reader.read("a.pdf", FormatFiles.pdf(pages, "user-secret")), "ENCRYPTED_PDF", "密码");
            assertThat(reader.read("a.pdf", FormatFiles.pdf(pages, ""))).isEqualTo("加密文件里的一段正文，长度足够，不会被当作扫描件。");
        }

        @ParameterizedTest
        @ValueSource(strings = {"truncated", "text", "docx"})
        @DisplayName("a damaged PDF or not a PDF is refused as MALFORMED_PDF")
        void malformed(String kind) throws IOException {
            byte[] pdf = FormatFiles.pdf(List.of(List.of("正文内容，长度足够，不算扫描件。")));
            byte[] bad = switch (kind) {
                case "truncated" -> Arrays.copyOf(pdf, pdf.length / 3);
                case "text" -> FormatFiles.utf8("这不是 PDF");
                default -> docx(doc -> doc.createParagraph().createRun().setText("正文"));
            };
            assertRejected(() -> reader.read("a.pdf", bad), "MALFORMED_PDF");
        }

        @Test
        @DisplayName("a content stream that inflates to 70 MB is refused as PDF_TOO_LARGE_EXPANDED")
        void bomb() {
            byte[] bomb = HostileFiles.flateBombPdf(70 << 20);
            assertRejected(() -> reader.read("a.pdf", bomb), "PDF_TOO_LARGE_EXPANDED");
        }

        @Test
        @DisplayName("the read text parses: the title is found past the page break")
        void parses() {
            byte[] pdf = FormatFiles.pdf(List.of(List.of("在全县安全生产工作会议上的讲话", "同志们：", "一、提高认识"),
                    List.of("（一）压实责任", "今年以来，全县安全形势总体平稳，事故起数和死亡人数实现双下降。", "谢谢大家！")));
            ParsedMaterial parsed = new StructureParser().parse(reader.read("a.pdf", pdf));
            assertThat(parsed.title()).isEqualTo("在全县安全生产工作会议上的讲话");
            assertThat(parsed.outline()).hasSize(2);
        }
    }

    @Test
    @DisplayName("the UNSUPPORTED_FORMAT message names every format read")
    void unsupportedNamesFormats() {
        assertRejected(() -> reader.read("a.rtf", FormatFiles.utf8("x")), "UNSUPPORTED_FORMAT",
                ".txt", ".md", ".docx", ".doc", ".wps", ".pdf");
    }

    private interface Content {
        void write(XWPFDocument doc);
    }

    private static byte[] docx(Content content) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            content.write(doc);
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] ole2(String entry, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(data), entry);
            fs.writeFilesystem(out);
        }
        return out.toByteArray();
    }

    private static byte[] encryptedDocx() throws Exception {
        byte[] plain = docx(doc -> doc.createParagraph().createRun().setText("机密内容"));
        POIFSFileSystem fs = new POIFSFileSystem();
        Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
        encryptor.confirmPassword("secret");
        try (OutputStream os = encryptor.getDataStream(fs)) {
            os.write(plain);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fs.writeFilesystem(out);
        fs.close();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
