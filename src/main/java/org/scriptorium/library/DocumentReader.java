package org.scriptorium.library;

import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.Set;

import org.scriptorium.common.Rejected;

/**
 * Turns an uploaded file into plain text, one paragraph per line, ready for {@link StructureParser}.
 * Stateless and thread-safe. Reads:
 * <ul>
 *   <li>{@code .txt}: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK;</li>
 *   <li>{@code .md}: Markdown syntax removed;</li>
 *   <li>{@code .docx}, {@code .doc} (Word 97–2003, and Word 6/95) and {@code .wps} (Kingsoft WPS): the body's
 *       paragraphs, and each table row as one line with its cells joined by a tab (a row with one filled
 *       cell gives that cell's paragraphs as lines); never headers, footers, footnotes, comments, text
 *       boxes, deleted revisions or field instructions. The format is told by the bytes, not the name: a
 *       .doc or .wps that is really a .docx, a .docx that is really a .doc, and a web page saved as .doc
 *       (text of its block elements) are read; RTF, MHT and Word 2003 XML are refused;</li>
 *   <li>{@code .pdf} with a text layer: each line as PDFBox extracts it (sorted by position; hard-wrapped
 *       lines, running heads and page numbers such as {@code -1-} are left for the cleaner), and between
 *       two pages a line holding only the form feed {@code \f} ({@link #PAGE_BREAK}), so that the cleaner
 *       can find what repeats at the top and bottom of pages. {@link TextLines} drops that line as blank.</li>
 * </ul>
 */
public final class DocumentReader {

    /** The line {@link #read} puts between two pages of a PDF: the form feed alone. */
    public static final String PAGE_BREAK = PdfText.PAGE_BREAK;

    private static final long MB = 1024L * 1024;
    private static final Set<String> FORMATS = Set.of("txt", "md", "docx", "doc", "wps", "pdf");

    private final long maxBytes;

    /** @param maxBytes the largest upload accepted, in bytes (e.g. 20 MB) */
    public DocumentReader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Reads {@code content}, choosing the format by the extension of {@code filename} (case-insensitive)
     * and, for word-processor files, by the content's first bytes, and returns its text with one paragraph
     * per line, no blank lines and no carriage returns; only a PDF's text has lines holding just
     * {@link #PAGE_BREAK}, never first, last or two in a row.
     *
     * @throws Rejected {@code FILE_TOO_LARGE} (413) above the size limit; and (422):
     *                  {@code UNSUPPORTED_FORMAT} for any extension other than .txt, .md, .docx, .doc, .wps,
     *                  .pdf, and for an RTF, MHT or Word 2003 XML file under a Word name;
     *                  {@code EMPTY_TEXT} for empty content or content with no text;
     *                  {@code UNREADABLE_TEXT} for a .txt or .md in no supported encoding;
     *                  {@code ENCRYPTED_DOCX}, {@code MALFORMED_DOCX} and {@code DOCX_TOO_LARGE_EXPANDED} for
     *                  a .docx that is password-protected, damaged or not a Word file, or a zip bomb (also
     *                  for a .doc or .wps that is a zip bomb);
     *                  {@code ENCRYPTED_DOC} and {@code MALFORMED_DOC} for a .doc (or an OLE2 .wps, for
     *                  the first) that is password-protected, or damaged or not a Word file;
     *                  {@code UNSUPPORTED_WPS} for a .wps that cannot be read (save it as .docx in WPS);
     *                  {@code ENCRYPTED_PDF}, {@code MALFORMED_PDF}, {@code PDF_TOO_LARGE_EXPANDED} and
     *                  {@code PDF_NO_TEXT} for a PDF that needs a password to open, is damaged or not a PDF,
     *                  is a compression bomb, or is a scan (fewer than
     *                  {@value PdfText#MIN_CHARACTERS_PER_PAGE} non-blank characters a page on average)
     */
    public String read(String filename, byte[] content) {
        if (content != null && content.length > maxBytes) {
            String limit = megabytes(maxBytes);
            throw new Rejected(413, "FILE_TOO_LARGE", "文件超过 " + limit + " MB 上限，请拆分或压缩后再上传。",
                    "The file exceeds the " + limit + " MB limit.");
        }
        String extension = extension(filename);
        if (!FORMATS.contains(extension)) {
            throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "不支持该文件格式，请上传 .txt、.md、.docx、.doc、.wps 或 .pdf 文件。",
                    "Unsupported file format; upload a .txt, .md, .docx, .doc, .wps or .pdf file.");
        }
        if (content == null || content.length == 0) {
            throw empty();
        }
        String text = switch (extension) {
            case "docx" -> WordFiles.extract(content, WordFiles.Declared.DOCX);
            case "doc" -> WordFiles.extract(content, WordFiles.Declared.DOC);
            case "wps" -> WordFiles.extract(content, WordFiles.Declared.WPS);
            case "pdf" -> PdfText.extract(content);
            case "md" -> MarkdownText.toPlain(decode(content));
            default -> String.join("\n", TextLines.of(decode(content)));
        };
        if (text.isBlank()) {
            throw empty();
        }
        return text;
    }

    private static String decode(byte[] content) {
        try {
            return TextDecoding.decode(content);
        } catch (CharacterCodingException e) {
            throw Rejected.invalid("UNREADABLE_TEXT", "无法识别该文本文件的编码，请用 UTF-8 编码另存后再上传。",
                    "The text file's encoding is not recognised; save it as UTF-8 and upload it again.");
        }
    }

    private static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static String megabytes(long bytes) {
        return bytes % MB == 0 ? Long.toString(bytes / MB) : String.format(Locale.ROOT, "%.1f", bytes / (double) MB);
    }

    private static Rejected empty() {
        return Rejected.invalid("EMPTY_TEXT", "文件中没有可读取的文字内容，请检查后再上传。",
                "The file contains no readable text.");
    }
}
