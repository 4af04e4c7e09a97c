package org.scriptorium.library;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.scriptorium.common.Rejected;
import org.w3c.dom.Node;

/**
 * Extracts the body text of a .docx, one paragraph per line and one table row per line (cells joined by a
 * tab), and turns every way the package can be unusable or hostile into a {@link Rejected}. Headers, footers,
 * footnotes, endnotes and comments live in other parts and are never read; text boxes, deleted and
 * moved-away revisions, field instructions and footnote marks inside the body are left out. OLE2 files
 * (encrypted .docx, legacy .doc) are {@link WordFiles}' to sort out.
 */
final class DocxText {

    /** A real document's XML rarely compresses better than 1:100; a zip bomb compresses 1:1000. */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** No part of a text document needs more than this once expanded. */
    static final long MAX_ENTRY_SIZE = 100L * 1024 * 1024;
    /**
     * Nor does the whole package: POI keeps every part in memory, so many parts each under the limits
     * above would add up to gigabytes (found by fuzzing: 3.4 GB allocated for an 18 MB file).
     */
    static final long MAX_EXPANDED_SIZE = MAX_ENTRY_SIZE;
    /** A text document has a few dozen parts; POI's own limit (1,000) costs a part's buffers each. */
    static final int MAX_PARTS = 1_000;
    /** Elements nested deeper than this are not read: real documents nest a few dozen, hostile ones 100,000 (a stack overflow). */
    static final int MAX_DEPTH = 256;
    /** Small packages may compress well as a whole (a few styles and an empty body); the ratio counts beyond this. */
    private static final long GRACE_SIZE = 1024L * 1024;

    static {
        // process-wide POI settings: every reader of OOXML in the application gets the same guard
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
    }

    private DocxText() {
    }

    static String extract(byte[] content) {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(content);
        } catch (RuntimeException e) {
            throw malformed();
        }
        if (magic != FileMagic.OOXML) {
            throw malformed();
        }
        checkExpandedSize(content);
        try (InputStream in = new ByteArrayInputStream(content); XWPFDocument doc = new XWPFDocument(in)) {
            List<String> lines = new ArrayList<>();
            body(doc.getDocument().getBody().getDomNode(), lines, 0);
            return String.join("\n", lines);
        } catch (IOException | RuntimeException e) {
            throw isZipBomb(e) ? tooLargeExpanded() : malformed();
        } catch (LinkageError e) {
            // a part compressed with a method whose codec is not installed (Zstandard, found by fuzzing)
            throw malformed();
        }
    }

    /**
     * Inflates the package once, keeping nothing, and refuses it when its parts add up to more than
     * {@link #MAX_EXPANDED_SIZE} or are more than {@link #MAX_PARTS}, or when the whole compresses
     * better than a real document does, before POI reads it into memory. A package this scan cannot
     * read is left to POI, which names the damage.
     */
    private static void checkExpandedSize(byte[] content) {
        long expanded = 0;
        int parts = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            while (zip.getNextEntry() != null) {
                if (++parts > MAX_PARTS) {
                    throw tooLargeExpanded();
                }
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    expanded += n;
                    if (expanded > MAX_EXPANDED_SIZE
                            || (expanded > GRACE_SIZE && expanded * MIN_INFLATE_RATIO > content.length)) {
                        throw tooLargeExpanded();
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // damaged or unusual zip (e.g. a name in an unknown encoding): POI decides
        }
    }

    /**
     * The lines of a body (the document's, a table cell's or a content control's): each paragraph's
     * text, each table row as one line. Walks the XML itself rather than POI's paragraph text, which
     * mixes in footnotes ({@code [1: …]}), footnote marks, text boxes and deleted text.
     */
    private static void body(Node container, List<String> lines, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (Node child = container.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            switch (child.getLocalName()) {
                case "p" -> {
                    StringBuilder text = new StringBuilder();
                    inline(child, text, depth + 1);
                    addLines(text.toString(), lines);
                }
                case "tbl" -> table(child, lines, depth + 1);
                case "sdtContent", "customXml", "ins", "moveTo", "smartTag" -> body(child, lines, depth + 1);
                case "sdt" -> {
                    Node content = childNamed(child, "sdtContent");
                    if (content != null) {
                        body(content, lines, depth + 1);
                    }
                }
                case "AlternateContent" -> {
                    Node fallback = childNamed(child, "Fallback");
                    if (fallback != null) {
                        body(fallback, lines, depth + 1);
                    }
                }
                default -> { } // properties, deleted or moved-away blocks, section breaks
            }
        }
    }

    /**
     * One line per row: the cells' texts (a cell's paragraphs joined by a space) joined by a tab, empty
     * cells left out. A row with one non-empty cell keeps that cell's paragraphs as lines of their own,
     * because whole documents are often laid out inside a one-cell table.
     */
    private static void table(Node tbl, List<String> lines, int depth) {
        for (Node row : descendantsNamed(tbl, "tr", "tc", depth)) {
            List<List<String>> cells = new ArrayList<>();
            for (Node cell : descendantsNamed(row, "tc", "tbl", depth)) {
                List<String> cellLines = new ArrayList<>();
                body(cell, cellLines, depth + 1);
                if (!cellLines.isEmpty()) {
                    cells.add(cellLines);
                }
            }
            if (cells.size() == 1) {
                lines.addAll(cells.getFirst());
            } else if (!cells.isEmpty()) {
                lines.add(String.join("\t", cells.stream().map(c -> String.join(" ", c)).toList()));
            }
        }
    }

    /**
     * The text of a paragraph's content: runs, hyperlinks, fields' results, inserted text; not deleted
     * or moved-away text, field instructions, footnote and comment marks, drawings and text boxes (which
     * Word writes twice, as a DrawingML choice and a VML fallback), or ruby annotations.
     */
    private static void inline(Node node, StringBuilder text, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            switch (child.getLocalName()) {
                case "t" -> appendText(child, text);
                case "tab", "ptab" -> text.append('\t');
                case "br", "cr" -> text.append('\n');
                case "noBreakHyphen" -> text.append('\u2011');
                case "pPr", "rPr", "sdtPr", "sdtEndPr", "del", "moveFrom", "delText", "instrText", "delInstrText",
                        "drawing", "pict", "object", "txbxContent", "footnoteReference", "endnoteReference",
                        "commentReference", "annotationRef", "footnoteRef", "endnoteRef", "rt", "fldChar",
                        "AlternateContent" -> { }
                default -> inline(child, text, depth + 1); // r, hyperlink, fldSimple, ins, moveTo, smartTag, sdt, ruby…
            }
        }
    }

    /** XMLBeans' DOM has no {@code getTextContent()}: the element's text and CDATA children. */
    private static void appendText(Node element, StringBuilder text) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
    }

    private static Node childNamed(Node parent, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && localName.equals(child.getLocalName())) {
                return child;
            }
        }
        return null;
    }

    /** The elements named {@code localName} under {@code parent}, through wrappers (content controls, custom XML) but not into {@code stop}. */
    private static List<Node> descendantsNamed(Node parent, String localName, String stop, int depth) {
        List<Node> found = new ArrayList<>();
        if (depth > MAX_DEPTH) {
            return found;
        }
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            String name = child.getLocalName();
            if (localName.equals(name)) {
                found.add(child);
            } else if (!stop.equals(name) && !"del".equals(name) && !"moveFrom".equals(name) && !name.endsWith("Pr")) {
                found.addAll(descendantsNamed(child, localName, stop, depth + 1));
            }
        }
        return found;
    }

    private static void addLines(String text, List<String> lines) {
        // soft line breaks inside a paragraph come out as \n and become separate lines
        for (String line : TextLines.of(text)) {
            lines.add(line);
        }
    }

    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Zip bomb") || message.contains("max entry size")
                    || message.contains("MaxEntrySize") || message.contains("exceeds the max")) {
                return true;
            }
        }
        return false;
    }

    private static Rejected malformed() {
        return new Rejected(422, "MALFORMED_DOCX", "无法读取该 Word 文档：文件可能已损坏或并非 .docx 格式，请在 Word 中重新保存后再上传。",
                "The Word document cannot be read: it may be damaged or not a .docx file; save it again in Word and retry.");
    }

    private static Rejected tooLargeExpanded() {
        return new Rejected(422, "DOCX_TOO_LARGE_EXPANDED", "该 Word 文档解压后内容异常庞大，无法处理，请检查文件后再上传。",
                "The Word document expands to an abnormal size and cannot be processed.");
    }
}
