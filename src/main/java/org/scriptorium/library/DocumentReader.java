package org.scriptorium.library;

import java.nio.charset.CharacterCodingException;
import java.util.Locale;

import org.scriptorium.common.Rejected;

/**
 * Turns an uploaded file into plain text, one paragraph per line, ready for {@link StructureParser}.
 * Reads {@code .txt} (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK), {@code .md} (Markdown
 * syntax removed) and {@code .docx} (body paragraphs and table cells). Stateless and thread-safe.
 */
public final class DocumentReader {

    private static final long MB = 1024L * 1024;

    private final long maxBytes;

    /** @param maxBytes the largest upload accepted, in bytes (e.g. 20 MB) */
    public DocumentReader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Reads {@code content}, choosing the format by the extension of {@code filename} (case-insensitive),
     * and returns its text with one paragraph per line and no blank lines.
     *
     * @throws Rejected {@code FILE_TOO_LARGE} (413) above the size limit; {@code UNSUPPORTED_FORMAT}
     *                  (422) for any extension other than .txt, .md, .docx; {@code EMPTY_TEXT} (422) for
     *                  empty content or content with no text; {@code UNREADABLE_TEXT} (422) for a .txt
     *                  or .md in no supported encoding; {@code ENCRYPTED_DOCX}, {@code MALFORMED_DOCX}
     *                  and {@code DOCX_TOO_LARGE_EXPANDED} (422) for a .docx that is password-protected,
     *                  damaged or not a docx, or a zip bomb
     */
    public String read(String filename, byte[] content) {
        if (content != null && content.length > maxBytes) {
            String limit = megabytes(maxBytes);
            throw new Rejected(413, "FILE_TOO_LARGE", "文件超过 " + limit + " MB 上限，请拆分或压缩后再上传。",
                    "The file exceeds the " + limit + " MB limit.");
        }
        String extension = extension(filename);
        if (!extension.equals("txt") && !extension.equals("md") && !extension.equals("docx")) {
            throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "不支持该文件格式，请上传 .txt、.docx 或 .md 文件（旧版 .doc 和 PDF 请先另存为 .docx）。",
                    "Unsupported file format; upload a .txt, .docx or .md file.");
        }
        if (content == null || content.length == 0) {
            throw empty();
        }
        String text = switch (extension) {
            case "docx" -> DocxText.extract(content);
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
