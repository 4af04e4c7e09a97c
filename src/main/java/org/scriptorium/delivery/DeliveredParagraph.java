package org.scriptorium.delivery;

import java.util.Objects;

/**
 * One paragraph of a {@link DeliveredDocument}: its role in the document and its text.
 *
 * @param style the paragraph's role, which decides its layout; never {@code null}
 * @param text  the text, without layout indentation (writers add it); never {@code null}
 * @param runIn for a heading, the body text that shares its line ({@code （一）严格管控野外火源。} then {@code 各村要……}),
 *              set after the heading's words in body type; {@code null} for none. It stays a text of its own, as the
 *              copy's marks were placed in it: writers lay the two out together and never merge or change them.
 */
public record DeliveredParagraph(Style style, String text, String runIn) {

    /**
     * @throws NullPointerException     if {@code style} or {@code text} is {@code null}
     * @throws IllegalArgumentException if a paragraph other than a heading has a run-in text
     */
    public DeliveredParagraph {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(text, "text");
        if (runIn != null && !style.heading()) {
            throw new IllegalArgumentException("only a heading carries a run-in text, not " + style);
        }
    }

    /** A paragraph with no run-in text. */
    public DeliveredParagraph(Style style, String text) {
        this(style, text, null);
    }

    /** Whether a run-in text follows the heading on its line. */
    public boolean hasRunIn() {
        return runIn != null;
    }

    /** The role of a paragraph in a Chinese official document. */
    public enum Style {
        /** The address to the audience ({@code 同志们：}), set flush left. */
        SALUTATION,
        /** A first-level heading ({@code 一、}). */
        HEADING_1,
        /** A second-level heading ({@code （一）}). */
        HEADING_2,
        /** A third-level heading ({@code 1.}). */
        HEADING_3,
        /** A fourth-level heading ({@code （1）}). */
        HEADING_4,
        /** An ordinary paragraph. */
        BODY,
        /** The closing paragraph. */
        CLOSING,
        /** A line of the 附件说明, set as a block two characters from the left margin (左空二字), no first-line indent. */
        ATTACHMENT,
        /** A line of the 落款 (issuing organ, 成文日期, {@code （此件公开发布）}), set flush right. */
        SIGNATURE;

        /** Whether this is a heading of any level. */
        public boolean heading() {
            return this == HEADING_1 || this == HEADING_2 || this == HEADING_3 || this == HEADING_4;
        }
    }
}
