package org.scriptorium.library;

/**
 * A paragraph of body text as written; {@code points} is the number of enumerated points it holds
 * ({@code 一是……；二是……} or {@code 第一，……}); {@code closing} is true for the trailing paragraph(s) of a
 * speech that begin with {@code 同志们，} or thank the audience; {@code role} says how it sits in the document.
 */
public record Paragraph(String text, int points, boolean closing, Role role) implements Block {

    /** How a paragraph sits in the document, which decides its layout. */
    public enum Role {
        /** An ordinary paragraph. */
        BODY,
        /**
         * The text that shares its line with the heading just before it ({@code （一）严格管控野外火源。各村要……}): shown and
         * written on the heading's line, after it, never as a paragraph of its own.
         */
        RUN_IN,
        /** A line of a 公文's 附件说明 ({@code 附件：1. ……}), set under the body. */
        ATTACHMENT,
        /** A line of the 落款 (issuing organ, 成文日期, {@code （此件公开发布）}), set flush right where it stands. */
        SIGNATURE
    }

    public Paragraph {
        role = role == null ? Role.BODY : role;
    }

    /** An ordinary paragraph, or a closing one. */
    public Paragraph(String text, int points, boolean closing) {
        this(text, points, closing, Role.BODY);
    }

    /** The same paragraph with other words, e.g. a reader's personalised copy of it. */
    public Paragraph withText(String newText) {
        return new Paragraph(newText, points, closing, role);
    }
}
