package org.scriptorium.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.scriptorium.delivery.PdfFonts.Face;
import org.scriptorium.delivery.PdfFonts.FontSet;
import org.scriptorium.delivery.PdfFonts.Parsed;

/**
 * Writes a {@link DeliveredDocument} as a PDF in the form of a Chinese official document after GB/T 9704-2012, whatever
 * the document's {@link DeliveredDocument.Layout}: A4 with a 156 × 225 mm 版心 (margins 37 mm top, 28 mm left), 22
 * lines of 28 三号 (16 pt) characters; the title in 二号 (22 pt) centred; the body justified with a two-character
 * first-line indent; 一级 headings in 黑体, 二级 in 楷体, 三级 in the body face drawn bold, 四级 in the body face, each
 * followed on its line by its run-in text in the body face; the 成文日期 four characters from the right (右空四字) with
 * the issuer centred above it; page numbers {@code — n —} in 四号 7 mm below the 版心, right on odd pages and left on
 * even ones, one character in from the edge. A {@link DeliveredDocument.Letterhead} adds the 版头 (red 发文机关标志 35 mm
 * below the top of the 版心, 发文字号 two lines below it, a red rule 4 mm below that, the title two lines below the rule)
 * and ends the document with the 版记 (印发机关 and 印发日期 between two rules on the last line of the last page). The
 * notice goes in small grey type centred in the top margin of every page.
 *
 * <p>The faces are the bundled ones of {@link PdfFonts} (UMing for 小标宋 and for 仿宋, UKai, WenQuanYi Micro Hei),
 * embedded as subsets, so text can be copied and extracted everywhere. Characters a face cannot draw become {@code □}.
 * Invisible format characters (the zero-width marks of a personalised copy among them) are left out of the PDF: drawn,
 * they would take the place of a glyph in a justified line and shift the characters after them; the copy stays
 * traceable through its word variants and the file trace in the metadata.
 *
 * <p>Thread-safe. A parsed font set serves one document at a time, so the writer keeps up to one per processor and
 * reuses them.
 */
public final class PdfWriter {

    static final String CREATOR = DocxWriter.CREATOR;

    static final float POINTS_PER_MM = 72 / 25.4f;
    static final PDRectangle A4 = PDRectangle.A4;
    /** The 版心: 156 × 225 mm, 37 mm from the top and 28 mm from the left edge (GB/T 9704 5.2.1). */
    static final float TOP = 37 * POINTS_PER_MM;
    static final float LEFT = 28 * POINTS_PER_MM;
    static final float TEXT_WIDTH = 156 * POINTS_PER_MM;
    static final float TEXT_HEIGHT = 225 * POINTS_PER_MM;
    static final float BOTTOM = A4.getHeight() - TOP - TEXT_HEIGHT;
    static final float RIGHT_EDGE = LEFT + TEXT_WIDTH;
    static final int LINES_PER_PAGE = 22;
    static final int CHARACTERS_PER_LINE = 28;
    /** 22 lines fill the 225 mm 版心 height. */
    static final float LINE = TEXT_HEIGHT / LINES_PER_PAGE;
    /** 28 characters fill the 156 mm 版心 width: 三号 characters set slightly closer than their 16 pt em. */
    static final float PITCH = TEXT_WIDTH / CHARACTERS_PER_LINE;

    static final float BODY_POINTS = 16;
    static final float TITLE_POINTS = 22;
    static final float PAGE_NUMBER_POINTS = 14;
    static final float NOTICE_POINTS = 9;
    /** 发文机关标志: 小初; squeezed sideways when a long issuer's name would be wider than the 版心. */
    static final float MARK_POINTS = 36;
    /** The page number's top edge lies 7 mm below the 版心. */
    static final float PAGE_NUMBER_TOP = BOTTOM - 7 * POINTS_PER_MM;
    /** Where the em box's top lies above the baseline, in ems (its foot lies the rest, 0.2 em, below). */
    private static final float ASCENT = 0.8f;
    /** A stroke of about 1/30 em thickens the strokes like a bold cut (三级 headings only). */
    private static final float BOLD_STROKE = 1 / 30f;
    /** Justifying a line never spreads its characters by more than this share of an em, nor squeezes by a tenth. */
    private static final float MAX_SPREAD = 0.25f;
    private static final float MAX_SQUEEZE = 0.1f;
    /** Rounding slack when fitting characters to a line: 28 pitches must fit 156 mm whatever float rounding does. */
    private static final float FIT = 0.01f;
    private static final int MISSING = '□';
    private static final Pattern HARD_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
    /** A 成文日期: {@code 2019年1月24日} or {@code 二〇一九年一月二十四日}. */
    private static final Pattern DATE = Pattern.compile("[0-9０-９〇零一二三四五六七八九○Ｏ]{4}年[0-9０-９一二三四五六七八九十]{1,3}月"
            + "[0-9０-９一二三四五六七八九十]{1,3}日");

    private final BlockingQueue<FontSet> idle = new LinkedBlockingQueue<>();
    private final int maxIdle = Runtime.getRuntime().availableProcessors();

    /**
     * A writer with the bundled fonts.
     *
     * @throws IllegalStateException if the bundled fonts are not on the class path or cannot be parsed
     */
    public PdfWriter() {
        FontSet fonts = parse();
        for (Face face : Face.values()) {
            if (!fonts.get(face).has('中')) {
                fonts.closeQuietly();
                throw new IllegalStateException("the bundled font " + face.file + " has no Chinese characters");
            }
        }
        idle.add(fonts);
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
        FontSet fonts = borrowFonts();
        boolean written = false;
        try (PDDocument pdf = new PDDocument()) {
            String title = doc.title().strip();
            Pages pages = new Pages(pdf, fonts, doc.hasNotice() ? doc.notice().strip() : null);
            if (doc.hasLetterhead()) {
                pages.letterhead(doc.letterhead());
            }
            pages.title(title);
            List<DeliveredParagraph> paragraphs = doc.paragraphs();
            for (int i = 0; i < paragraphs.size(); ) {
                int end = i;
                while (end < paragraphs.size() && paragraphs.get(end).style() == DeliveredParagraph.Style.SIGNATURE) {
                    end++;
                }
                if (end > i) {
                    pages.signature(paragraphs.subList(i, end));
                    i = end;
                } else {
                    pages.paragraph(paragraphs.get(i++));
                }
            }
            if (doc.hasLetterhead()) {
                pages.imprint(doc.letterhead());
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
            returnFonts(fonts, written);
        }
    }

    private FontSet borrowFonts() {
        FontSet fonts = idle.poll();
        return fonts != null ? fonts : parse();
    }

    private static FontSet parse() {
        try {
            return new FontSet();
        } catch (IOException e) {
            throw new IllegalStateException("could not parse the bundled fonts", e);
        }
    }

    /** A font set whose document failed may have been left mid-read: it is dropped, not reused. */
    private void returnFonts(FontSet fonts, boolean healthy) {
        if (!healthy || idle.size() >= maxIdle || !idle.offer(fonts)) {
            fonts.closeQuietly();
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

    /** A run of one face on a line: a heading's words, or the body text after them. */
    private record Segment(Face face, boolean bold, String text) {

        int glyphs() {
            return text.codePointCount(0, text.length());
        }
    }

    /** The pages being written: where the next line goes, and the notice and page number of each page. */
    private static final class Pages {

        private final PDDocument pdf;
        private final FontSet fonts;
        private final List<LineBreaker.Line> noticeLines;
        private final Map<Face, PDType0Font> embedded = new EnumMap<>(Face.class);
        private final Map<String, LineBreaker> breakers = new HashMap<>();
        private PDPageContentStream out;
        private int pageNumber;
        /** Lines of the 版心 already used on the current page. */
        private int used;

        Pages(PDDocument pdf, FontSet fonts, String notice) {
            this.pdf = pdf;
            this.fonts = fonts;
            this.noticeLines = notice == null ? List.of()
                    : breaker(Face.SANS, NOTICE_POINTS, 0).lines(drawable(notice, Face.SANS), TEXT_WIDTH, TEXT_WIDTH);
        }

        /**
         * The 版头: the red 发文机关标志 35 mm below the top of the 版心, the 发文字号 centred two lines below it, and the
         * red rule across the 版心 4 mm below the 发文字号; the title follows two lines below the rule.
         */
        void letterhead(DeliveredDocument.Letterhead letterhead) throws IOException {
            ensurePage();
            String mark = drawable(letterhead.issuer().strip() + "文件", Face.SERIF);
            float width = (float) parsed(Face.SERIF).width(mark, MARK_POINTS);
            float scale = Math.min(1, TEXT_WIDTH / width);
            float markBaseline = A4.getHeight() - TOP - 35 * POINTS_PER_MM - ASCENT * MARK_POINTS;
            out.setNonStrokingColor(1f, 0f, 0f);
            out.beginText();
            out.setFont(font(Face.SERIF), MARK_POINTS);
            out.setHorizontalScaling(scale * 100);
            out.newLineAtOffset(LEFT + (TEXT_WIDTH - width * scale) / 2, markBaseline);
            out.showText(mark);
            out.setHorizontalScaling(100);
            out.endText();
            out.setNonStrokingColor(0f);
            used = firstLineBelow(markBaseline - (1 - ASCENT) * MARK_POINTS) + 2;
            String number = drawable(letterhead.documentNumber().strip(), Face.SERIF);
            List<Segment> line = List.of(new Segment(Face.SERIF, false, number));
            show(line, LEFT + (TEXT_WIDTH - inkWidth(line, BODY_POINTS, tracking())) / 2, BODY_POINTS, tracking());
            float rule = baseline(used, BODY_POINTS) - (1 - ASCENT) * BODY_POINTS - 4 * POINTS_PER_MM;
            out.setStrokingColor(1f, 0f, 0f);
            out.setLineWidth(0.5f * POINTS_PER_MM);
            out.moveTo(LEFT, rule);
            out.lineTo(RIGHT_EDGE, rule);
            out.stroke();
            out.setStrokingColor(0f);
            used = firstLineBelow(rule) + 2;
        }

        /** The first line of the 版心 whose top is at or below {@code y}. */
        private static int firstLineBelow(float y) {
            return (int) Math.ceil((A4.getHeight() - TOP - y) / LINE - 1e-4);
        }

        void title(String title) throws IOException {
            String text = drawable(title, Face.SERIF);
            for (LineBreaker.Line line : breaker(Face.SERIF, TITLE_POINTS, 0).lines(text, TEXT_WIDTH, TEXT_WIDTH)) {
                List<Segment> segments = List.of(new Segment(Face.SERIF, false, line.text()));
                show(segments, LEFT + (TEXT_WIDTH - inkWidth(segments, TITLE_POINTS, 0)) / 2, TITLE_POINTS, 0);
                nextLine();
            }
            nextLine(); // one empty line between the title and the text
        }

        void paragraph(DeliveredParagraph paragraph) throws IOException {
            DeliveredParagraph.Style style = paragraph.style();
            boolean heading = style.heading();
            Face headFace = switch (style) {
                case HEADING_1 -> Face.SANS;
                case HEADING_2 -> Face.KAI;
                default -> Face.SERIF;
            };
            boolean headBold = style == DeliveredParagraph.Style.HEADING_3;
            float indent = style == DeliveredParagraph.Style.SALUTATION ? 0 : 2 * PITCH;
            float otherIndent = style == DeliveredParagraph.Style.ATTACHMENT ? indent : 0; // 附件说明: 左空二字 throughout
            // The writer owns the layout: indentation the text already carries would be doubled.
            String lead = drawable(paragraph.text().stripLeading(), heading ? headFace : Face.SERIF);
            String text = paragraph.hasRunIn() ? lead + drawable(paragraph.runIn().stripLeading(), Face.SERIF) : lead;
            // How many characters from the start are set in the heading's face, up to its run-in text.
            int head = heading ? lead.length() : 0;
            // A heading alone is measured in its own face; one with run-in text mostly in the body face.
            LineBreaker breaker = breaker(heading && !paragraph.hasRunIn() ? headFace : Face.SERIF, BODY_POINTS, tracking());
            List<List<Segment>> lines = new ArrayList<>();
            List<Boolean> lastOfHardLine = new ArrayList<>();
            Matcher breaks = HARD_BREAK.matcher(text);
            int hardStart = 0;
            while (hardStart <= text.length()) {
                int hardEnd = breaks.find() ? breaks.start() : text.length();
                String hardLine = text.substring(hardStart, hardEnd);
                int cursor = 0;
                List<LineBreaker.Line> broken = breaker.lines(hardLine,
                        TEXT_WIDTH + FIT - (lines.isEmpty() ? indent : otherIndent), TEXT_WIDTH + FIT - otherIndent);
                for (int i = 0; i < broken.size(); i++) {
                    String lineText = broken.get(i).text();
                    // The breaker only drops spaces between lines, so each line stands in the text as it is.
                    int at = Math.max(cursor, hardLine.indexOf(lineText, cursor));
                    int split = Math.clamp(head - (hardStart + at), 0, lineText.length());
                    List<Segment> segments = new ArrayList<>(2);
                    if (split > 0) {
                        segments.add(new Segment(headFace, headBold, lineText.substring(0, split)));
                    }
                    if (split < lineText.length()) {
                        segments.add(new Segment(Face.SERIF, false, lineText.substring(split)));
                    }
                    cursor = at + lineText.length();
                    lines.add(segments);
                    lastOfHardLine.add(i == broken.size() - 1);
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
                float lineIndent = i == 0 ? indent : otherIndent;
                float spacing = lastOfHardLine.get(i) ? tracking() : justified(lines.get(i), TEXT_WIDTH - lineIndent);
                show(lines.get(i), LEFT + lineIndent, BODY_POINTS, spacing);
                nextLine();
            }
        }

        /**
         * The 落款 (GB/T 9704 7.3.5.1), one line below the text and kept on one page: the 成文日期 four characters
         * from the right edge of the 版心 (右空四字), the lines above it (the issuer) centred over it, a line below it
         * (附注, such as {@code （此件公开发布）}) two characters from the left. Without a date the lines end two
         * characters from the right.
         */
        void signature(List<DeliveredParagraph> group) throws IOException {
            List<String> texts = group.stream().map(p -> drawable(p.text().strip(), Face.SERIF)).toList();
            int date = -1;
            for (int i = 0; i < texts.size(); i++) {
                if (DATE.matcher(texts.get(i)).find()) {
                    date = i;
                }
            }
            LineBreaker breaker = breaker(Face.SERIF, BODY_POINTS, tracking());
            List<List<LineBreaker.Line>> lines = texts.stream()
                    .map(t -> breaker.lines(HARD_BREAK.matcher(t).replaceAll(" "), TEXT_WIDTH, TEXT_WIDTH)).toList();
            int count = lines.stream().mapToInt(List::size).sum();
            if (out != null && used > 0) {
                if (used + 1 + count > LINES_PER_PAGE) {
                    endPage();
                } else {
                    nextLine();
                }
            }
            float dateRight = RIGHT_EDGE - 4 * PITCH;
            float dateCentre = date < 0 ? 0 : dateRight - inkWidth(List.of(new Segment(Face.SERIF, false,
                    lines.get(date).getFirst().text())), BODY_POINTS, tracking()) / 2;
            for (int i = 0; i < lines.size(); i++) {
                for (LineBreaker.Line line : lines.get(i)) {
                    List<Segment> segments = List.of(new Segment(Face.SERIF, false, line.text()));
                    float width = inkWidth(segments, BODY_POINTS, tracking());
                    float x;
                    if (date < 0) {
                        x = RIGHT_EDGE - 2 * PITCH - width;
                    } else if (i < date) {
                        x = Math.min(dateCentre - width / 2, RIGHT_EDGE - width);
                    } else if (i == date) {
                        x = dateRight - width;
                    } else {
                        x = LEFT + 2 * PITCH;
                    }
                    show(segments, Math.max(LEFT, x), BODY_POINTS, tracking());
                    nextLine();
                }
            }
        }

        /**
         * The 版记 on the last line of the last page, between two rules across the 版心: the 印发机关 one character from
         * the left, the 印发日期 followed by {@code 印发} one character from the right, in 四号.
         */
        void imprint(DeliveredDocument.Letterhead letterhead) throws IOException {
            if (out != null && used > LINES_PER_PAGE - 1) {
                endPage();
            }
            ensurePage();
            used = LINES_PER_PAGE - 1;
            float top = A4.getHeight() - TOP - used * LINE;
            out.setLineWidth(0.35f * POINTS_PER_MM);
            for (float y : new float[] {top, BOTTOM}) {
                out.moveTo(LEFT, y);
                out.lineTo(RIGHT_EDGE, y);
            }
            out.stroke();
            float one = PAGE_NUMBER_POINTS;
            List<Segment> printer = List.of(new Segment(Face.SERIF, false, drawable(letterhead.printer().strip(),
                    Face.SERIF)));
            show(printer, LEFT + one, PAGE_NUMBER_POINTS, 0);
            LocalDate issued = letterhead.issuedOn();
            if (issued != null) {
                List<Segment> date = List.of(new Segment(Face.SERIF, false, issued.getYear() + "年"
                        + issued.getMonthValue() + "月" + issued.getDayOfMonth() + "日印发"));
                show(date, RIGHT_EDGE - one - inkWidth(date, PAGE_NUMBER_POINTS, 0), PAGE_NUMBER_POINTS, 0);
            }
            nextLine();
        }

        /**
         * The character spacing that justifies a line in the room, or the plain pitch when that would look wrong. The
         * last character keeps its cell of the grid (its advance plus the plain spacing), so a line of 28 characters
         * stays on the pitch of the grid.
         */
        private float justified(List<Segment> segments, float room) {
            int glyphs = segments.stream().mapToInt(Segment::glyphs).sum();
            if (glyphs <= 1) {
                return tracking();
            }
            double advances = segments.stream().mapToDouble(s -> parsed(s.face()).width(s.text(), BODY_POINTS)).sum();
            float spacing = (float) ((room - tracking() - advances) / (glyphs - 1));
            float spread = spacing - tracking();
            return spread <= MAX_SPREAD * BODY_POINTS && spread >= -MAX_SQUEEZE * BODY_POINTS ? spacing : tracking();
        }

        /** From the left of the first glyph to the right of the last, at a character spacing. */
        private float inkWidth(List<Segment> segments, float size, float spacing) {
            int glyphs = segments.stream().mapToInt(Segment::glyphs).sum();
            double advances = segments.stream().mapToDouble(s -> parsed(s.face()).width(s.text(), size)).sum();
            return (float) (advances + Math.max(0, glyphs - 1) * spacing);
        }

        /** Shows a line's segments one after another from {@code x} on the current line. */
        private void show(List<Segment> segments, float x, float size, float spacing) throws IOException {
            ensurePage();
            float y = baseline(used, size);
            for (Segment segment : segments) {
                if (segment.text().isEmpty()) {
                    continue;
                }
                if (segment.bold()) {
                    out.setLineWidth(size * BOLD_STROKE);
                }
                out.beginText();
                out.setFont(font(segment.face()), size);
                out.setCharacterSpacing(spacing);
                out.setRenderingMode(segment.bold() ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
                out.newLineAtOffset(x, y);
                out.showText(segment.text());
                out.endText();
                // Character spacing follows every glyph, the last one of a segment included.
                x += (float) parsed(segment.face()).width(segment.text(), size) + spacing * segment.glyphs();
            }
        }

        /** The em box is centred in the line box; the baseline sits a fifth of an em above its foot. */
        private static float baseline(int line, float size) {
            return A4.getHeight() - TOP - (line + 1) * LINE + (LINE - size) / 2 + (1 - ASCENT) * size;
        }

        /** The spacing that sets 三号 characters at the 28-to-a-line pitch. */
        private static float tracking() {
            return PITCH - BODY_POINTS;
        }

        private void nextLine() throws IOException {
            used++;
            if (used >= LINES_PER_PAGE) {
                endPage();
            }
        }

        private void ensurePage() throws IOException {
            if (out == null) {
                PDPage page = new PDPage(A4);
                pdf.addPage(page);
                out = new PDPageContentStream(pdf, page);
                pageNumber++;
                used = 0;
            }
        }

        private void endPage() throws IOException {
            if (out == null) {
                return;
            }
            pageNumber();
            notice();
            out.close();
            out = null;
        }

        /** {@code — n —} in 四号 宋体 7 mm below the 版心: odd pages 右空一字, even pages 左空一字 (GB/T 9704 7.5). */
        private void pageNumber() throws IOException {
            List<Segment> number = List.of(new Segment(Face.SERIF, false, "— " + pageNumber + " —"));
            float width = inkWidth(number, PAGE_NUMBER_POINTS, 0);
            float x = pageNumber % 2 == 1 ? RIGHT_EDGE - PAGE_NUMBER_POINTS - width : LEFT + PAGE_NUMBER_POINTS;
            text(number.getFirst(), x, PAGE_NUMBER_TOP - ASCENT * PAGE_NUMBER_POINTS, PAGE_NUMBER_POINTS);
        }

        /** The notice, small and grey, centred in the top margin. */
        private void notice() throws IOException {
            if (noticeLines.isEmpty()) {
                return;
            }
            out.setNonStrokingColor(0.5f);
            float pitch = NOTICE_POINTS * 1.5f;
            float first = A4.getHeight() - (TOP - noticeLines.size() * pitch) / 2 - ASCENT * NOTICE_POINTS;
            for (int i = 0; i < noticeLines.size(); i++) {
                LineBreaker.Line line = noticeLines.get(i);
                text(new Segment(Face.SANS, false, line.text()), LEFT + (TEXT_WIDTH - (float) line.width()) / 2,
                        first - i * pitch, NOTICE_POINTS);
            }
            out.setNonStrokingColor(0f);
        }

        private void text(Segment segment, float x, float y, float size) throws IOException {
            out.beginText();
            out.setFont(font(segment.face()), size);
            out.setCharacterSpacing(0);
            out.setRenderingMode(RenderingMode.FILL);
            out.newLineAtOffset(x, y);
            out.showText(segment.text());
            out.endText();
        }

        /** A document with only a title, or none at all, still gets its page. */
        void finish() throws IOException {
            if (pageNumber == 0) {
                ensurePage();
            }
            endPage();
        }

        private Parsed parsed(Face face) {
            return fonts.get(face);
        }

        /** A face is embedded (as a subset) only in the documents that use it. */
        private PDType0Font font(Face face) throws IOException {
            PDType0Font font = embedded.get(face);
            if (font == null) {
                font = PDType0Font.load(pdf, parsed(face).ttf, true);
                embedded.put(face, font);
            }
            return font;
        }

        private LineBreaker breaker(Face face, float size, float spacing) {
            return breakers.computeIfAbsent(face + "/" + size + "/" + spacing,
                    k -> new LineBreaker(cp -> parsed(face).advance(cp) * size + spacing));
        }

        /**
         * The text with what the face cannot draw replaced (visible) or dropped (controls and invisible format
         * characters, the zero-width marks among them); line breaks are kept, tabs become spaces.
         */
        private String drawable(String text, Face face) {
            Parsed font = parsed(face);
            StringBuilder drawn = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                int type = Character.getType(cp);
                if (cp == '\n' || cp == '\r') {
                    drawn.append((char) cp);
                } else if (cp == '\t') {
                    drawn.append(' ');
                } else if (type == Character.CONTROL || type == Character.FORMAT) {
                    return;
                } else if (font.has(cp)) {
                    drawn.appendCodePoint(cp);
                } else if (!Character.isWhitespace(cp) && font.has(MISSING)) {
                    drawn.appendCodePoint(MISSING);
                }
            });
            return drawn.toString();
        }
    }
}
