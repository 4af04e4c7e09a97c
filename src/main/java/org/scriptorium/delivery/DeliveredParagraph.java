package org.scriptorium.delivery;

import java.util.Objects;

/**
 * One paragraph of a {@link DeliveredDocument}: its role in the document and its text.
 *
 * @param style the paragraph's role, which decides its layout; never {@code null}
 * @param text  the text, without layout indentation (writers add it); never {@code null}
 */
public record DeliveredParagraph(Style style, String text) {

    /** @throws NullPointerException if {@code style} or {@code text} is {@code null} */
    public DeliveredParagraph {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(text, "text");
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
        CLOSING
    }
}
