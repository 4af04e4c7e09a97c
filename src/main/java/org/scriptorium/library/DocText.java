package org.scriptorium.library;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.HWPFDocumentCore;
import org.apache.poi.hwpf.HWPFOldDocument;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.hwpf.usermodel.CharacterRun;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.poifs.filesystem.DirectoryNode;

/**
 * Extracts the body text of a Word 97–2003 document (and of the Word-compatible {@code WordDocument}
 * stream Kingsoft WPS writes) with POI's HWPF, one paragraph per line. Table rows become one line each,
 * as {@link DocxText} writes them. Headers, footers, footnotes, comments and text boxes are separate
 * stories in the file and never read; field instructions ({@code PAGE}, {@code HYPERLINK "…"}), deleted
 * revisions and Word's control characters are left out, field results kept.
 */
final class DocText {

    /** Word's special characters in the text stream ([MS-DOC] 2.8.25 and the field characters of 2.8.26). */
    private static final char CELL_MARK = 0x07;
    private static final char LINE_BREAK = 0x0B;
    private static final char PAGE_BREAK = 0x0C;
    private static final char PARAGRAPH_END = 0x0D;
    private static final char FIELD_BEGIN = 0x13;
    private static final char FIELD_SEPARATOR = 0x14;
    private static final char FIELD_END = 0x15;
    private static final char NON_BREAKING_HYPHEN = 0x1E;
    /** Fields nest a few deep (a hyperlink in a table of contents); deeper is damage. */
    private static final int MAX_FIELD_DEPTH = 64;

    /** Thrown when the file needs a password to open. */
    static final class Encrypted extends Exception {
        Encrypted() {
            super(null, null, false, false);
        }
    }

    private DocText() {
    }

    /**
     * @param root the OLE2 root holding a {@code WordDocument} stream
     * @return the lines, possibly none
     * @throws Encrypted   for a password-protected document
     * @throws IOException or any runtime exception for a damaged one
     */
    static List<String> extract(DirectoryNode root) throws IOException, Encrypted {
        HWPFDocumentCore doc;
        try {
            doc = new HWPFDocument(root);
        } catch (OldWordFileFormatException e) {
            doc = new HWPFOldDocument(root); // Word 6 and Word 95
        } catch (EncryptedDocumentException e) {
            throw new Encrypted();
        }
        Range range = doc.getRange();
        Walk walk = new Walk();
        int count = range.numParagraphs();
        for (int i = 0; i < count; i++) {
            Paragraph p = range.getParagraph(i);
            List<Run> runs = new ArrayList<>();
            int n = p.numCharacterRuns();
            for (int r = 0; r < n; r++) {
                CharacterRun run = p.getCharacterRun(r);
                runs.add(new Run(run.text(), run.isMarkedDeleted()));
            }
            walk.paragraph(new Para(runs, p.isInTable(), p.getTableLevel(), p.isTableRowEnd()));
        }
        return walk.end();
    }

    /** A stretch of a paragraph's text with one formatting, as HWPF reads it: control characters and all. */
    record Run(String text, boolean deleted) {
    }

    /** A paragraph of the main story as HWPF reads it; {@code tableLevel} 0 or 1 is the outermost table. */
    record Para(List<Run> runs, boolean inTable, int tableLevel, boolean rowEnd) {
    }

    /** The lines of the given paragraphs, in order (what {@link #extract} does once the file is read). */
    static List<String> lines(List<Para> paragraphs) {
        Walk walk = new Walk();
        paragraphs.forEach(walk::paragraph);
        return walk.end();
    }

    /** One pass over the main story, carrying the field nesting across paragraphs (a table of contents spans many). */
    private static final class Walk {
        private final List<String> lines = new ArrayList<>();
        /** For each open field, whether its instruction (before the separator) is still being read. */
        private final boolean[] inInstruction = new boolean[MAX_FIELD_DEPTH];
        private int fields;
        private int hiddenFields;
        private final List<List<String>> row = new ArrayList<>();
        private List<String> cell = new ArrayList<>();

        List<String> end() {
            endRow();
            return lines;
        }

        void paragraph(Para p) {
            String raw = text(p);
            if (!p.inTable()) {
                endRow();
                lines.addAll(TextLines.of(raw));
                return;
            }
            boolean outer = p.tableLevel() <= 1;
            if (p.rowEnd()) {
                if (outer) {
                    endCell();
                    endRow();
                }
                return; // a nested row's end: its cells already went into the outer cell
            }
            cell.addAll(TextLines.of(raw));
            if (outer && p.runs().stream().anyMatch(r -> r.text().indexOf(CELL_MARK) >= 0)) {
                endCell();
            }
        }

        private void endCell() {
            if (!cell.isEmpty()) {
                row.add(cell);
                cell = new ArrayList<>();
            }
        }

        private void endRow() {
            endCell();
            if (row.size() == 1) {
                lines.addAll(row.getFirst());
            } else if (!row.isEmpty()) {
                lines.add(String.join("\t", row.stream().map(c -> String.join(" ", c)).toList()));
            }
            row.clear();
        }

        /** The paragraph's visible text: deleted runs, field instructions and control characters removed. */
        private String text(Para p) {
            StringBuilder out = new StringBuilder();
            for (Run run : p.runs()) {
                boolean deleted = run.deleted();
                String text = run.text();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == FIELD_BEGIN || c == FIELD_SEPARATOR || c == FIELD_END) {
                        field(c);
                    } else if (c == PARAGRAPH_END) {
                        closeInstructions();
                    } else if (!deleted && hiddenFields == 0) {
                        append(c, out);
                    }
                }
            }
            return out.toString();
        }

        private static void append(char c, StringBuilder out) {
            if (c == LINE_BREAK || c == PAGE_BREAK) {
                out.append('\n');
            } else if (c == NON_BREAKING_HYPHEN) {
                out.append('\u2011');
            } else if (c == '\t' || c >= 0x20) {
                out.append(c); // other control characters mark footnotes, pictures, drawings, comments
            }
        }

        private void field(char c) {
            switch (c) {
                case FIELD_BEGIN -> {
                    if (fields < MAX_FIELD_DEPTH) {
                        inInstruction[fields] = true;
                    }
                    fields++;
                }
                case FIELD_SEPARATOR -> {
                    if (fields > 0 && fields <= MAX_FIELD_DEPTH && inInstruction[fields - 1]) {
                        inInstruction[fields - 1] = false;
                    }
                }
                default -> {
                    if (fields > 0) {
                        fields--;
                    }
                }
            }
            hiddenFields = 0;
            for (int i = 0; i < Math.min(fields, MAX_FIELD_DEPTH); i++) {
                if (inInstruction[i]) {
                    hiddenFields++;
                }
            }
        }

        /**
         * An instruction never spans paragraphs; one still open at a paragraph's end is damage, and showing
         * what follows beats hiding the rest of the document.
         */
        private void closeInstructions() {
            for (int i = 0; i < Math.min(fields, MAX_FIELD_DEPTH); i++) {
                inInstruction[i] = false;
            }
            hiddenFields = 0;
        }
    }
}
