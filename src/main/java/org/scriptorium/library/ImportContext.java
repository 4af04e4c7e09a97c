package org.scriptorium.library;

import java.util.List;

/**
 * What the parser knows about a text besides the text itself.
 *
 * @param fileName      the uploaded file's name (the title when the text has none), or null for pasted text
 * @param restoredLines lines the cleaner would strip that the editor put back, matched as written (trimmed)
 */
public record ImportContext(String fileName, List<String> restoredLines) {

    /** Pasted text, nothing put back. */
    public static final ImportContext NONE = new ImportContext(null, List.of());

    public ImportContext {
        restoredLines = restoredLines == null ? List.of() : List.copyOf(restoredLines);
    }
}
