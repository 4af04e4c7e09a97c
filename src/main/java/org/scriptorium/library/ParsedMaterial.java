package org.scriptorium.library;

import java.util.List;

/**
 * The structure recognised in a material's text by {@link StructureParser}: the title, the salutation
 * ({@code null} if none), the body blocks in order (title and salutation are not among them), the
 * placeholders sorted by count (most frequent first), the source's boilerplate notices that were
 * removed (as written, trimmed), the cleaned body (title, salutation, then one block per line) and
 * its number of non-whitespace characters.
 */
public record ParsedMaterial(String title, String salutation, List<Block> blocks,
        List<PlaceholderCount> placeholders, List<String> strippedNotices, String body, int characters) {

    public ParsedMaterial {
        blocks = List.copyOf(blocks);
        placeholders = List.copyOf(placeholders);
        strippedNotices = List.copyOf(strippedNotices);
    }

    /**
     * The text of every block, headings included, in reading order: what a copy is made of, what marks are placed
     * in and what the tracer compares a leak with, so every one of them must use this same list.
     */
    public List<String> paragraphs() {
        return blocks.stream().map(Block::text).toList();
    }

    /** The headings of all levels, in reading order. */
    public List<Heading> outline() {
        return blocks.stream().filter(Heading.class::isInstance).map(Heading.class::cast).toList();
    }

    /** The number of enumerated points ({@code 一是}, {@code 第一，} …) over all paragraphs. */
    public int points() {
        return blocks.stream().mapToInt(b -> b instanceof Paragraph p ? p.points() : 0).sum();
    }
}
