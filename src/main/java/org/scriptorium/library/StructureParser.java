package org.scriptorium.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.scriptorium.common.Rejected;

/**
 * Recognises the structure of an official-writing material in plain text: title, salutation,
 * numbered headings at four levels, enumerated points, the closing paragraph, placeholders and the
 * elements of a 公文, after {@link SourceCleaner} has removed what is not the document. Plain Java,
 * stateless and thread-safe.
 *
 * <p>There are two parsers, and a saved revision is always read again by the one that first read it
 * ({@link Revision#parserVersion}): the marks in copies already delivered, and the tracer, depend on
 * its paragraphs staying exactly as they were. Version 1 ({@link #parseFirstVersion}) read the whole
 * source text with a fixed notice filter; version 2 ({@link #read}) cleans the text with the notice
 * rules of the day, keeps what it cleaned, and reads the structure from that alone
 * ({@link #structure}).
 */
public final class StructureParser {

    /** The version {@link #read} writes into a revision. */
    public static final int CURRENT_VERSION = 2;

    /** Titles are short; anything longer is body text. */
    private static final int MAX_TITLE = 60;
    private static final int MAX_SALUTATION = 30;
    /** A salutation sits among the first few lines after the title (speaker and date lines may precede it). */
    private static final int SALUTATION_WINDOW = 3;
    private static final int FALLBACK_TITLE = 20;

    private static final Pattern POINT_START = Pattern.compile("^(?:十|[一二三四五六七八九])是|^第[一二三四五六七八九十]+[，,、]");
    private static final Pattern CLOSING = Pattern.compile("^同志们[，,！!]|谢谢大家|谢谢[！!。]|谢谢$");

    /** A source text read by the current parser: the structure, and the cleaned text it was read from. */
    public record Reading(ParsedMaterial parsed, String cleanedText) {
    }

    /**
     * Parses pasted text with the built-in notice rules, as {@link #read} does.
     *
     * @throws Rejected {@code EMPTY_TEXT} (422) if nothing but whitespace and notices remains
     */
    public ParsedMaterial parse(String rawText) {
        return parse(rawText, ImportContext.NONE);
    }

    /**
     * Parses a text knowing the file it came from and the stripped lines the editor put back, with the built-in notice
     * rules.
     *
     * @throws Rejected {@code EMPTY_TEXT} (422) if nothing but whitespace and notices remains
     */
    public ParsedMaterial parse(String rawText, ImportContext context) {
        return read(rawText, context, NoticeRuleBook.builtIn()).parsed();
    }

    /**
     * Cleans {@code rawText} with {@code rules} and reads its structure: title (from the text, else the file's name),
     * salutation or 主送机关, headings with their run-in text, points, 附件说明, 落款 and 成文日期, closing.
     *
     * @throws Rejected {@code EMPTY_TEXT} (422) if nothing but whitespace and notices remains
     */
    public Reading read(String rawText, ImportContext context, List<NoticeRule> rules) {
        SourceCleaner.Cleaned cleaned = new SourceCleaner(rules).clean(rawText, context);
        String cleanedText = String.join("\n", cleaned.lines());
        return new Reading(structure(cleanedText, context.fileName(), cleaned.stripped()), cleanedText);
    }

    /**
     * Reads the structure of a text {@link #read} has cleaned (one paragraph per line). Deterministic: the same text,
     * file name and stripped lines give the same result, which is how a saved revision is read again.
     *
     * @throws Rejected {@code EMPTY_TEXT} (422) if the text is blank
     */
    public ParsedMaterial structure(String cleanedText, String fileName, List<StrippedLine> stripped) {
        List<String> lines = TextLines.of(cleanedText);
        if (lines.isEmpty()) {
            throw Rejected.invalid("EMPTY_TEXT", "正文为空，请检查上传的文件或粘贴的内容。",
                    "The text is empty; check the uploaded file or the pasted text.");
        }
        TitleFinder.Found found = TitleFinder.find(lines, fileName);
        List<String> rest = found.body();

        String documentNumber = null;
        for (int i = 0; i < Math.min(rest.size(), SALUTATION_WINDOW + 3) && documentNumber == null; i++) {
            if (HardWraps.width(rest.get(i)) <= 60) {
                documentNumber = OfficialElementsReader.documentNumber(rest.get(i));
            }
        }
        if (documentNumber == null) {
            documentNumber = stripped.stream().map(l -> OfficialElementsReader.documentNumber(l.text()))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }

        String salutation = null;
        String recipients = null;
        int salutationAt = -1;
        for (int i = 0; i < Math.min(rest.size(), SALUTATION_WINDOW + 5); i++) {
            String line = rest.get(i);
            if (OfficialElementsReader.isRecipients(line)) {
                salutation = line;
                recipients = line.substring(0, line.length() - 1);
                salutationAt = i;
                break;
            }
            if (isSalutation(line)) {
                salutation = line;
                salutationAt = i;
                break;
            }
            if (line.contains("。") || HeadingPattern.match(line).isPresent()) {
                break; // the text has begun; a later "……如下：" is body text
            }
        }

        Paragraph.Role[] roles = new Paragraph.Role[rest.size()];
        java.util.Arrays.fill(roles, Paragraph.Role.BODY);
        List<String> attachments = new ArrayList<>();
        markAttachments(rest, roles, attachments);
        Signature signature = markSignature(rest, roles, salutationAt);

        boolean[] cells = TableCells.of(rest);
        List<Block> blocks = new ArrayList<>();
        Outline outline = new Outline();
        int lastTopNumber = 0;
        for (int i = 0; i < rest.size(); i++) {
            if (i == salutationAt) {
                continue;
            }
            String line = rest.get(i);
            var heading = roles[i] == Paragraph.Role.BODY ? HeadingPattern.match(line) : java.util.Optional.<HeadingPattern.Match>empty();
            if (heading.isPresent() && cells[i]) {
                // inside a flattened table only the next first-level heading of the outline is a heading: the
                // numbered row labels (一、本年新收…, 1.属于国家秘密) are cells
                var h = heading.get();
                if (h.level() != 1 || TableCells.chineseNumber(h.number()) != lastTopNumber + 1) {
                    heading = java.util.Optional.empty();
                }
            }
            if (heading.isPresent() && heading.get().level() == 1) {
                lastTopNumber = Math.max(lastTopNumber, TableCells.chineseNumber(heading.get().number()));
            }
            if (heading.isPresent()) {
                var h = heading.get();
                blocks.add(new Heading(h.level(), h.number(), h.heading(), h.text(), outline.next(h.level())));
                if (!h.rest().isEmpty()) {
                    blocks.add(new Paragraph(h.rest(), Points.count(h.rest()), false, Paragraph.Role.RUN_IN));
                }
            } else {
                blocks.add(new Paragraph(line, Points.count(line), false, roles[i]));
            }
        }
        markClosing(blocks);
        String title = found.title();
        if (found.origin() == TitleOrigin.NONE) {
            title = TitleFinder.fallback(blocks.isEmpty() ? salutation : blocks.getFirst().text());
        }
        String body = bodyOf(found.origin() == TitleOrigin.NONE ? null : title, salutation, blocks);
        java.time.LocalDate issuedOn = signature.date();
        if (issuedOn == null) {
            // a government page's metadata table (成文日期：……) was stripped as page chrome, but it is the date
            issuedOn = stripped.stream().filter(l -> l.text().startsWith("成文日期"))
                    .map(l -> OfficialElementsReader.date(l.text())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        OfficialElements elements = new OfficialElements(documentNumber, recipients, signature.issuer(), issuedOn,
                attachments);
        return new ParsedMaterial(title, found.origin(), salutation, blocks, Placeholders.count(body), stripped,
                elements, body, TextLines.nonBlankCount(body));
    }

    /** The 落款 found: the organs above the 成文日期, and the date. */
    private record Signature(String issuer, java.time.LocalDate date) {
    }

    /**
     * Marks the 附件说明: a line {@code 附件：……} and the numbered lines right under it, which are names, not headings.
     */
    private static void markAttachments(List<String> lines, Paragraph.Role[] roles, List<String> names) {
        for (int i = 0; i < lines.size(); i++) {
            String head = OfficialElementsReader.attachmentHead(lines.get(i));
            if (head == null || (head.isEmpty() && i + 1 < lines.size()
                    && OfficialElementsReader.attachmentItem(lines.get(i + 1)) == null)) {
                continue;
            }
            roles[i] = Paragraph.Role.ATTACHMENT;
            if (!head.isEmpty()) {
                names.add(head);
            }
            int j = i + 1;
            for (; j < lines.size(); j++) {
                String item = OfficialElementsReader.attachmentItem(lines.get(j));
                if (item == null || HardWraps.width(lines.get(j)) > 120) {
                    break;
                }
                roles[j] = Paragraph.Role.ATTACHMENT;
                names.add(item);
            }
            return;
        }
    }

    /**
     * Marks the first 落款 after the text has begun: a 成文日期 on a line of its own, the organ lines just above it, and
     * a bracketed note just below ({@code （此件公开发布）}). They stay where they are in the text.
     */
    private static Signature markSignature(List<String> lines, Paragraph.Role[] roles, int salutationAt) {
        boolean begun = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!begun) {
                begun = i > salutationAt && (line.contains("。") || HardWraps.width(line) >= 60);
                continue;
            }
            if (!OfficialElementsReader.isDate(line) || roles[i] != Paragraph.Role.BODY) {
                continue;
            }
            roles[i] = Paragraph.Role.SIGNATURE;
            List<String> organs = new ArrayList<>();
            for (int k = i - 1; k >= Math.max(0, i - 3) && roles[k] == Paragraph.Role.BODY
                    && OfficialElementsReader.isOrganLine(lines.get(k)); k--) {
                roles[k] = Paragraph.Role.SIGNATURE;
                organs.addFirst(lines.get(k));
            }
            for (int k = i + 1; k < lines.size() && k <= i + 2 && OfficialElementsReader.followsSignature(lines.get(k)); k++) {
                roles[k] = Paragraph.Role.SIGNATURE;
            }
            return new Signature(organs.isEmpty() ? null : String.join(" ", organs), OfficialElementsReader.date(line));
        }
        return new Signature(null, null);
    }

    /** The body: title, salutation, then one block a line, a run-in text on its heading's line. */
    private static String bodyOf(String title, String salutation, List<Block> blocks) {
        StringBuilder body = new StringBuilder();
        if (title != null) {
            body.append(title);
        }
        if (salutation != null) {
            body.append(body.isEmpty() ? "" : "\n").append(salutation);
        }
        for (Block b : blocks) {
            boolean runIn = b instanceof Paragraph p && p.role() == Paragraph.Role.RUN_IN;
            if (!body.isEmpty() && !runIn) {
                body.append('\n');
            }
            body.append(b.text());
        }
        return body.toString();
    }

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
    public ParsedMaterial parseFirstVersion(String rawText) {
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
