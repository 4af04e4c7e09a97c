package org.scriptorium.library;

/**
 * A line the cleaner removed from an imported text because it is not part of the document.
 *
 * @param text   the line as written
 * @param rule   the id of the rule that removed it (e.g. {@code web-toolbar}, {@code contact}, {@code page-number})
 * @param reason why, in words an editor reads (Chinese)
 */
public record StrippedLine(String text, String rule, String reason) {
}
