package org.scriptorium.library;

/** What became of one document offered to {@link Materials#importUnlessDuplicate}: saved, or already in the library. */
public sealed interface ImportOutcome {

    /** The document was saved as a new material. */
    record Imported(ImportResult result) implements ImportOutcome {
    }

    /** A material whose current text is exactly the document's cleaned text already exists; nothing was saved. */
    record Duplicate(Material existing) implements ImportOutcome {
    }
}
