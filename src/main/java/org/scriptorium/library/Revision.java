package org.scriptorium.library;

import java.time.Instant;

/**
 * One saved version of a material's text. Revisions are never changed once saved.
 *
 * @param sourceText the text as imported (before notices were stripped); the structure is parsed from it
 * @param body       the cleaned text: notices removed, one paragraph per line
 */
public record Revision(
        String materialId,
        int revision,
        String detectedTitle,
        String sourceName,
        String sourceText,
        String body,
        int characters,
        String changeNote,
        String createdBy,
        Instant createdAt) {
}
