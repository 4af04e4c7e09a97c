package org.scriptorium.library;

/** Where a material's detected title came from. */
public enum TitleOrigin {
    /** A title line (or two) at the top of the text. */
    TEXT,
    /** The uploaded file's name, without its extension and a leading date or number: the text has no title line. */
    FILE_NAME,
    /** Neither: the title is made from the first words, and the editor is asked to give one. */
    NONE
}
