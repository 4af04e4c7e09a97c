package org.scriptorium.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRelation;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBookmark;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTInd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTabStop;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STDocGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabJc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;
import org.scriptorium.delivery.DeliveredDocument.Layout;
import org.scriptorium.delivery.DeliveredDocument.Letterhead;

/**
 * Writes a {@link DeliveredDocument} as a Word document in one of two layouts.
 *
 * <p>{@link Layout#OFFICIAL 公文格式} after GB/T 9704-2012: A4, margins 37/35/28/26 mm (版心 156 × 225 mm), a
 * document grid of 22 lines of 28 characters, a 二号 小标宋 title, 三号 仿宋 body, 黑体/楷体/仿宋 headings as Word's
 * built-in heading styles (so the navigation pane shows the outline), page numbers {@code — 1 —} in 四号 宋体 right on
 * odd pages and left on even ones, the 落款 after 7.3.5.1, and when the document has a {@link Letterhead} the red
 * 版头 and the 版记. {@link Layout#READING 阅读格式}: the same text and styles with ordinary margins, no grid, wider
 * line spacing and centred page numbers. Type is set by styles in {@code styles.xml}, not by each run.
 *
 * <p>The notice goes into the page header in small grey type. The invisible payloads of the fragile layer (zero-width
 * characters) never sit among visible characters: each paragraph's go into a hidden paragraph just before it (see
 * {@link #carry}), so no renderer lays them out; they stay in the file's text, where the tracer's DOCX reader finds
 * them.
 */
public final class DocxWriter {

    /** 方正小标宋简体 is what offices have; {@link #fontTable} names 宋体 as its substitute where it is missing. */
    static final String TITLE_FONT = "方正小标宋简体";
    /**
     * 仿宋, not 仿宋_GB2312: the same 中易仿宋 design, but 仿宋 (SimFang) ships with every Windows since Vista and with
     * WPS, while 仿宋_GB2312 must be installed from an old font pack; a machine that has only the latter gets it as
     * the substitute named in the font table.
     */
    static final String BODY_FONT = "仿宋";
    static final String HEADING_1_FONT = "黑体";
    /** 楷体 rather than 楷体_GB2312, for the same reason as {@link #BODY_FONT}. */
    static final String HEADING_2_FONT = "楷体";
    static final String PAGE_NUMBER_FONT = "宋体";
    static final String CREATOR = "Scriptorium";

    static final String TITLE_STYLE = "Title";
    static final String SALUTATION_STYLE = "Salutation";
    static final String SIGNATURE_STYLE = "Signature";
    static final String DATE_STYLE = "Date";
    static final String RUN_IN_STYLE = "RunInText";
    static final String HEADER_STYLE = "Header";
    static final String FOOTER_STYLE = "Footer";

    static final int A4_WIDTH_TWIPS = 11906;
    static final int A4_HEIGHT_TWIPS = 16838;

    /** The invisible digits of {@code tracing.FragileMark} (and a BOM some editors add): never in a visible run. */
    static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]+");
    private static final Pattern DATE = Pattern.compile(
            "[0-9〇○零一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日");

    private static final String RED = "FF0000";
    /** {@code w:*Chars} attributes count hundredths of a character. */
    private static final int ONE_CHARACTER = 100;
    /** 四号: the page numbers and the 版记. */
    private static final int SIZE_4_TWIPS = 280;
    private static final BigInteger BOOKMARK_ID = BigInteger.ZERO;

    /**
     * The numbers of a layout.
     *
     * @param margins        top, bottom, left, right in millimetres
     * @param linePitch      the height of one line in twips; in the official layout also the grid's line pitch
     * @param exactLines     whether lines are exactly {@code linePitch} high (official) or {@code linePitch}/240 single
     *                       lines (reading)
     * @param bodyHalfPoints the body and heading size
     * @param titleHalfPoints the title size
     * @param footerTwips    the distance from the page's bottom edge to the footer's bottom
     */
    private record Setting(double[] margins, int linePitch, boolean exactLines, int bodyHalfPoints,
                           int titleHalfPoints, int footerTwips) {

        /** One character of body type in twips: the unit of 空一字, 空二字. */
        int character() {
            return bodyHalfPoints * 10;
        }

        int textWidth() {
            return A4_WIDTH_TWIPS - twips(margins[2]) - twips(margins[3]);
        }
    }

    /**
     * 版心 225 mm high = 12,756 twips (16,838 − 37 mm − 35 mm); 22 lines fit when a line is at most 12,756 / 22 = 579.8
     * twips: 579 (28.95 pt) gives 22 (580 would give 21). The lines are set exactly at that pitch as well, so Word,
     * WPS and LibreOffice all break pages after 22 lines whether or not they honour the grid. Page numbers: their line
     * is one 四号 em (14 pt = 280 twips) high and its top is to be 7 mm below the 版心, i.e. 35 − 7 = 28 mm above the
     * page's bottom edge: the footer's bottom is 28 mm − 280 twips = 1,587 − 280 = 1,307 twips above it.
     */
    private static final Setting OFFICIAL = new Setting(new double[] {37, 35, 28, 26}, 579, true, 32, 44,
            twips(28) - SIZE_4_TWIPS);
    /** Word's "normal" margins, 1.5 lines of 四号. */
    private static final Setting READING = new Setting(new double[] {25.4, 25.4, 31.8, 31.8}, 360, false, 28, 36,
            twips(15));

    /**
     * 版心 156 mm wide = 8,845 twips = 442.25 pt, 28 characters a line: a pitch of 15.7946 pt, 0.2054 pt less than
     * the 16 pt (三号) default size. Word counts {@code w:charSpace} in 4096ths of a point added to that size:
     * −0.2054 × 4096 = −841.3; −842 keeps the pitch just under 442.25 / 28 so that 28 (not 27) fit. Word's page setup
     * then reads 22 lines × 28 characters.
     */
    static final int CHAR_SPACE = -842;
    /**
     * The text does not snap to that grid ({@code w:snapToGrid} off in {@code Normal}): LibreOffice rounds a 16 pt
     * character up to two cells of a 15.79 pt grid and sets 14 characters a line. Instead the body is condensed by
     * 0.25 pt (5 twentieths, {@code w:spacing} in the run properties): 28 × 15.75 = 441 pt ≤ 442.25 pt, 29 do not fit,
     * so Word, WPS and LibreOffice alike set 28 characters a line.
     */
    static final int CONDENSED = -5;

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
        Setting setting = doc.layout() == Layout.OFFICIAL ? OFFICIAL : READING;
        try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            styles(docx, setting);
            fontTable(docx);
            page(docx, setting, doc.layout() == Layout.OFFICIAL);
            if (doc.hasLetterhead()) {
                letterheadTop(docx, doc.letterhead(), setting);
            }
            XWPFParagraph title = title(docx, doc.title().strip(), trace);
            if (doc.hasLetterhead()) {
                // 标题 two lines below the red rule (GB/T 9704 7.3.1)
                title.setSpacingBefore(2 * setting.linePitch());
            }
            XWPFParagraph last = title;
            List<DeliveredParagraph> paragraphs = doc.paragraphs();
            for (int i = 0; i < paragraphs.size(); i++) {
                last = paragraph(docx, paragraphs, i, setting);
            }
            if (doc.hasLetterhead()) {
                imprint(docx, doc.letterhead(), setting);
            }
            headerAndFooters(docx, doc, setting);
            var properties = docx.getProperties();
            var core = properties.getCoreProperties();
            core.setTitle(visible(doc.title()).strip());
            core.setCreator(CREATOR);
            if (trace != null) {
                // The bookmark closes after the last paragraph, so it travels with a copy of the whole text.
                last.getCTP().addNewBookmarkEnd().setId(BOOKMARK_ID);
                properties.getCustomProperties().addProperty(FileTraces.PROPERTY, trace.token());
            }
            docx.write(out);
            return out.toByteArray();
        } catch (IOException | XmlException | InvalidFormatException e) {
            throw new UncheckedIOException("could not write DOCX", e instanceof IOException io ? io : new IOException(e));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Styles, fonts, page

    /**
     * The styles every paragraph refers to. Built-in names ({@code heading 1}, {@code Title}, {@code Date}…) so Word
     * and WPS treat them as their own: the headings' {@code w:outlineLvl} fills the navigation pane.
     */
    private static void styles(XWPFDocument docx, Setting s) throws XmlException {
        String lines = s.exactLines()
                ? "w:line=\"" + s.linePitch() + "\" w:lineRule=\"exact\""
                : "w:line=\"" + s.linePitch() + "\" w:lineRule=\"auto\"";
        int size = s.bodyHalfPoints();
        int indent = 2 * s.character();
        String xml = """
                <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                <w:docDefaults><w:rPrDefault><w:rPr>%1$s<w:kern w:val="2"/><w:sz w:val="%2$d"/><w:szCs w:val="%2$d"/>
                <w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
                <w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
                <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
                <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" %3$s/>
                <w:ind w:firstLineChars="200" w:firstLine="%4$d"/>
                <w:jc w:val="both"/></w:pPr><w:rPr>%1$s%11$s<w:sz w:val="%2$d"/><w:szCs w:val="%2$d"/></w:rPr></w:style>
                <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
                <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
                <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
                <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:after="%5$d"/>
                <w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
                <w:rPr>%6$s<w:b w:val="0"/><w:bCs w:val="0"/><w:spacing w:val="0"/><w:sz w:val="%7$d"/>
                <w:szCs w:val="%7$d"/></w:rPr></w:style>
                %8$s
                <w:style w:type="paragraph" w:styleId="Salutation"><w:name w:val="Salutation"/>
                <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/>
                </w:pPr></w:style>
                <w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/>
                <w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>
                </w:pPr></w:style>
                <w:style w:type="paragraph" w:styleId="Date"><w:name w:val="Date"/><w:basedOn w:val="Normal"/>
                <w:next w:val="Normal"/><w:pPr><w:ind w:rightChars="400" w:right="%9$d" w:firstLineChars="0"
                w:firstLine="0"/><w:jc w:val="right"/></w:pPr></w:style>
                <w:style w:type="character" w:styleId="RunInText"><w:name w:val="Run-in Text"/>
                <w:rPr>%1$s<w:b w:val="0"/><w:bCs w:val="0"/></w:rPr></w:style>
                <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>
                <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/>
                <w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>
                <w:rPr><w:spacing w:val="0"/><w:color w:val="808080"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
                </w:style>
                <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>
                <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="280" w:lineRule="exact"/>
                <w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>
                <w:rPr>%10$s<w:spacing w:val="0"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
                </w:styles>
                """.formatted(fonts(BODY_FONT), size, lines, indent, s.linePitch(), fonts(TITLE_FONT),
                s.titleHalfPoints(), headingStyles(size), 4 * s.character(), fonts(PAGE_NUMBER_FONT),
                s.exactLines() ? "<w:spacing w:val=\"" + CONDENSED + "\"/>" : "");
        docx.createStyles().setStyles(StylesDocument.Factory.parse(xml).getStyles());
    }

    /** 一级 黑体, 二级 楷体, 三级 仿宋 bold, 四级 仿宋; all body size, no space before or after. */
    private static String headingStyles(int size) {
        String[] fonts = {HEADING_1_FONT, HEADING_2_FONT, BODY_FONT, BODY_FONT};
        StringBuilder xml = new StringBuilder();
        for (int level = 1; level <= 4; level++) {
            String bold = level == 3 ? "<w:b/><w:bCs/>" : "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>";
            xml.append("""
                    <w:style w:type="paragraph" w:styleId="Heading%1$d"><w:name w:val="heading %1$d"/>
                    <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>
                    <w:pPr><w:spacing w:before="0" w:after="0"/><w:outlineLvl w:val="%2$d"/></w:pPr>
                    <w:rPr>%3$s%4$s<w:sz w:val="%5$d"/><w:szCs w:val="%5$d"/></w:rPr></w:style>
                    """.formatted(level, level - 1, fonts(fonts[level - 1]), bold, size));
        }
        return xml.toString();
    }

    private static String fonts(String font) {
        return "<w:rFonts w:ascii=\"%1$s\" w:eastAsia=\"%1$s\" w:hAnsi=\"%1$s\" w:cs=\"%1$s\"/>".formatted(font);
    }

    /**
     * The font table: how to substitute a font that is missing. Word and WPS take {@code w:altName}; LibreOffice and
     * others match the family, charset (86 = GB2312) and PANOSE class, so a missing 方正小标宋简体 becomes a 宋体 (or
     * whatever serif CJK face the machine has, such as the free Noto Serif CJK / 思源宋体) and never a sans face.
     */
    private static void fontTable(XWPFDocument docx) throws InvalidFormatException, IOException {
        String xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                %s%s%s%s%s%s</w:fonts>
                """.formatted(
                font(TITLE_FONT, "宋体", "02000000000000000000", "roman"),
                font(BODY_FONT, "仿宋_GB2312", "02010609060101010101", "modern"),
                font("仿宋_GB2312", "仿宋", "02010609030101010101", "modern"),
                font(HEADING_1_FONT, "SimHei", "02010609060101010101", "modern"),
                font(HEADING_2_FONT, "楷体_GB2312", "02010609060101010101", "modern"),
                font(PAGE_NUMBER_FONT, "SimSun", "02010600030101010101", "auto"));
        PackagePartName name = PackagingURIHelper.createPartName("/word/fontTable.xml");
        PackagePart part = docx.getPackage().createPart(name, XWPFRelation.FONT_TABLE.getContentType());
        try (OutputStream os = part.getOutputStream()) {
            os.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        docx.getPackagePart().addRelationship(name, TargetMode.INTERNAL, XWPFRelation.FONT_TABLE.getRelation());
    }

    private static String font(String name, String altName, String panose, String family) {
        return "<w:font w:name=\"" + name + "\"><w:altName w:val=\"" + altName + "\"/>"
                + "<w:panose1 w:val=\"" + panose + "\"/><w:charset w:val=\"86\"/><w:family w:val=\"" + family
                + "\"/><w:pitch w:val=\"variable\"/></w:font>";
    }

    private static void page(XWPFDocument docx, Setting s, boolean grid) {
        var body = docx.getDocument().getBody();
        CTSectPr section = body.isSetSectPr() ? body.getSectPr() : body.addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(A4_WIDTH_TWIPS));
        size.setH(BigInteger.valueOf(A4_HEIGHT_TWIPS));
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(twips(s.margins()[0])));
        margins.setBottom(BigInteger.valueOf(twips(s.margins()[1])));
        margins.setLeft(BigInteger.valueOf(twips(s.margins()[2])));
        margins.setRight(BigInteger.valueOf(twips(s.margins()[3])));
        margins.setHeader(BigInteger.valueOf(twips(15)));
        margins.setFooter(BigInteger.valueOf(s.footerTwips()));
        margins.setGutter(BigInteger.ZERO);
        if (grid) {
            CTDocGrid docGrid = section.isSetDocGrid() ? section.getDocGrid() : section.addNewDocGrid();
            docGrid.setType(STDocGrid.LINES_AND_CHARS);
            docGrid.setLinePitch(BigInteger.valueOf(s.linePitch()));
            docGrid.setCharSpace(BigInteger.valueOf(CHAR_SPACE));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Text

    private static XWPFParagraph title(XWPFDocument docx, String text, FileTrace trace) {
        String invisible = invisible(text);
        XWPFParagraph carrier = invisible.isEmpty() ? null : docx.createParagraph();
        XWPFParagraph p = docx.createParagraph();
        p.setStyle(TITLE_STYLE);
        if (trace != null) {
            CTBookmark bookmark = p.getCTP().addNewBookmarkStart();
            bookmark.setId(BOOKMARK_ID);
            bookmark.setName(FileTraces.BOOKMARK_PREFIX + trace.token());
        }
        runs(p, text, null);
        carry(carrier, p, invisible);
        return p;
    }

    private static XWPFParagraph paragraph(XWPFDocument docx, List<DeliveredParagraph> all, int index, Setting s) {
        DeliveredParagraph paragraph = all.get(index);
        String invisible = invisible(paragraph.text()) + (paragraph.hasRunIn() ? invisible(paragraph.runIn()) : "");
        XWPFParagraph carrier = invisible.isEmpty() ? null : docx.createParagraph();
        XWPFParagraph p = docx.createParagraph();
        switch (paragraph.style()) {
            case HEADING_1 -> p.setStyle("Heading1");
            case HEADING_2 -> p.setStyle("Heading2");
            case HEADING_3 -> p.setStyle("Heading3");
            case HEADING_4 -> p.setStyle("Heading4");
            case SALUTATION -> p.setStyle(SALUTATION_STYLE);
            case ATTACHMENT -> {
                p.setAlignment(ParagraphAlignment.LEFT);
                indent(p).setFirstLineChars(BigInteger.ZERO);
                indent(p).setFirstLine(BigInteger.ZERO);
                indent(p).setLeftChars(BigInteger.valueOf(2 * ONE_CHARACTER));
                indent(p).setLeft(BigInteger.valueOf(2L * s.character()));
            }
            case SIGNATURE -> signature(p, all, index, s);
            case BODY, CLOSING -> { } // Normal
        }
        runs(p, paragraph.text().stripLeading(), null);
        if (paragraph.hasRunIn()) {
            // A run of its own in body type: the heading's words keep the heading's face, and each keeps its own text.
            runs(p, paragraph.runIn().stripLeading(), RUN_IN_STYLE);
        }
        carry(carrier, p, invisible);
        return p;
    }

    /**
     * The 落款 after GB/T 9704 7.3.5.1: the 成文日期 右空四字; each line of the issuer before it centred over the date
     * (a right indent of four characters plus half the difference of their widths); a 附注 after it
     * ({@code （此件公开发布）}) 左空二字. One blank line separates the 落款 from the text above it.
     */
    private static void signature(XWPFParagraph p, List<DeliveredParagraph> all, int index, Setting s) {
        String text = visible(all.get(index).text()).strip();
        if (index == 0 || all.get(index - 1).style() != DeliveredParagraph.Style.SIGNATURE) {
            p.setSpacingBefore(s.linePitch());
        }
        if (DATE.matcher(text).matches()) {
            p.setStyle(DATE_STYLE);
            return;
        }
        String date = null;
        for (int j = index + 1; j < all.size() && all.get(j).style() == DeliveredParagraph.Style.SIGNATURE; j++) {
            String candidate = visible(all.get(j).text()).strip();
            if (DATE.matcher(candidate).matches()) {
                date = candidate;
                break;
            }
        }
        boolean afterDate = false;
        for (int j = index - 1; j >= 0 && all.get(j).style() == DeliveredParagraph.Style.SIGNATURE; j--) {
            afterDate |= DATE.matcher(visible(all.get(j).text()).strip()).matches();
        }
        if (afterDate && text.startsWith("（")) {
            // 附注 (7.3.6)
            p.setStyle(SALUTATION_STYLE);
            indent(p).setLeftChars(BigInteger.valueOf(2 * ONE_CHARACTER));
            indent(p).setLeft(BigInteger.valueOf(2L * s.character()));
            return;
        }
        p.setStyle(SIGNATURE_STYLE);
        // hundredths of a character: 4 characters, plus half of what the date is longer than this line
        long right = date == null ? 4 * ONE_CHARACTER
                : Math.max(0, Math.round(4 * ONE_CHARACTER + (width(date) - width(text)) * ONE_CHARACTER / 2));
        indent(p).setRightChars(BigInteger.valueOf(right));
        indent(p).setRight(BigInteger.valueOf(right * s.character() / ONE_CHARACTER));
    }

    /** Width in characters of body type: ASCII (the date's digits) is half-width. */
    static double width(String text) {
        double w = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            w += c < 0x80 ? 0.5 : 1;
            i += Character.charCount(c);
        }
        return w;
    }

    /**
     * The fragile layer's carrier: a paragraph of its own just before {@code visible}, with the same paragraph
     * properties, holding the invisible characters of {@code visible}'s text in one hidden run, its paragraph mark
     * hidden too. Nothing of it is laid out: Word and WPS join a paragraph whose mark is hidden to the next one, and
     * LibreOffice hides a paragraph whose text is all hidden. Not hidden runs at their places inside the text:
     * LibreOffice (7.4) counts hidden characters when it spreads a justified CJK line, so a hidden run inside a line
     * moves the characters around it (a hidden {@code 隐} as much as a hidden zero-width space), and one after a full
     * last line opens an empty line; {@code DocxRenderingTest} shows that this way nothing moves. The tracer reads
     * payloads wherever they sit in the file's text.
     *
     * @param carrier   an empty paragraph created just before {@code visible}, or {@code null} when there is
     *                  nothing to carry
     * @param invisible the invisible characters of {@code visible}'s text, in order
     */
    private static void carry(XWPFParagraph carrier, XWPFParagraph visible, String invisible) {
        if (carrier == null) {
            return;
        }
        CTPPr properties = visible.getCTP().isSetPPr() ? (CTPPr) visible.getCTP().getPPr().copy() : CTPPr.Factory.newInstance();
        (properties.isSetRPr() ? properties.getRPr() : properties.addNewRPr()).addNewVanish();
        if (!properties.isSetKeepNext()) {
            properties.addNewKeepNext(); // so that a paragraph kept with the next one is kept with the visible one
        }
        carrier.getCTP().setPPr(properties);
        XWPFRun run = carrier.createRun();
        run.setVanish(true);
        run.setText(invisible);
    }

    /** The invisible characters of a text, in order. */
    static String invisible(String text) {
        StringBuilder out = new StringBuilder();
        for (var m = INVISIBLE.matcher(text); m.find(); ) {
            out.append(m.group());
        }
        return out.toString();
    }

    /** Appends the text's visible characters as runs of the given character style ({@code null} for none). */
    private static void runs(XWPFParagraph p, String text, String characterStyle) {
        visibleRun(p, visible(withoutXmlIllegalCharacters(text)), characterStyle);
    }

    private static void visibleRun(XWPFParagraph p, String text, String characterStyle) {
        if (text.isEmpty()) {
            return;
        }
        XWPFRun run = p.createRun();
        if (characterStyle != null) {
            run.setStyle(characterStyle);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                run.addBreak();
            }
            run.setText(lines[i], i);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 版头 and 版记

    /**
     * 版头 (GB/T 9704 7.2): the 发文机关标志 {@code {issuer}文件} in red 小标宋, centred, its top 35 mm below the 版心's;
     * the 发文字号 centred two lines below it; a red rule across the 版心 4 mm below the 发文字号 (a bottom border of
     * its paragraph, which spans the 版心).
     */
    private static void letterheadTop(XWPFDocument docx, Letterhead letterhead, Setting s) {
        String mark = letterhead.issuer() + "文件";
        XWPFParagraph issuer = docx.createParagraph();
        issuer.setStyle(TITLE_STYLE);
        issuer.setSpacingBefore(twips(35));
        issuer.setSpacingAfter(0);
        // 初号 (42 pt) at most, smaller when the name would not fit the 版心 on one line
        int halfPoints = (int) Math.min(84, Math.floor(s.textWidth() / 10.0 / mark.length()));
        issuer.setSpacingBetween(halfPoints * 10 * 1.2 / 20, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
        XWPFRun run = issuer.createRun();
        run.setText(mark);
        run.setColor(RED);
        run.setFontSize(halfPoints / 2.0);

        XWPFParagraph number = docx.createParagraph();
        number.setStyle(SALUTATION_STYLE);
        number.setAlignment(ParagraphAlignment.CENTER);
        number.setSpacingBefore(2 * s.linePitch());
        CTBorder rule = border(number).addNewBottom();
        rule.setVal(STBorder.SINGLE);
        rule.setSz(BigInteger.valueOf(12)); // 1.5 pt
        rule.setColor(RED);
        rule.setSpace(BigInteger.valueOf(11)); // points: 4 mm
        number.createRun().setText(letterhead.documentNumber());
    }

    /**
     * 版记 (7.4): between two rules across the 版心 (0.35 mm ≈ 1 pt), in 四号, the 印发机关 左空一字 and
     * {@code {date}印发} 右空一字, by tab stops so that the rules keep the 版心's full width. One line below the text,
     * not in a frame at the foot of the page as the standard places it: LibreOffice (7.4) then parts the 落款 from its
     * date.
     */
    private static void imprint(XWPFDocument docx, Letterhead letterhead, Setting s) {
        XWPFParagraph p = docx.createParagraph();
        p.setStyle(FOOTER_STYLE);
        p.setSpacingBefore(s.linePitch());
        p.setSpacingBetween(s.linePitch() / 20.0, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
        var pBdr = border(p);
        for (CTBorder rule : new CTBorder[] {pBdr.addNewTop(), pBdr.addNewBottom()}) {
            rule.setVal(STBorder.SINGLE);
            rule.setSz(BigInteger.valueOf(8));
            rule.setSpace(BigInteger.ONE);
        }
        var tabs = pPr(p).addNewTabs();
        tab(tabs.addNewTab(), STTabJc.LEFT, SIZE_4_TWIPS);
        tab(tabs.addNewTab(), STTabJc.RIGHT, s.textWidth() - SIZE_4_TWIPS);
        imprintRun(p, null);
        imprintRun(p, letterhead.printer());
        if (letterhead.issuedOn() != null) {
            var d = letterhead.issuedOn();
            imprintRun(p, null);
            imprintRun(p, d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日印发");
        }
    }

    /** A tab ({@code null}) or text in 仿宋: the 版记 is set in the body face at the footer's size. */
    private static void imprintRun(XWPFParagraph p, String text) {
        XWPFRun run = p.createRun();
        run.setFontFamily(BODY_FONT);
        run.setFontFamily(BODY_FONT, XWPFRun.FontCharRange.eastAsia);
        if (text == null) {
            run.addTab();
        } else {
            run.setText(text);
        }
    }

    private static void tab(CTTabStop tab, STTabJc.Enum kind, int position) {
        tab.setVal(kind);
        tab.setPos(BigInteger.valueOf(position));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Header and footers

    /**
     * The notice centred in small grey type in the header; the page number {@code — n —} in the footer: in the
     * official layout right with 右空一字 on odd pages and left with 左空一字 on even pages
     * ({@code w:evenAndOddHeaders}), in the reading layout centred on every page.
     */
    private static void headerAndFooters(XWPFDocument docx, DeliveredDocument doc, Setting s) {
        boolean official = doc.layout() == Layout.OFFICIAL;
        List<HeaderFooterType> kinds = new ArrayList<>(List.of(HeaderFooterType.DEFAULT));
        if (official) {
            kinds.add(HeaderFooterType.EVEN);
            docx.setEvenAndOddHeadings(true);
        }
        for (HeaderFooterType kind : kinds) {
            if (doc.hasNotice()) {
                var header = docx.createHeader(kind);
                String invisible = invisible(doc.notice());
                XWPFParagraph carrier = invisible.isEmpty() ? null : header.createParagraph();
                XWPFParagraph notice = header.createParagraph();
                notice.setStyle(HEADER_STYLE);
                runs(notice, doc.notice().strip(), null);
                carry(carrier, notice, invisible);
            }
            XWPFParagraph number = docx.createFooter(kind).createParagraph();
            number.setStyle(FOOTER_STYLE);
            if (!official) {
                number.setAlignment(ParagraphAlignment.CENTER);
            } else if (kind == HeaderFooterType.DEFAULT) {
                number.setAlignment(ParagraphAlignment.RIGHT);
                indent(number).setRightChars(BigInteger.valueOf(ONE_CHARACTER));
                indent(number).setRight(BigInteger.valueOf(SIZE_4_TWIPS));
            } else {
                number.setAlignment(ParagraphAlignment.LEFT);
                indent(number).setLeftChars(BigInteger.valueOf(ONE_CHARACTER));
                indent(number).setLeft(BigInteger.valueOf(SIZE_4_TWIPS));
            }
            pageNumber(number);
        }
    }

    /** {@code — PAGE —}: em dashes (一字线) around a PAGE field. */
    private static void pageNumber(XWPFParagraph p) {
        p.createRun().setText("— ");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
        p.createRun().getCTR().addNewInstrText().setStringValue(" PAGE ");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
        p.createRun().setText("1");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
        p.createRun().setText(" —");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static CTPPr pPr(XWPFParagraph p) {
        return p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
    }

    private static CTInd indent(XWPFParagraph p) {
        CTPPr properties = pPr(p);
        return properties.isSetInd() ? properties.getInd() : properties.addNewInd();
    }

    private static org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPBdr border(XWPFParagraph p) {
        CTPPr properties = pPr(p);
        return properties.isSetPBdr() ? properties.getPBdr() : properties.addNewPBdr();
    }

    /** The text as a reader sees it: without the invisible characters. */
    static String visible(String text) {
        return INVISIBLE.matcher(text).replaceAll("");
    }

    /** XML 1.0 forbids most C0 controls; one stray control would make Word refuse the file. */
    private static String withoutXmlIllegalCharacters(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }

    private static int twips(double millimetres) {
        return (int) Math.round(millimetres / 25.4 * 1440);
    }
}
