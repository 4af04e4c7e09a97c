package org.scriptorium.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Writes a {@link DeliveredDocument} as a PDF laid out like a Chinese official document, matching
 * {@link DocxWriter}: A4 with the same margins, a centred 22pt title, 28 characters of body text to
 * a line at an exact 28pt line pitch, a two-character first-line indent, headings in a simulated
 * bold, and on every page a small grey footer with the notice and {@code 第 n 页}. A heading's run-in text follows it on
 * its line in regular weight; the 落款 lines are set flush right, the 附件说明 lines two characters from the left margin.
 *
 * <p>The font is embedded as a subset, so Chinese renders everywhere and text can be copied and
 * extracted. Characters the font cannot draw are replaced by {@code □}; invisible format characters
 * it cannot draw (zero-width marks) are left out.
 *
 * <p>Thread-safe. A parsed font serves one document at a time, so the writer keeps up to one per
 * processor and reuses them: parsing the 5 MB WenQuanYi collection costs more than laying out a
 * long material. Memory: the file's bytes plus about as much again per parsed font.
 */
public final class PdfWriter {

    /** Debian's {@code fonts-wqy-microhei} and where other distributions put the same file. */
    static final List<Path> KNOWN_FONTS = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"));

    static final String CREATOR = DocxWriter.CREATOR;

    private static final float POINTS_PER_MM = 72 / 25.4f;
    private static final float TOP = 37 * POINTS_PER_MM;
    private static final float BOTTOM = 35 * POINTS_PER_MM;
    private static final float LEFT = 28 * POINTS_PER_MM;
    private static final float RIGHT = 26 * POINTS_PER_MM;
    private static final float FOOTER = 15 * POINTS_PER_MM;
    private static final PDRectangle A4 = PDRectangle.A4;
    private static final float TEXT_WIDTH = A4.getWidth() - LEFT - RIGHT;

    private static final float TITLE_POINTS = 22;
    /** 28 characters fill the 156mm text width, as GB/T 9704 asks of 三号 text. */
    private static final float BODY_POINTS = 15.75f;
    private static final float NOTICE_POINTS = 9;
    private static final float LINE_POINTS = 28;
    private static final int LINES_PER_PAGE = (int) ((A4.getHeight() - TOP - BOTTOM) / LINE_POINTS);
    /** A stroke of about 1/30 em thickens the strokes like a bold cut, which WenQuanYi Micro Hei lacks. */
    private static final float BOLD_STROKE = 1 / 30f;
    /** Justifying a line never spreads its characters by more than this share of an em. */
    private static final float MAX_SPREAD = 0.25f;
    private static final PDColor GREY = new PDColor(new float[] {0.5f}, PDDeviceGray.INSTANCE);
    private static final PDColor BLACK = new PDColor(new float[] {0f}, PDDeviceGray.INSTANCE);
    private static final int MISSING = '□';
    private static final Pattern HARD_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

    private final byte[] font;
    private final BlockingQueue<ParsedFont> idle = new LinkedBlockingQueue<>();
    private final int maxIdle = Runtime.getRuntime().availableProcessors();

    /**
     * @param fontFile a TrueType font or collection (the first font is used) that covers Chinese,
     *                 such as {@link #defaultFont()}
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException if it is not a TrueType font with Chinese characters
     */
    public PdfWriter(Path fontFile) {
        try {
            this.font = Files.readAllBytes(fontFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the font " + fontFile
                    + " (on Debian: apt-get install fonts-wqy-microhei)", e);
        }
        ParsedFont parsed;
        try {
            parsed = ParsedFont.of(font);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a TrueType font or collection: " + fontFile, e);
        }
        if (!parsed.has('中')) {
            parsed.closeQuietly();
            throw new IllegalArgumentException("the font " + fontFile + " has no Chinese characters");
        }
        idle.add(parsed);
    }

    /**
     * The WenQuanYi Micro Hei file of Debian's {@code fonts-wqy-microhei} package, or the same font
     * where other distributions install it.
     *
     * @return the first readable known path; empty if the font is not installed
     */
    public static Optional<Path> defaultFont() {
        return KNOWN_FONTS.stream().filter(Files::isReadable).findFirst();
    }

    /**
     * Writes the document without a file-level trace.
     *
     * @see #write(DeliveredDocument, FileTrace)
     */
    public byte[] write(DeliveredDocument doc) {
        return write(doc, null);
    }

    /**
     * Writes the document.
     *
     * @param doc   the document; never {@code null}
     * @param trace the copy's trace, written to the document information entry
     *              {@code ScriptoriumCopy} and to the XMP metadata (see {@link FileTraces});
     *              {@code null} for none
     * @return the bytes of a PDF whose information and XMP metadata name the title and the creator
     *         {@value #CREATOR}
     * @throws UncheckedIOException if PDFBox fails to write (not expected in memory)
     */
    public byte[] write(DeliveredDocument doc, FileTrace trace) {
        ParsedFont parsed = borrowFont();
        boolean written = false;
        try (PDDocument pdf = new PDDocument()) {
            String title = doc.title().strip();
            Pages pages = new Pages(pdf, parsed, PDType0Font.load(pdf, parsed.ttf, true),
                    doc.hasNotice() ? doc.notice().strip() : null);
            pages.title(title);
            for (DeliveredParagraph paragraph : doc.paragraphs()) {
                pages.paragraph(paragraph);
            }
            pages.finish();
            metadata(pdf, title, trace);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            written = true;
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write PDF", e);
        } finally {
            returnFont(parsed, written);
        }
    }

    private ParsedFont borrowFont() {
        ParsedFont parsed = idle.poll();
        if (parsed != null) {
            return parsed;
        }
        try {
            return ParsedFont.of(font);
        } catch (IOException e) {
            throw new UncheckedIOException("could not parse the font", e);
        }
    }

    /** A font whose document failed may have been left mid-read: it is dropped, not reused. */
    private void returnFont(ParsedFont parsed, boolean healthy) {
        if (!healthy || idle.size() >= maxIdle || !idle.offer(parsed)) {
            parsed.closeQuietly();
        }
    }

    private static void metadata(PDDocument pdf, String title, FileTrace trace) throws IOException {
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(title);
        info.setCreator(CREATOR);
        info.setProducer(CREATOR);
        if (trace != null) {
            info.setCustomMetadataValue(FileTraces.PROPERTY, trace.token());
        }
        pdf.getDocumentCatalog().setLanguage("zh-CN");
        PDMetadata xmp = new PDMetadata(pdf, new ByteArrayInputStream(xmp(title, trace)));
        pdf.getDocumentCatalog().setMetadata(xmp);
    }

    /** A hand-written packet: the property set is fixed and small, so XMPBox would be weight for nothing. */
    private static byte[] xmp(String title, FileTrace trace) {
        String copy = trace == null ? "" : "\n   <" + FileTraces.XMP_PREFIX + ":" + FileTraces.XMP_PROPERTY + ">"
                + trace.token() + "</" + FileTraces.XMP_PREFIX + ":" + FileTraces.XMP_PROPERTY + ">";
        String packet = """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about=""
                    xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
                    xmlns:%s="%s">
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
                   <dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>
                   <xmp:CreatorTool>%s</xmp:CreatorTool>
                   <pdf:Producer>%s</pdf:Producer>%s
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="w"?>""".formatted(FileTraces.XMP_PREFIX, FileTraces.XMP_NAMESPACE,
                xmlEscaped(title), CREATOR, CREATOR, copy);
        return packet.getBytes(StandardCharsets.UTF_8);
    }

    private static String xmlEscaped(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The pages being written: where the next line goes, and the footer of each finished page. */
    private static final class Pages {

        private final PDDocument pdf;
        private final ParsedFont parsed;
        private final PDType0Font font;
        private final String notice;
        private final Map<Float, LineBreaker> breakers = new HashMap<>();
        private PDPageContentStream out;
        private int pageNumber;
        /** Lines already used on the current page. */
        private int used;

        Pages(PDDocument pdf, ParsedFont parsed, PDType0Font font, String notice) {
            this.pdf = pdf;
            this.parsed = parsed;
            this.font = font;
            this.notice = notice == null ? null : parsed.drawable(notice);
        }

        void title(String title) throws IOException {
            for (LineBreaker.Line line : breaker(TITLE_POINTS).lines(parsed.drawable(title), TEXT_WIDTH, TEXT_WIDTH)) {
                float x = LEFT + (TEXT_WIDTH - (float) line.width()) / 2;
                show(line, x, TITLE_POINTS, true, 0);
            }
            // One empty line between the title and the text, as in the DOCX.
            nextLine();
        }

        void paragraph(DeliveredParagraph paragraph) throws IOException {
            DeliveredParagraph.Style style = paragraph.style();
            boolean heading = style.heading();
            // The first line's indent; a 附件说明 line keeps it on every line (左空二字), the 落款 is set flush right.
            float indent = switch (style) {
                case SALUTATION, SIGNATURE -> 0;
                default -> 2 * BODY_POINTS;
            };
            float otherIndent = style == DeliveredParagraph.Style.ATTACHMENT ? indent : 0;
            // The writer owns the layout: indentation the text already carries would be doubled.
            String lead = parsed.drawable(paragraph.text().stripLeading());
            String text = paragraph.hasRunIn() ? lead + parsed.drawable(paragraph.runIn().stripLeading()) : lead;
            // How many characters from the start are set bold: a heading's, up to its run-in text.
            int bold = !heading ? 0 : paragraph.hasRunIn() ? lead.length() : text.length();
            List<LineBreaker.Line> lines = new ArrayList<>();
            List<Integer> boldChars = new ArrayList<>();
            Matcher breaks = HARD_BREAK.matcher(text);
            int hardStart = 0;
            while (hardStart <= text.length()) {
                int hardEnd = breaks.find() ? breaks.start() : text.length();
                String hardLine = text.substring(hardStart, hardEnd);
                int cursor = 0;
                for (LineBreaker.Line line : breaker(BODY_POINTS).lines(hardLine,
                        TEXT_WIDTH - (lines.isEmpty() ? indent : otherIndent), TEXT_WIDTH - otherIndent)) {
                    // The breaker only drops spaces between lines, so each line stands in the text as it is.
                    int at = Math.max(cursor, hardLine.indexOf(line.text(), cursor));
                    int start = hardStart + at;
                    boldChars.add(Math.clamp(bold - start, 0, line.text().length()));
                    cursor = at + line.text().length();
                    lines.add(line);
                }
                if (hardEnd == text.length()) {
                    break;
                }
                hardStart = breaks.end();
            }
            if (heading && !paragraph.hasRunIn() && used > 0 && used + lines.size() + 1 > LINES_PER_PAGE) {
                endPage(); // a heading stays with the first line of what it heads
            }
            for (int i = 0; i < lines.size(); i++) {
                LineBreaker.Line line = lines.get(i);
                float lineIndent = i == 0 ? indent : otherIndent;
                float room = TEXT_WIDTH - lineIndent;
                boolean last = i == lines.size() - 1;
                if (style == DeliveredParagraph.Style.SIGNATURE) {
                    show(line, LEFT + TEXT_WIDTH - (float) line.width(), BODY_POINTS, 0, 0);
                } else {
                    show(line, LEFT + lineIndent, BODY_POINTS, boldChars.get(i), last ? 0 : spread(line, room));
                }
            }
        }

        /** Character spacing that justifies a line, as {@code w:jc="both"} does in the DOCX. */
        private static float spread(LineBreaker.Line line, float room) {
            int gaps = line.glyphs() - 1;
            if (gaps <= 0) {
                return 0;
            }
            float spread = (room - (float) line.width()) / gaps;
            return spread > 0 && spread <= MAX_SPREAD * BODY_POINTS ? spread : 0;
        }

        private void show(LineBreaker.Line line, float x, float size, boolean bold, float spacing) throws IOException {
            show(line, x, size, bold ? line.text().length() : 0, spacing);
        }

        /** Shows a line whose first {@code boldChars} characters are bold (a heading's) and the rest regular. */
        private void show(LineBreaker.Line line, float x, float size, int boldChars, float spacing) throws IOException {
            if (out == null) {
                startPage();
            }
            if (!line.text().isEmpty()) {
                // The em box is centred in the line box; the baseline sits a fifth of an em above its foot.
                float y = A4.getHeight() - TOP - (used + 1) * LINE_POINTS + (LINE_POINTS - size) / 2 + 0.2f * size;
                String boldPart = line.text().substring(0, boldChars);
                String rest = line.text().substring(boldChars);
                if (!boldPart.isEmpty()) {
                    text(boldPart, x, y, size, true, spacing);
                }
                if (!rest.isEmpty()) {
                    // Character spacing follows every glyph, the last bold one included.
                    float after = x + (float) parsed.width(boldPart, size)
                            + spacing * boldPart.codePointCount(0, boldPart.length());
                    text(rest, after, y, size, false, spacing);
                }
            }
            nextLine();
        }

        private void text(String text, float x, float y, float size, boolean bold, float spacing) throws IOException {
            if (bold) {
                out.setLineWidth(size * BOLD_STROKE);
            }
            out.beginText();
            out.setFont(font, size);
            out.setCharacterSpacing(spacing);
            out.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            out.newLineAtOffset(x, y);
            out.showText(text);
            out.endText();
        }

        private void nextLine() throws IOException {
            used++;
            if (used >= LINES_PER_PAGE) {
                endPage();
            }
        }

        private void startPage() throws IOException {
            PDPage page = new PDPage(A4);
            pdf.addPage(page);
            out = new PDPageContentStream(pdf, page);
            pageNumber++;
            used = 0;
        }

        private void endPage() throws IOException {
            if (out == null) {
                return;
            }
            footer();
            out.close();
            out = null;
        }

        /** The page number on the footer line, and the notice above it (upwards if it wraps). */
        private void footer() throws IOException {
            out.setNonStrokingColor(GREY);
            float pitch = NOTICE_POINTS * 1.5f;
            centred("第 " + pageNumber + " 页", FOOTER);
            if (notice != null) {
                List<LineBreaker.Line> lines = breaker(NOTICE_POINTS).lines(notice, TEXT_WIDTH, TEXT_WIDTH);
                for (int i = 0; i < lines.size(); i++) {
                    LineBreaker.Line line = lines.get(i);
                    text(line.text(), LEFT + (TEXT_WIDTH - (float) line.width()) / 2,
                            FOOTER + (lines.size() - i) * pitch, NOTICE_POINTS, false, 0);
                }
            }
            out.setNonStrokingColor(BLACK);
        }

        private void centred(String text, float y) throws IOException {
            float width = (float) parsed.width(text, NOTICE_POINTS);
            text(text, LEFT + (TEXT_WIDTH - width) / 2, y, NOTICE_POINTS, false, 0);
        }

        /** A document with only a title, or none at all, still gets its page. */
        void finish() throws IOException {
            if (pageNumber == 0) {
                startPage();
            }
            endPage();
        }

        private LineBreaker breaker(float size) {
            return breakers.computeIfAbsent(size, s -> new LineBreaker(cp -> parsed.advance(cp) * s));
        }
    }

    /**
     * One parse of the font file. FontBox reads tables lazily through a shared stream, so a parsed
     * font must not be used by two threads at once.
     */
    private static final class ParsedFont {

        private final Closeable source;
        final TrueTypeFont ttf;
        private final CmapLookup cmap;
        private final float unitsPerEm;
        private final Map<Integer, Float> advances = new HashMap<>();

        private ParsedFont(Closeable source, TrueTypeFont ttf) throws IOException {
            this.source = source;
            this.ttf = ttf;
            this.cmap = ttf.getUnicodeCmapLookup();
            this.unitsPerEm = ttf.getUnitsPerEm();
        }

        static ParsedFont of(byte[] bytes) throws IOException {
            boolean collection = bytes.length >= 4 && bytes[0] == 't' && bytes[1] == 't' && bytes[2] == 'c' && bytes[3] == 'f';
            if (!collection) {
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
                return new ParsedFont(ttf, ttf);
            }
            TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(bytes));
            try {
                TrueTypeFont[] first = new TrueTypeFont[1];
                ttc.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                if (first[0] == null) {
                    throw new IOException("empty font collection");
                }
                return new ParsedFont(ttc, first[0]);
            } catch (IOException | RuntimeException e) {
                ttc.close();
                throw e;
            }
        }

        boolean has(int codePoint) {
            return cmap != null && cmap.getGlyphId(codePoint) > 0;
        }

        /** The advance of a code point, in ems. */
        float advance(int codePoint) {
            return advances.computeIfAbsent(codePoint, cp -> {
                try {
                    return ttf.getAdvanceWidth(cmap.getGlyphId(cp)) / unitsPerEm;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        double width(String text, float size) {
            return text.codePoints().mapToDouble(cp -> advance(cp) * size).sum();
        }

        /** The text with what the font cannot draw replaced (visible) or dropped (controls, invisible marks). */
        String drawable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == '\n' || cp == '\r') {
                    out.append((char) cp);
                } else if (cp == '\t') {
                    out.append(' ');
                } else if (has(cp)) {
                    out.appendCodePoint(cp);
                } else if (Character.getType(cp) != Character.CONTROL && Character.getType(cp) != Character.FORMAT
                        && !Character.isWhitespace(cp) && has(MISSING)) {
                    out.appendCodePoint(MISSING);
                }
            });
            return out.toString();
        }

        void closeQuietly() {
            try {
                source.close();
            } catch (IOException e) {
                // Only an in-memory buffer is released; there is nothing to recover.
            }
        }
    }
}
