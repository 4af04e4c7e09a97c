package org.scriptorium.library;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * What an editor submits to import or revise a material: pasted text or an uploaded file, and optional details.
 * Null details keep what the material already has (on revision) or take the defaults (on import: MEMBER tier,
 * kind 讲话稿 unless detected, published now, the detected title).
 *
 * @param fileName      the uploaded file's name, which tells its format (and the title when the text has none); null
 *                      for pasted text
 * @param file          the uploaded bytes; null for pasted text
 * @param draft         true to save the material unpublished, for an editor to preview, correct and then publish
 * @param restoredLines lines the cleaner strips that the editor wants kept (as shown in {@code strippedLines}); empty
 *                      for none
 */
public record MaterialDraft(
        String text,
        String fileName,
        byte[] file,
        Tier tier,
        String kind,
        List<String> topics,
        Instant publishedAt,
        String title,
        String changeNote,
        boolean draft,
        List<String> restoredLines) {

    public MaterialDraft {
        restoredLines = restoredLines == null ? List.of() : List.copyOf(restoredLines);
    }

    /** A draft to publish at once, with no stripped lines put back. */
    public MaterialDraft(String text, String fileName, byte[] file, Tier tier, String kind, List<String> topics,
                         Instant publishedAt, String title, String changeNote) {
        this(text, fileName, file, tier, kind, topics, publishedAt, title, changeNote, false, List.of());
    }

    /** A draft of pasted text with no details. */
    public static MaterialDraft ofText(String text) {
        return new MaterialDraft(text, null, null, null, null, null, null, null, null);
    }

    boolean hasFile() {
        return file != null && fileName != null && !fileName.isBlank();
    }
}
