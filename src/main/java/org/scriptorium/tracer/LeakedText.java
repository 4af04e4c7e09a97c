package org.scriptorium.tracer;

import java.io.IOException;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.DocumentReader;

/**
 * The plain text of a file that was found for sale or sent in with a report, for the tracer to
 * read marks from. Reads {@code .txt}, {@code .md} and {@code .docx} as the library's
 * {@link DocumentReader} does, and {@code .pdf} with PDFBox's text extraction.
 */
public final class LeakedText {

    private static final long MB = 1024L * 1024;

    private LeakedText() {}

    /**
     * Extracts the text of {@code content}, choosing the format by the extension of {@code fileName}
     * (case-insensitive).
     *
     * @param maxBytes the largest file accepted, in bytes; positive
     * @return the text; for a PDF, its lines in page order separated by {@code \n} (the footer's
     *         notice and page numbers included)
     * @throws Rejected {@code FILE_TOO_LARGE} (413) above {@code maxBytes}; {@code UNSUPPORTED_FORMAT}
     *                  (422) for an extension other than .txt, .docx, .md, .pdf; {@code ENCRYPTED_PDF}
     *                  (422) for a PDF that needs a password to open (one with only an owner password
     *                  is read); {@code MALFORMED_PDF} (422) for a damaged PDF or not a PDF at all;
     *                  {@code EMPTY_TEXT} (422) for a file without text, such as a scan; and the
     *                  rejections of {@link DocumentReader#read} for the other formats. Nothing else.
     */
    public static String extract(String fileName, byte[] content, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        byte[] bytes = content == null ? new byte[0] : content;
        if (bytes.length > maxBytes) {
            String limit = maxBytes % MB == 0 ? Long.toString(maxBytes / MB)
                    : String.format(Locale.ROOT, "%.1f", maxBytes / (double) MB);
            throw new Rejected(413, "FILE_TOO_LARGE", "文件超过 " + limit + " MB 上限，请拆分后再提交。",
                    "The file exceeds the " + limit + " MB limit.");
        }
        String extension = extension(fileName);
        return switch (extension) {
            case "pdf" -> pdf(bytes);
            case "txt", "md", "docx" -> other(fileName, bytes, maxBytes, extension);
            default -> throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "不支持该文件格式，请提交 .txt、.docx、.md 或 .pdf 文件。",
                    "Unsupported file format; send a .txt, .docx, .md or .pdf file.");
        };
    }

    private static String other(String fileName, byte[] bytes, long maxBytes, String extension) {
        try {
            return new DocumentReader(maxBytes).read(fileName, bytes);
        } catch (Rejected e) {
            throw e;
        } catch (RuntimeException e) {
            // The reader rejects what it foresees; anything else is still a file we cannot read.
            throw extension.equals("docx")
                    ? Rejected.invalid("MALFORMED_DOCX", "该 Word 文件已损坏或不是 .docx 文件。",
                            "The Word file is damaged or not a .docx file.")
                    : Rejected.invalid("UNREADABLE_TEXT", "无法读取该文本文件，请用 UTF-8 编码另存后再提交。",
                            "The text file cannot be read; save it as UTF-8 and send it again.");
        }
    }

    private static String pdf(byte[] bytes) {
        String text;
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            text = new PDFTextStripper().getText(pdf);
        } catch (InvalidPasswordException e) {
            throw Rejected.invalid("ENCRYPTED_PDF", "该 PDF 文件设有打开密码，无法读取文字。请提交未加密的文件。",
                    "The PDF needs a password to open; send an unencrypted file.");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // PDFBox reports damage as IOException, and some deeper damage as runtime exceptions.
            throw malformed();
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.isBlank()) {
            throw Rejected.invalid("EMPTY_TEXT", "该 PDF 文件中没有可提取的文字（可能是扫描件），请提交含文字的文件。",
                    "The PDF contains no extractable text (it may be a scan).");
        }
        return normalised;
    }

    private static Rejected malformed() {
        return Rejected.invalid("MALFORMED_PDF", "该 PDF 文件已损坏或不是 PDF 文件。",
                "The PDF file is damaged or not a PDF file.");
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }
}
