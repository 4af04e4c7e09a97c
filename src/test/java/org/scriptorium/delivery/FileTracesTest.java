package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("file-level traces")
class FileTracesTest {

    private static final FileTrace TRACE = new FileTrace("3f9a0c1e77d24b5a8e6c0d1f2a3b4c5d");

    private static PdfWriter pdfWriter;
    private final DocxWriter docxWriter = new DocxWriter();

    @BeforeAll
    static void font() {
        pdfWriter = new PdfWriter();
    }

    @Nested
    @DisplayName("in a DOCX")
    class Docx {

        @Test
        @DisplayName("the token written is the token read")
        void roundTrip() {
            assertThat(FileTraces.read("材料.docx", docxWriter.write(Reports.shortReport(), TRACE)))
                    .containsExactly(TRACE.token());
        }

        @Test
        @DisplayName("sits both in the custom property ScriptoriumCopy and in a hidden bookmark around the whole text")
        void twoPlaces() throws IOException {
            try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(
                    docxWriter.write(Reports.shortReport(), TRACE)))) {
                var property = docx.getProperties().getCustomProperties().getProperty("ScriptoriumCopy");
                assertThat(property.getLpwstr()).isEqualTo(TRACE.token());

                var paragraphs = docx.getParagraphs();
                var start = paragraphs.getFirst().getCTP().getBookmarkStartArray(0);
                assertThat(start.getName()).isEqualTo("_Sc" + TRACE.token()).hasSizeLessThanOrEqualTo(40);
                assertThat(paragraphs.getLast().getCTP().getBookmarkEndArray(0).getId()).isEqualTo(start.getId());
                assertThat(paragraphs.getFirst().getText()).isEqualTo(Reports.shortReport().title());
            }
        }

        @Test
        @DisplayName("a file written without a trace carries none")
        void none() {
            assertThat(FileTraces.read("材料.docx", docxWriter.write(Reports.shortReport()))).isEmpty();
            assertThat(FileTraces.read("材料.docx", docxWriter.write(Reports.shortReport(), null))).isEmpty();
        }
    }

    @Nested
    @DisplayName("in a PDF")
    class Pdf {

        @Test
        @DisplayName("the token written is the token read")
        void roundTrip() {
            assertThat(FileTraces.read("材料.pdf", pdfWriter.write(Reports.shortReport(), TRACE)))
                    .containsExactly(TRACE.token());
        }

        @Test
        @DisplayName("sits both in the document information and in the XMP metadata")
        void twoPlaces() throws IOException {
            try (PDDocument pdf = Loader.loadPDF(pdfWriter.write(Reports.shortReport(), TRACE))) {
                assertThat(pdf.getDocumentInformation().getCustomMetadataValue("ScriptoriumCopy"))
                        .isEqualTo(TRACE.token());
                String xmp = new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
                assertThat(xmp).contains("<scriptorium:Copy>" + TRACE.token() + "</scriptorium:Copy>");

                // Either place alone is enough.
                pdf.getDocumentInformation().setCustomMetadataValue("ScriptoriumCopy", null);
                var out = new java.io.ByteArrayOutputStream();
                pdf.save(out);
                assertThat(FileTraces.read("x.pdf", out.toByteArray())).containsExactly(TRACE.token());
            }
        }

        @Test
        @DisplayName("is still read when a tool rewrites the XMP with another prefix, as an attribute")
        void rewrittenXmp() throws IOException {
            String xmp = """
                    <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                    <rdf:Description rdf:about="" xmlns:sc="urn:scriptorium:copy:1.0/" sc:Copy="Rewritten_1"/>
                    </rdf:RDF></x:xmpmeta>""";
            try (PDDocument pdf = new PDDocument()) {
                pdf.addPage(new org.apache.pdfbox.pdmodel.PDPage());
                pdf.getDocumentCatalog().setMetadata(new org.apache.pdfbox.pdmodel.common.PDMetadata(
                        pdf, new ByteArrayInputStream(xmp.getBytes(StandardCharsets.UTF_8))));
                var out = new java.io.ByteArrayOutputStream();
                pdf.save(out);
                assertThat(FileTraces.read("x.pdf", out.toByteArray())).containsExactly("Rewritten_1");
            }
        }

        @Test
        @DisplayName("a file written without a trace carries none")
        void none() {
            assertThat(FileTraces.read("材料.pdf", pdfWriter.write(Reports.shortReport(), null))).isEmpty();
        }
    }

    @Test
    @DisplayName("a renamed file is recognised by its content")
    void renamed() {
        assertThat(FileTraces.read("材料.pdf", docxWriter.write(Reports.shortReport(), TRACE)))
                .containsExactly(TRACE.token());
        assertThat(FileTraces.read("材料.docx", pdfWriter.write(Reports.shortReport(), TRACE)))
                .containsExactly(TRACE.token());
        assertThat(FileTraces.read(null, pdfWriter.write(Reports.shortReport(), TRACE)))
                .containsExactly(TRACE.token());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"材料.pdf", "材料.docx", "材料.txt", "noextension"})
    @DisplayName("garbage, truncated files and nothing at all give no traces and no exception")
    void garbage(String name) {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        byte[] pdf = pdfWriter.write(Reports.shortReport(), TRACE);
        byte[] docx = docxWriter.write(Reports.shortReport(), TRACE);

        assertThat(FileTraces.read(name, random)).isEmpty();
        assertThat(FileTraces.read(name, "%PDF-1.7\n垃圾内容".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(FileTraces.read(name, "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(FileTraces.read(name, Arrays.copyOf(pdf, 200))).isEmpty();
        // What survives of a truncated file may still be read; it must just not throw.
        assertThatCode(() -> FileTraces.read(name, Arrays.copyOf(docx, docx.length / 2))).doesNotThrowAnyException();
        assertThatCode(() -> FileTraces.read(name, Arrays.copyOf(pdf, pdf.length / 2))).doesNotThrowAnyException();
        assertThat(FileTraces.read(name, new byte[0])).isEmpty();
        assertThat(FileTraces.read(name, null)).isEmpty();
    }

    @Test
    @DisplayName("a token must fit a Word bookmark name: 1 to 32 letters, digits or underscores")
    void tokenRules() {
        assertThat(new FileTrace("A_1").token()).isEqualTo("A_1");
        assertThatThrownBy(() -> new FileTrace("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileTrace("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileTrace("会员")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileTrace("x".repeat(33))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileTrace(null)).isInstanceOf(NullPointerException.class);
    }
}
