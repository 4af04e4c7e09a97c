package org.scriptorium.delivery;

import org.scriptorium.tracer.LeakedText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;

@DisplayName("leaked text")
class LeakedTextTest {

    private static final long MAX = 5L * 1024 * 1024;
    private static final String LINE = "按期办结率达到98.6%，群众满意度明显提升。";

    private static PdfWriter pdfWriter;

    @BeforeAll
    static void font() {
        pdfWriter = new PdfWriter();
    }

    @Test
    @DisplayName("reads a .txt in UTF-8 and in GB18030")
    void txt() {
        assertThat(LeakedText.extract("转卖.txt", LINE.getBytes(StandardCharsets.UTF_8), MAX)).isEqualTo(LINE);
        assertThat(LeakedText.extract("转卖.TXT", LINE.getBytes(Charset.forName("GB18030")), MAX)).isEqualTo(LINE);
    }

    @Test
    @DisplayName("reads a .md without its Markdown syntax")
    void md() {
        String md = "# 标题\n\n**" + LINE + "**\n";
        assertThat(LeakedText.extract("转卖.md", md.getBytes(StandardCharsets.UTF_8), MAX)).contains(LINE).doesNotContain("**");
    }

    @Test
    @DisplayName("reads a .docx")
    void docx() {
        byte[] docx = new DocxWriter().write(Reports.shortReport());
        String text = LeakedText.extract("转卖.docx", docx, MAX);
        assertThat(Reports.shortReport().paragraphs()).allSatisfy(p -> assertThat(text).contains(p.text()));
    }

    @Test
    @DisplayName("reads a .pdf, line breaks aside")
    void pdf() {
        String text = LeakedText.extract("转卖.pdf", pdfWriter.write(Reports.shortReport(), null), MAX);
        String flat = text.replaceAll("\\s+", "");
        assertThat(text).doesNotContain("\r");
        assertThat(Reports.shortReport().paragraphs())
                .allSatisfy(p -> assertThat(flat).contains(p.text().replaceAll("\\s+", "")));
    }

    @Test
    @DisplayName("a PDF that needs a password is rejected as ENCRYPTED_PDF, in Chinese")
    void encrypted() throws IOException {
        byte[] encrypted;
        try (PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(pdfWriter.write(Reports.shortReport(), null))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            encrypted = out.toByteArray();
        }

        assertThatThrownBy(() -> LeakedText.extract("转卖.pdf", encrypted, MAX))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.code()).isEqualTo("ENCRYPTED_PDF");
                    assertThat(r.chinese()).contains("密码");
                });
    }

    @Test
    @DisplayName("a damaged PDF or something else named .pdf is rejected as MALFORMED_PDF")
    void malformed() {
        byte[] random = new byte[2048];
        new Random(11).nextBytes(random);

        for (byte[] bad : new byte[][] {random, "%PDF-1.7\n不是真的".getBytes(StandardCharsets.UTF_8), new byte[0]}) {
            assertThatThrownBy(() -> LeakedText.extract("转卖.pdf", bad, MAX))
                    .isInstanceOfSatisfying(Rejected.class, r -> {
                        assertThat(r.status()).isEqualTo(422);
                        assertThat(r.code()).isEqualTo("MALFORMED_PDF");
                    });
        }
    }

    @Test
    @DisplayName("an unsupported format is rejected as UNSUPPORTED_FORMAT, naming the four accepted")
    void unsupported() {
        for (String name : new String[] {"转卖.doc", "转卖.png", "转卖", null}) {
            assertThatThrownBy(() -> LeakedText.extract(name, new byte[] {1, 2, 3}, MAX))
                    .isInstanceOfSatisfying(Rejected.class, r -> {
                        assertThat(r.status()).isEqualTo(422);
                        assertThat(r.code()).isEqualTo("UNSUPPORTED_FORMAT");
                        assertThat(r.chinese()).contains(".txt", ".docx", ".md", ".pdf");
                    });
        }
    }

    @Test
    @DisplayName("a file over the limit is rejected as FILE_TOO_LARGE with 413, whatever its type")
    void tooLarge() {
        for (String name : new String[] {"转卖.pdf", "转卖.txt", "转卖.exe"}) {
            assertThatThrownBy(() -> LeakedText.extract(name, new byte[101], 100))
                    .isInstanceOfSatisfying(Rejected.class, r -> {
                        assertThat(r.status()).isEqualTo(413);
                        assertThat(r.code()).isEqualTo("FILE_TOO_LARGE");
                    });
        }
    }

    @Test
    @DisplayName("garbage in any accepted format gives text or a Rejected, never another exception")
    void garbage() {
        byte[] random = new byte[4096];
        new Random(3).nextBytes(random);
        byte[] zipLike = "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1);

        for (String name : new String[] {"转卖.txt", "转卖.md", "转卖.docx", "转卖.pdf"}) {
            for (byte[] bad : new byte[][] {random, zipLike}) {
                try {
                    LeakedText.extract(name, bad, MAX);
                } catch (Rejected expected) {
                    // the only exception allowed
                }
            }
        }
    }
}
