package org.scriptorium.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scriptorium.common.Rejected;

/**
 * What a report must carry and may not exceed: where the resale was seen, evidence as pasted text and/or files
 * (.txt, .docx, .pdf for the tracer; .png, .jpg kept as attachments), within the operator's limits. Checked before
 * anything is stored, so a refused report leaves nothing behind.
 */
final class EvidenceRules {

    static final int MAX_WHERE = 500;
    static final int MAX_STATEMENT = 2000;
    private static final int MAX_NAME = 200;
    private static final long MB = 1024L * 1024;

    /** A file as the reporter sent it. */
    record Submitted(String name, byte[] content) {
    }

    /** A file accepted as evidence: {@code traced} text the tracer reads, or an image kept as an attachment. */
    record Accepted(String name, byte[] content, String mediaType, boolean traced) {
    }

    private final int maxFiles;
    private final long maxFileBytes;
    private final long maxTotalBytes;
    private final int maxTextCharacters;

    EvidenceRules(int maxFiles, long maxFileBytes, long maxTotalBytes, int maxTextCharacters) {
        this.maxFiles = maxFiles;
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxTextCharacters = maxTextCharacters;
    }

    /**
     * Checks a report's fields and files.
     *
     * @return the files, classified, in the order sent
     * @throws Rejected 422 without a place ({@code WHERE_REQUIRED}) or evidence ({@code EVIDENCE_REQUIRED}), for an
     *                  over-long place or statement, too many files ({@code TOO_MANY_FILES}), a format other than
     *                  .txt, .docx, .pdf, .png, .jpg ({@code UNSUPPORTED_FORMAT}) or an image that is not one
     *                  ({@code NOT_AN_IMAGE}); 413 for a file, all files or the pasted text over the limits
     */
    List<Accepted> check(String where, String statement, String text, List<Submitted> files) {
        String place = where == null ? "" : where.strip();
        if (place.isEmpty()) {
            throw Rejected.invalid("WHERE_REQUIRED", "请填写在哪里看到倒卖：店铺名、群名或链接。",
                    "Say where the resale was seen: a shop, a group or a link.");
        }
        if (place.length() > MAX_WHERE) {
            throw Rejected.invalid("WHERE_TOO_LONG", "“在哪里看到”最多 " + MAX_WHERE + " 个字。",
                    "'where' holds at most " + MAX_WHERE + " characters.");
        }
        if (statement != null && statement.strip().length() > MAX_STATEMENT) {
            throw Rejected.invalid("STATEMENT_TOO_LONG", "情况说明最多 " + MAX_STATEMENT + " 个字。",
                    "The statement holds at most " + MAX_STATEMENT + " characters.");
        }
        if (text != null && text.length() > maxTextCharacters) {
            throw new Rejected(413, "TEXT_TOO_LONG", "粘贴的文字超过 " + maxTextCharacters + " 个字，请改为上传文件。",
                    "The pasted text exceeds " + maxTextCharacters + " characters; upload it as a file.");
        }
        if (files.size() > maxFiles) {
            throw Rejected.invalid("TOO_MANY_FILES", "每次举报最多上传 " + maxFiles + " 个文件。",
                    "A report carries at most " + maxFiles + " files.");
        }
        List<Accepted> accepted = new ArrayList<>(files.size());
        long total = 0;
        for (Submitted file : files) {
            String name = cleanName(file.name());
            byte[] content = file.content() == null ? new byte[0] : file.content();
            if (content.length > maxFileBytes) {
                throw new Rejected(413, "FILE_TOO_LARGE", "文件「" + name + "」超过 " + megabytes(maxFileBytes) + " MB 上限。",
                        "The file '" + name + "' exceeds the " + megabytes(maxFileBytes) + " MB limit.");
            }
            total += content.length;
            if (total > maxTotalBytes) {
                throw new Rejected(413, "EVIDENCE_TOO_LARGE", "所有文件合计超过 " + megabytes(maxTotalBytes) + " MB 上限，请精简后再提交。",
                        "The files exceed " + megabytes(maxTotalBytes) + " MB in all.");
            }
            accepted.add(classify(name, content));
        }
        if ((text == null || text.isBlank()) && accepted.isEmpty()) {
            throw Rejected.invalid("EVIDENCE_REQUIRED", "请粘贴倒卖的文字，或上传文件、截图作为证据。",
                    "Paste the resold text or upload files or screenshots as evidence.");
        }
        return accepted;
    }

    private static Accepted classify(String name, byte[] content) {
        return switch (extension(name)) {
            case "txt" -> new Accepted(name, content, "text/plain", true);
            case "docx" -> new Accepted(name, content,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true);
            case "pdf" -> new Accepted(name, content, "application/pdf", true);
            case "png" -> image(name, content, "image/png", isPng(content));
            case "jpg", "jpeg" -> image(name, content, "image/jpeg", isJpeg(content));
            default -> throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "文件「" + name + "」的格式不支持：请上传 .txt、.docx、.pdf 文件或 .png、.jpg 截图。",
                    "Unsupported file '" + name + "': send .txt, .docx, .pdf files or .png, .jpg screenshots.");
        };
    }

    /** An image is only ever an attachment, but it must be one: the bytes are checked, not just the name. */
    private static Accepted image(String name, byte[] content, String mediaType, boolean valid) {
        if (!valid) {
            throw Rejected.invalid("NOT_AN_IMAGE", "文件「" + name + "」不是有效的 PNG 或 JPG 图片。",
                    "The file '" + name + "' is not a valid PNG or JPG image.");
        }
        return new Accepted(name, content, mediaType, false);
    }

    private static boolean isPng(byte[] b) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (b[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && b[0] == (byte) 0xFF && b[1] == (byte) 0xD8 && b[2] == (byte) 0xFF;
    }

    /** The name without any folder a browser sent along, control characters, or excess length. */
    static String cleanName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty()) {
            base = "未命名文件";
        }
        if (base.length() > MAX_NAME) {
            String ext = extension(base);
            base = base.substring(0, MAX_NAME - ext.length() - 1) + "." + ext;
        }
        return base;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    private static String megabytes(long bytes) {
        return bytes % MB == 0 ? Long.toString(bytes / MB) : String.format(Locale.ROOT, "%.1f", bytes / (double) MB);
    }
}
