package org.scriptorium.library;

/**
 * A numbered heading: {@code level} 1 for {@code 一、}, 2 for {@code （一）}, 3 for {@code 1.}, 4 for
 * {@code （1）}; {@code number} is the numbering as written (e.g. {@code "（一）"}); {@code heading} is
 * the heading's words without the number and without trailing {@code 。；：}; {@code text} is the
 * whole heading segment as written; {@code anchor} is a stable in-page id built from the position in
 * the outline ({@code "s2"}, {@code "s2-1"}, {@code "s2-1-3"}; a missing parent level counts as 0).
 */
public record Heading(int level, String number, String heading, String text, String anchor) implements Block {

    /** The same heading with other words, e.g. a reader's personalised copy of it. */
    public Heading withText(String newText) {
        return new Heading(level, number, heading, newText, anchor);
    }
}
