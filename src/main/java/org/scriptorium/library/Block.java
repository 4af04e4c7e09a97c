package org.scriptorium.library;

/** One unit of a parsed material's body, in reading order: a numbered heading or a paragraph. */
public sealed interface Block permits Heading, Paragraph {

    /** The block as written, one line of the cleaned body. */
    String text();
}
