package org.scriptorium.library;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Locale;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.TimeInput;
import org.scriptorium.membership.Tier;
import org.springframework.web.multipart.MultipartFile;

/**
 * The fields an editor sends to import or revise a material, as the pages and the API both bind them from a form:
 * a file or pasted text, and optional details as typed.
 */
record MaterialForm(
        @Parameter(description = "A .txt, .md, .docx, .doc, .wps or .pdf file; or send `text`") MultipartFile file,
        @Parameter(description = "Pasted text, instead of a file") String text,
        @Parameter(description = "Who may read it in full (default MEMBER)",
                schema = @Schema(allowableValues = {"FREE", "MEMBER"})) String tier,
        @Parameter(description = "Kind, such as 讲话稿 (detected when absent)") String kind,
        @Parameter(description = "Topics, comma-separated") String topics,
        @Parameter(description = "Publication time, ISO-8601 (default now; an earlier time imports an archive)")
        String publishedAt,
        @Parameter(description = "Title (detected when absent)") String title,
        @Parameter(description = "What changed: required for a revision") String changeNote,
        @Parameter(description = "true: save as a draft, unpublished until published (import only)") Boolean draft) {

    /** The form without {@code draft}, as a revision sends it. */
    MaterialForm(MultipartFile file, String text, String tier, String kind, String topics, String publishedAt,
                 String title, String changeNote) {
        this(file, text, tier, kind, topics, publishedAt, title, changeNote, null);
    }

    /**
     * The draft these fields describe; times without an offset are read in {@code zone}.
     *
     * @throws Rejected 422 for an unknown tier or an unreadable time
     */
    MaterialDraft toDraft(ZoneId zone) {
        boolean hasFile = file != null && !file.isEmpty();
        try {
            return new MaterialDraft(
                    text,
                    hasFile ? file.getOriginalFilename() : null,
                    hasFile ? file.getBytes() : null,
                    parseTier(tier),
                    kind,
                    topics == null ? null : Topics.parse(topics),
                    TimeInput.parse("publishedAt", publishedAt, zone),
                    title,
                    changeNote,
                    Boolean.TRUE.equals(draft),
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FREE or MEMBER in any case; null for blank. */
    static Tier parseTier(String tier) {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        try {
            return Tier.valueOf(tier.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("INVALID_TIER", "级别只能是 FREE（免费）或 MEMBER（会员）。", "The tier must be FREE or MEMBER.");
        }
    }
}
