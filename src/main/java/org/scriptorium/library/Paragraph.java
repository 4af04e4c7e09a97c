package org.scriptorium.library;

/**
 * A paragraph of body text as written; {@code points} is the number of enumerated points it holds
 * ({@code 一是……；二是……} or {@code 第一，……}); {@code closing} is true for the trailing paragraph(s) of a
 * speech that begin with {@code 同志们，} or thank the audience.
 */
public record Paragraph(String text, int points, boolean closing) implements Block {
}
