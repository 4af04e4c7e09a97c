package org.scriptorium.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.scriptorium.common.Rejected;

/**
 * Recognises the structure of an official-writing material in plain text: title, salutation,
 * numbered headings at four levels, enumerated points, the closing paragraph and placeholders, and
 * strips the source's boilerplate notices. Plain Java, stateless and thread-safe.
 */
public final class StructureParser {

    /** Titles are short; anything longer is body text. */
    private static final int MAX_TITLE = 60;
    private static final int MAX_SALUTATION = 30;
    /** A salutation sits among the first few lines after the title (speaker and date lines may precede it). */
    private static final int SALUTATION_WINDOW = 3;
    private static final int FALLBACK_TITLE = 20;

    private static final Pattern POINT_START = Pattern.compile("^(?:十|[一二三四五六七八九])是|^第[一二三四五六七八九十]+[，,、]");
    private static final Pattern CLOSING = Pattern.compile("^同志们[，,！!]|谢谢大家|谢谢[！!。]|谢谢$");

    /**
     * Parses {@code rawText} (plain text, one paragraph per line; {@code \r\n}, a BOM, full-width
     * indentation and blank lines are tolerated) into a {@link ParsedMaterial}. The title is the first
     * line when it is short, not a heading, not a salutation and has no {@code 。}; otherwise a title
     * is made from the first 20 characters of the body and that line stays in the blocks. Lines
     * between the title and the salutation or first heading (speaker, date, subtitle) are kept as
     * ordinary paragraphs. The body holds the title line (only if one was found, a made-up title is
     * not added), the salutation and every block, one per line; characters are kept as written apart
     * from trimming each line.
     *
     * @throws Rejected {@code EMPTY_TEXT} (422) if nothing but whitespace and notices remains
     */
    public ParsedMaterial parse(String rawText) {
        NoticeFilter.Result filtered = NoticeFilter.filter(TextLines.of(rawText));
        List<String> lines = filtered.kept();
        if (lines.isEmpty()) {
            throw Rejected.invalid("EMPTY_TEXT", "正文为空，请检查上传的文件或粘贴的内容。",
                    "The text is empty; check the uploaded file or the pasted text.");
        }
        int next = 0;
        String title = null;
        if (isTitle(lines.getFirst())) {
            title = lines.getFirst();
            next = 1;
        }
        String salutation = null;
        int salutationAt = -1;
        for (int i = next; i < Math.min(lines.size(), next + SALUTATION_WINDOW); i++) {
            String line = lines.get(i);
            if (isSalutation(line)) {
                salutation = line;
                salutationAt = i;
                break;
            }
            if (line.contains("。") || HeadingPattern.match(line).isPresent()) {
                break; // the speech has begun; a later "……如下：" is body text
            }
        }
        List<Block> blocks = new ArrayList<>();
        Outline outline = new Outline();
        for (int i = next; i < lines.size(); i++) {
            if (i == salutationAt) {
                continue;
            }
            String line = lines.get(i);
            var heading = HeadingPattern.match(line);
            if (heading.isPresent()) {
                var h = heading.get();
                blocks.add(new Heading(h.level(), h.number(), h.heading(), h.text(), outline.next(h.level())));
                if (!h.rest().isEmpty()) {
                    blocks.add(new Paragraph(h.rest(), Points.count(h.rest()), false));
                }
            } else {
                blocks.add(new Paragraph(line, Points.count(line), false));
            }
        }
        markClosing(blocks);
        String body = body(title, salutation, blocks);
        boolean titleFound = title != null;
        if (title == null) {
            title = fallbackTitle(blocks.isEmpty() ? salutation : blocks.getFirst().text());
        }
        return new ParsedMaterial(title, titleFound, salutation, blocks, Placeholders.count(body), filtered.notices(),
                body, TextLines.nonBlankCount(body));
    }

    /**
     * Parses {@code rawText} knowing the file it came from and the stripped lines the editor put back.
     *
     * @throws Rejected {@code EMPTY_TEXT} (422) as {@link #parse(String)}
     */
    public ParsedMaterial parse(String rawText, ImportContext context) {
        return parse(rawText);
    }

    private static boolean isTitle(String line) {
        return line.length() <= MAX_TITLE
                && !line.contains("。")
                && "；;：:，,".indexOf(line.charAt(line.length() - 1)) < 0
                && HeadingPattern.match(line).isEmpty()
                && !POINT_START.matcher(line).find();
    }

    private static boolean isSalutation(String line) {
        char last = line.charAt(line.length() - 1);
        return (last == '：' || last == ':')
                && line.length() <= MAX_SALUTATION
                && !line.contains("。")
                && HeadingPattern.match(line).isEmpty()
                && !POINT_START.matcher(line).find();
    }

    /** Marks the trailing run of paragraphs that open with 同志们， or thank the audience. */
    private static void markClosing(List<Block> blocks) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (blocks.get(i) instanceof Paragraph p && CLOSING.matcher(p.text()).find()) {
                blocks.set(i, new Paragraph(p.text(), p.points(), true));
            } else {
                return;
            }
        }
    }

    private static String fallbackTitle(String firstLine) {
        String s = firstLine == null ? "" : firstLine;
        int sentenceEnd = -1;
        for (int i = 0; i < s.length(); i++) {
            if ("。！？；：!?;:".indexOf(s.charAt(i)) >= 0) {
                sentenceEnd = i;
                break;
            }
        }
        if (sentenceEnd > 0 && sentenceEnd <= FALLBACK_TITLE) {
            return s.substring(0, sentenceEnd);
        }
        if (s.codePointCount(0, s.length()) <= FALLBACK_TITLE) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, FALLBACK_TITLE)) + "…";
    }

    private static String body(String title, String salutation, List<Block> blocks) {
        List<String> lines = new ArrayList<>();
        if (title != null) {
            lines.add(title);
        }
        if (salutation != null) {
            lines.add(salutation);
        }
        blocks.forEach(b -> lines.add(b.text()));
        return String.join("\n", lines);
    }

    /** Numbers headings by their position in the outline, so anchors stay stable while text is revised. */
    private static final class Outline {
        private final int[] counters = new int[5];

        String next(int level) {
            counters[level]++;
            for (int l = level + 1; l < counters.length; l++) {
                counters[l] = 0;
            }
            StringBuilder anchor = new StringBuilder("s").append(counters[1]);
            for (int l = 2; l <= level; l++) {
                anchor.append('-').append(counters[l]);
            }
            return anchor.toString();
        }
    }
}
