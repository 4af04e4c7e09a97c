package org.scriptorium.library;

import java.time.Instant;
import java.util.List;

/**
 * One saved version of a material's text. Revisions are never changed once saved.
 *
 * @param sourceText the text as imported (before notices were stripped); the structure is parsed from it
 * @param body          the cleaned text: notices removed, one paragraph per line
 * @param parserVersion which parser read it: 1 reads {@code sourceText} as a whole (revisions saved before issue 13),
 *                      2 reads {@code cleanedText}; a revision is always read again by the parser that first read it
 * @param cleanedText   for parser 2, what the cleaner kept of the source, or null when that is the body itself (and
 *                      always null for parser 1)
 * @param bodyHash      SHA-256 (hex) of {@code body}, to find an exact re-import (null for revisions saved before)
 * @param strippedLines for parser 2, the lines the cleaner removed, with their reasons (empty for parser 1)
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
        Instant createdAt,
        int parserVersion,
        String cleanedText,
        String bodyHash,
        List<StrippedLine> strippedLines) {

    public Revision {
        strippedLines = strippedLines == null ? List.of() : List.copyOf(strippedLines);
    }
}
