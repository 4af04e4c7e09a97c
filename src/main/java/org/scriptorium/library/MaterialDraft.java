package org.scriptorium.library;

import java.time.Instant;
import java.util.List;
import org.scriptorium.membership.Tier;

/**
 * What an editor submits to import or revise a material: pasted text or an uploaded file, and optional details.
 * Null details keep what the material already has (on revision) or take the defaults (on import: MEMBER tier,
 * kind 讲话稿 unless detected, published now, the detected title).
 *
 * @param fileName the uploaded file's name, which tells its format; null for pasted text
 * @param file     the uploaded bytes; null for pasted text
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
        String changeNote) {

    /** A draft of pasted text with no details. */
    public static MaterialDraft ofText(String text) {
        return new MaterialDraft(text, null, null, null, null, null, null, null, null);
    }

    boolean hasFile() {
        return file != null && fileName != null && !fileName.isBlank();
    }
}
