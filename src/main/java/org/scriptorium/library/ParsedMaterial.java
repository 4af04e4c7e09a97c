package org.scriptorium.library;

import java.util.List;

/**
 * The structure recognised in a material's text by {@link StructureParser}.
 *
 * @param title         the title: from the text, else from the file's name, else made from the first words
 *                      ({@code titleOrigin} says which)
 * @param titleOrigin   where the title came from; {@link TitleOrigin#NONE} asks the editor to give one
 * @param salutation    the salutation ({@code 同志们：}, the 主送机关 of a notice), or {@code null} if none
 * @param blocks        the body blocks in reading order (title, salutation and the 落款 lines are not among them)
 * @param placeholders  the placeholders sorted by count, most frequent first
 * @param strippedLines the lines removed as not part of the document (web-page chrome, other publishers' adverts,
 *                      page numbers), as written, with the reason
 * @param elements      the 公文 elements found (发文字号, 主送机关, 落款, 成文日期, 附件说明)
 * @param body          the cleaned body: title, salutation, one block per line, then the 落款 lines
 * @param characters    the body's number of non-whitespace characters
 */
public record ParsedMaterial(String title, TitleOrigin titleOrigin, String salutation, List<Block> blocks,
        List<PlaceholderCount> placeholders, List<StrippedLine> strippedLines, OfficialElements elements, String body,
        int characters) {

    public ParsedMaterial {
        blocks = List.copyOf(blocks);
        placeholders = List.copyOf(placeholders);
        strippedLines = List.copyOf(strippedLines);
        elements = elements == null ? OfficialElements.NONE : elements;
    }

    /** The result of the first parser (revisions saved before issue 13): notices without reasons, no 公文 elements. */
    ParsedMaterial(String title, boolean titleFound, String salutation, List<Block> blocks,
                   List<PlaceholderCount> placeholders, List<String> strippedNotices, String body, int characters) {
        this(title, titleFound ? TitleOrigin.TEXT : TitleOrigin.NONE, salutation, blocks, placeholders,
                strippedNotices.stream().map(n -> new StrippedLine(n, "notice", "来源声明")).toList(),
                OfficialElements.NONE, body, characters);
    }

    /** The removed lines' text, as written. */
    public List<String> strippedNotices() {
        return strippedLines.stream().map(StrippedLine::text).toList();
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
