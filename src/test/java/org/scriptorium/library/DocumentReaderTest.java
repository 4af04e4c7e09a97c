package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.common.Rejected;

class DocumentReaderTest {

    private static final long MB = 1024L * 1024;
    private static final String SPEECH = """
            在全市安全生产工作会议上的讲话
            同志们：
            一、提高认识。今年以来，全市安全形势总体平稳。
            （一）压实责任
            谢谢大家！""";

    private final DocumentReader reader = new DocumentReader(20 * MB);

    private static void assertRejected(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.chinese()).isNotBlank();
            assertThat(r.english()).isNotBlank();
        });
    }

    @Nested
    @DisplayName("plain text")
    class PlainText {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"speech-gb18030.txt", "speech-utf16le-bom.txt", "speech-utf16be-bom.txt",
                "speech-utf8-bom.txt"})
        @DisplayName("UTF-8 with BOM, UTF-16 with BOM and GB18030 (CRLF) all read to the same lines")
        void encodings(String fixture) {
            assertThat(reader.read(fixture, Fixtures.bytes(fixture))).isEqualTo(SPEECH);
        }

        @Test
        @DisplayName("UTF-8 without BOM is read as is, blank lines and indentation removed")
        void utf8() {
            byte[] bytes = ("\u3000\u3000第一段。\n\n\n  第二段。  \n").getBytes(StandardCharsets.UTF_8);
            assertThat(reader.read("a.TXT", bytes)).isEqualTo("第一段。\n第二段。");
        }

        @Test
        @DisplayName("bytes valid in neither UTF-8 nor GB18030 are rejected as UNREADABLE_TEXT")
        void unreadable() {
            assertRejected(() -> reader.read("a.txt", new byte[] {(byte) 0x80, (byte) 0xFF, (byte) 0xFE, 0x41}),
                    422, "UNREADABLE_TEXT");
        }

        @Test
        @DisplayName("the read text parses with its structure intact")
        void parses() {
            ParsedMaterial parsed = new StructureParser()
                    .parse(reader.read("x.txt", Fixtures.bytes("speech-gb18030.txt")));
            assertThat(parsed.title()).isEqualTo("在全市安全生产工作会议上的讲话");
            assertThat(parsed.outline()).hasSize(2);
        }
    }

    @Test
    @DisplayName("Markdown loses its syntax but keeps one paragraph per line and the heading numbers")
    void markdown() {
        assertThat(reader.read("speech.md", Fixtures.bytes("speech.md"))).isEqualTo("""
                在全镇乡村振兴工作推进会上的讲话
                同志们：
                一、提高站位，增强做好乡村振兴工作的责任感
                一是要统一思想；二是要压实责任。详见工作方案。
                （一）抓好产业发展
                填写单位：__  负责人：某某
                1. 抓好项目建设。今年以来，全镇共实施项目××个。
                谢谢大家！
                项目 数量
                道路 3""");
    }

    @Nested
    @DisplayName("Word documents")
    class Docx {

        @Test
        @DisplayName("paragraphs become lines and a table row one line, its cells joined by a tab, in order")
        void paragraphsAndTables() throws IOException {
            byte[] docx = docx(doc -> {
                doc.createParagraph().createRun().setText("在全县工作会议上的讲话");
                doc.createParagraph().createRun().setText("同志们：");
                XWPFTable table = doc.createTable(1, 2);
                table.getRow(0).getCell(0).setText("项目");
                table.getRow(0).getCell(1).setText("××个");
                doc.createParagraph().createRun().setText("一、抓好落实。一是加强领导。");
            });
            assertThat(reader.read("讲话.docx", docx))
                    .isEqualTo("在全县工作会议上的讲话\n同志们：\n项目\t××个\n一、抓好落实。一是加强领导。");
        }

        @Test
        @DisplayName("a password-protected docx is rejected as ENCRYPTED_DOCX with a plain Chinese message")
        void encrypted() throws Exception {
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
            assertRejected(() -> reader.read("a.docx", out.toByteArray()), 422, "ENCRYPTED_DOCX");
            assertThatThrownBy(() -> reader.read("a.docx", out.toByteArray()))
                    .hasMessage("该 Word 文档已加密，请先取消密码保护再上传。");
        }

        @Test
        @DisplayName("a truncated docx is rejected as MALFORMED_DOCX")
        void truncated() throws IOException {
            byte[] docx = docx(doc -> doc.createParagraph().createRun().setText("正文内容"));
            assertRejected(() -> reader.read("a.docx", Arrays.copyOf(docx, docx.length / 2)), 422, "MALFORMED_DOCX");
        }

        @Test
        @DisplayName("a text file, a plain zip or a broken legacy .doc renamed to .docx is rejected as MALFORMED_DOCX")
        void notDocx() throws IOException {
            assertRejected(() -> reader.read("a.docx", "只是文本".getBytes(StandardCharsets.UTF_8)), 422, "MALFORMED_DOCX");
            byte[] plainZip = zip("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
            assertRejected(() -> reader.read("a.docx", plainZip), 422, "MALFORMED_DOCX");
            ByteArrayOutputStream ole2 = new ByteArrayOutputStream();
            try (POIFSFileSystem fs = new POIFSFileSystem()) {
                fs.createDocument(new java.io.ByteArrayInputStream(new byte[64]), "WordDocument");
                fs.writeFilesystem(ole2);
            }
            assertRejected(() -> reader.read("a.docx", ole2.toByteArray()), 422, "MALFORMED_DOCX");
        }

        @Test
        @DisplayName("a zip bomb (200 MB of zeros deflated) is rejected as DOCX_TOO_LARGE_EXPANDED")
        void zipBomb() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
                zip.write("<?xml version=\"1.0\"?><Types/>".getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("word/document.xml"));
                byte[] zeros = new byte[(int) MB];
                for (int i = 0; i < 200; i++) {
                    zip.write(zeros);
                }
            }
            assertThat(bytes.size()).isLessThan((int) MB);
            assertRejected(() -> reader.read("bomb.docx", bytes.toByteArray()), 422, "DOCX_TOO_LARGE_EXPANDED");
        }

        @Test
        @DisplayName("a docx with no text is rejected as EMPTY_TEXT")
        void emptyDocx() throws IOException {
            byte[] blank = docx(doc -> doc.createParagraph());
            assertRejected(() -> reader.read("a.docx", blank), 422, "EMPTY_TEXT");
        }
    }

    @Nested
    @DisplayName("limits and formats")
    class Limits {

        @Test
        @DisplayName("content over the limit is rejected with 413 FILE_TOO_LARGE naming the limit in MB")
        void tooLarge() {
            DocumentReader small = new DocumentReader(MB);
            assertRejected(() -> small.read("a.txt", new byte[(int) MB + 1]), 413, "FILE_TOO_LARGE");
            assertThatThrownBy(() -> small.read("a.txt", new byte[(int) MB + 1])).hasMessageContaining("1 MB");
            assertThat(small.read("a.txt", "正文".getBytes(StandardCharsets.UTF_8))).isEqualTo("正文");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a.rtf", "a.exe", "a.odt", "a.docx.exe", "noextension", "a."})
        @DisplayName("any other extension is rejected as UNSUPPORTED_FORMAT naming .txt .md .docx .doc .wps .pdf")
        void unsupported(String name) {
            assertRejected(() -> reader.read(name, "正文".getBytes(StandardCharsets.UTF_8)), 422, "UNSUPPORTED_FORMAT");
            assertThatThrownBy(() -> reader.read(name, new byte[1]))
                    .hasMessageContaining(".txt").hasMessageContaining(".docx").hasMessageContaining(".md")
                    .hasMessageContaining(".doc、").hasMessageContaining(".wps").hasMessageContaining(".pdf");
        }

        @Test
        @DisplayName("empty or whitespace-only content is rejected as EMPTY_TEXT")
        void empty() {
            assertRejected(() -> reader.read("a.txt", new byte[0]), 422, "EMPTY_TEXT");
            assertRejected(() -> reader.read("a.md", " \n\u3000\r\n".getBytes(StandardCharsets.UTF_8)), 422, "EMPTY_TEXT");
        }
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

    private static byte[] zip(String name, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(data);
        }
        return bytes.toByteArray();
    }
}
