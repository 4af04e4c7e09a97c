package org.scriptorium.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBookmark;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTInd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * Writes a {@link DeliveredDocument} as a Word document laid out like a Chinese official document
 * (after GB/T 9704): A4 with official margins, a centred 22pt bold title, 16pt (三号) 仿宋 body
 * with a two-character first-line indent, 黑体 and 楷体 headings, exact 28pt line spacing, and the
 * notice in a small grey footer on every page. A heading's run-in text follows it in the same paragraph, in body type;
 * the 落款 lines are set flush right, the 附件说明 lines two characters from the left margin.
 */
public final class DocxWriter {

    static final String TITLE_FONT = "宋体";
    static final String BODY_FONT = "仿宋";
    static final String HEADING_1_FONT = "黑体";
    static final String HEADING_2_FONT = "楷体";
    static final String CREATOR = "Scriptorium";

    static final int A4_WIDTH_TWIPS = 11906;
    static final int A4_HEIGHT_TWIPS = 16838;

    private static final double TITLE_POINTS = 22;
    private static final double BODY_POINTS = 16;
    private static final double NOTICE_POINTS = 9;
    private static final double LINE_POINTS = 28;
    private static final String NOTICE_COLOUR = "808080";
    /** {@code w:firstLineChars} counts hundredths of a character. */
    private static final int TWO_CHARACTERS = 200;
    private static final BigInteger BOOKMARK_ID = BigInteger.ZERO;

    /**
     * Writes the document without a file-level trace.
     *
     * @param doc the document; never {@code null}
     * @return the bytes of a {@code .docx} file whose core properties name the title and the
     *         creator {@value #CREATOR}
     * @throws UncheckedIOException if POI fails to serialise the document (not expected in memory)
     */
    public byte[] write(DeliveredDocument doc) {
        return write(doc, null);
    }

    /**
     * Writes the document with a file-level trace: the token goes into the custom property
     * {@code ScriptoriumCopy} and into a hidden bookmark around the whole text (see {@link FileTraces}).
     *
     * @param doc   the document; never {@code null}
     * @param trace the copy's trace; {@code null} for none
     * @return the bytes of a {@code .docx} file, as {@link #write(DeliveredDocument)}
     * @throws UncheckedIOException if POI fails to serialise the document (not expected in memory)
     */
    public byte[] write(DeliveredDocument doc, FileTrace trace) {
        try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            setDefaults(docx);
            setPage(docx);
            XWPFParagraph last = title(docx, doc.title().strip(), trace);
            for (DeliveredParagraph paragraph : doc.paragraphs()) {
                last = paragraph(docx, paragraph);
            }
            if (doc.hasNotice()) {
                footer(docx, doc.notice().strip());
            }
            var properties = docx.getProperties();
            var core = properties.getCoreProperties();
            core.setTitle(doc.title().strip());
            core.setCreator(CREATOR);
            if (trace != null) {
                // The bookmark closes after the last paragraph, so it travels with a copy of the whole text.
                last.getCTP().addNewBookmarkEnd().setId(BOOKMARK_ID);
                properties.getCustomProperties().addProperty(FileTraces.PROPERTY, trace.token());
            }
            docx.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write DOCX", e);
        }
    }

    /** Text typed into the document by the reader should look like the body, in Chinese. */
    private static void setDefaults(XWPFDocument docx) {
        var styles = docx.createStyles();
        CTFonts fonts = CTFonts.Factory.newInstance();
        fonts.setAscii(BODY_FONT);
        fonts.setHAnsi(BODY_FONT);
        fonts.setEastAsia(BODY_FONT);
        fonts.setCs(BODY_FONT);
        styles.setDefaultFonts(fonts);
        styles.setEastAsia("zh-CN");
    }

    private static void setPage(XWPFDocument docx) {
        var body = docx.getDocument().getBody();
        CTSectPr section = body.isSetSectPr() ? body.getSectPr() : body.addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(A4_WIDTH_TWIPS));
        size.setH(BigInteger.valueOf(A4_HEIGHT_TWIPS));
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(twipsOfMillimetres(37));
        margins.setBottom(twipsOfMillimetres(35));
        margins.setLeft(twipsOfMillimetres(28));
        margins.setRight(twipsOfMillimetres(26));
        margins.setHeader(twipsOfMillimetres(15));
        margins.setFooter(twipsOfMillimetres(15));
        margins.setGutter(BigInteger.ZERO);
    }

    private static XWPFParagraph title(XWPFDocument docx, String text, FileTrace trace) {
        XWPFParagraph p = docx.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        lineSpacing(p);
        // One empty line between the title and the text, as the standard asks.
        p.setSpacingAfter((int) (LINE_POINTS * 20));
        if (trace != null) {
            CTBookmark bookmark = p.getCTP().addNewBookmarkStart();
            bookmark.setId(BOOKMARK_ID);
            bookmark.setName(FileTraces.BOOKMARK_PREFIX + trace.token());
        }
        text(p, text, TITLE_FONT, TITLE_POINTS, true);
        return p;
    }

    private static XWPFParagraph paragraph(XWPFDocument docx, DeliveredParagraph paragraph) {
        XWPFParagraph p = docx.createParagraph();
        lineSpacing(p);
        switch (paragraph.style()) {
            case SALUTATION -> p.setAlignment(ParagraphAlignment.BOTH);
            case SIGNATURE -> p.setAlignment(ParagraphAlignment.RIGHT);
            case ATTACHMENT -> {
                p.setAlignment(ParagraphAlignment.LEFT);
                indentLeft(p);
            }
            default -> {
                p.setAlignment(ParagraphAlignment.BOTH);
                indentFirstLine(p);
            }
        }
        String text = paragraph.text().stripLeading();
        switch (paragraph.style()) {
            case HEADING_1 -> text(p, text, HEADING_1_FONT, BODY_POINTS, true);
            case HEADING_2 -> text(p, text, HEADING_2_FONT, BODY_POINTS, true);
            case HEADING_3, HEADING_4 -> text(p, text, BODY_FONT, BODY_POINTS, true);
            case SALUTATION, BODY, CLOSING, ATTACHMENT, SIGNATURE -> text(p, text, BODY_FONT, BODY_POINTS, false);
        }
        if (paragraph.hasRunIn()) {
            // A run of its own: the heading's words stay bold, the run-in text is body, and each keeps its own text.
            text(p, paragraph.runIn().stripLeading(), BODY_FONT, BODY_POINTS, false);
        }
        return p;
    }

    private static void footer(XWPFDocument docx, String notice) {
        XWPFParagraph p = docx.createFooter(HeaderFooterType.DEFAULT).createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = text(p, notice, BODY_FONT, NOTICE_POINTS, false);
        run.setColor(NOTICE_COLOUR);
    }

    private static XWPFRun text(XWPFParagraph p, String text, String font, double points, boolean bold) {
        XWPFRun run = p.createRun();
        run.setFontFamily(font);
        // Word picks the font for Chinese characters from eastAsia alone.
        run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        run.setFontSize(points);
        run.setBold(bold);
        String[] lines = withoutXmlIllegalCharacters(text).split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                run.addBreak();
            }
            run.setText(lines[i], i);
        }
        return run;
    }

    private static void lineSpacing(XWPFParagraph p) {
        p.setSpacingBetween(LINE_POINTS, LineSpacingRule.EXACT);
        p.setSpacingBefore(0);
        p.setSpacingAfter(0);
    }

    private static void indentFirstLine(XWPFParagraph p) {
        CTPPr properties = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
        CTInd indent = properties.isSetInd() ? properties.getInd() : properties.addNewInd();
        indent.setFirstLineChars(BigInteger.valueOf(TWO_CHARACTERS));
        // Fallback for readers that ignore firstLineChars: two characters at the body size.
        indent.setFirstLine(BigInteger.valueOf((long) (2 * BODY_POINTS * 20)));
    }

    /** The whole paragraph two characters from the left margin (左空二字), as GB/T 9704 sets the 附件说明. */
    private static void indentLeft(XWPFParagraph p) {
        CTPPr properties = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
        CTInd indent = properties.isSetInd() ? properties.getInd() : properties.addNewInd();
        indent.setLeftChars(BigInteger.valueOf(TWO_CHARACTERS));
        indent.setLeft(BigInteger.valueOf((long) (2 * BODY_POINTS * 20)));
    }

    /** XML 1.0 forbids most C0 controls; one stray control would make Word refuse the file. */
    private static String withoutXmlIllegalCharacters(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }

    private static BigInteger twipsOfMillimetres(double millimetres) {
        return BigInteger.valueOf(Math.round(millimetres / 25.4 * 1440));
    }
}
