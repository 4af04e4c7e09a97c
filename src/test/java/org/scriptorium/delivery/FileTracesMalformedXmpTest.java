package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Regression test for what the coverage-guided fuzzer found in {@link FileTraces}. */
class FileTracesMalformedXmpTest {

    @Test
    @DisplayName("a PDF whose XMP metadata is not well-formed yields no token and prints nothing to standard error")
    void malformedXmp() throws IOException {
        byte[] pdf;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            PDMetadata metadata = new PDMetadata(doc);
            metadata.importXMPMetadata("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:Description ls:xmndc=\"1\"/></x:xmpmeta>"
                    .getBytes(StandardCharsets.UTF_8));
            doc.getDocumentCatalog().setMetadata(metadata);
            doc.save(out);
            pdf = out.toByteArray();
        }
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(FileTraces.read("leak.pdf", pdf)).isEmpty();
        } finally {
            System.setErr(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Fatal Error");
    }
}
