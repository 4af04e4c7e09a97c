package org.scriptorium.library;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Files for the format tests: PDFs made here with a Chinese font, and real Word 97–2003 and WPS files
 * from Apache POI's test data (Apache License 2.0), which are not in this repository: they are read from
 * {@code ../shared/formats/poi} (or {@code -Dscriptorium.formats.dir=…}) when the checkout has them.
 */
final class FormatFiles {

    /** Where POI's test files are looked for. */
    static final Path POI = Path.of(System.getProperty("scriptorium.formats.dir", "../shared/formats/poi"));

    private FormatFiles() {
    }

    /** The POI test file of that name (e.g. {@code simple-table.doc}), if the checkout has it. */
    static Optional<byte[]> poi(String name) {
        Path file = POI.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF with one page per entry, each page's lines drawn top to bottom in WenQuanYi Micro Hei. */
    static byte[] pdf(List<List<String>> pages) {
        return pdf(pages, null);
    }

    /** The same, encrypted: with {@code userPassword} needed to open it, or (empty) only an owner password. */
    static synchronized byte[] pdf(List<List<String>> pages, String userPassword) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont font = chineseFont(pdf);
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(font, 14);
                    content.newLineAtOffset(72, 720);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -24);
                    }
                    content.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                pdf.protect(policy);
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scan: {@code pages} pages each holding only an image, and no text. */
    static byte[] scannedPdf(int pages) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            BufferedImage scan = new BufferedImage(200, 280, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 40; y < 240; y += 12) {
                for (int x = 20; x < 180; x++) {
                    scan.setRGB(x, y, 0); // lines of "text" as pixels
                }
            }
            PDImageXObject image = LosslessFactory.createFromImage(pdf, scan);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.drawImage(image, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDFont chineseFont(PDDocument pdf) throws IOException {
        return PDType0Font.load(pdf, Font.FIRST, true);
    }

    /** WenQuanYi Micro Hei as the build bundles it, parsed once (5 MB): documents are made one at a time, so they can share it. */
    private static final class Font {
        static final TrueTypeFont FIRST = load();

        private static TrueTypeFont load() {
            try (var in = FormatFiles.class.getResourceAsStream("/fonts/wqy-microhei.ttc")) {
                if (in == null) {
                    throw new IllegalStateException("fonts/wqy-microhei.ttc is not on the class path: build with ./mvnw");
                }
                TrueTypeCollection collection = new TrueTypeCollection(in);
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(font -> {
                    if (first[0] == null) {
                        first[0] = font;
                    }
                });
                return first[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
