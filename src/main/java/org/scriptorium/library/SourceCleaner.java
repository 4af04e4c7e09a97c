package org.scriptorium.library;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The first step of an import: keeps the document and removes what came with it. In order, it
 * <ol>
 *   <li>removes markup (HTML tags and entities, Markdown headings) from every line;</li>
 *   <li>removes page furniture of a paged text (pages are separated by form feeds, as PDF extraction writes them):
 *       page numbers, and running heads repeated at the top or bottom of most pages;</li>
 *   <li>removes page numbers ({@code page-} rules), before hard wraps are joined or they would be joined in;</li>
 *   <li>joins hard-wrapped lines into paragraphs ({@link HardWraps});</li>
 *   <li>removes lines that match an {@link NoticeRule.Scope#ANYWHERE} rule (a QQ number, a WeChat id);</li>
 *   <li>removes, above the document's beginning and below its end, the lines that match an
 *       {@link NoticeRule.Scope#EDGE} rule (web-page chrome, other publishers' adverts and notices), the site name
 *       and slogan lines inside such a publisher's header or footer, and a table of contents.</li>
 * </ol>
 * The beginning is the first heading or long sentence that no rule matches; the end, the last such line or 成文日期.
 * A line that reads like a title ({@link TitleFinder#isTitleForm}) is never removed by an edge rule, and no line longer
 * than {@value #MAX_NOTICE} characters is removed at all: a paragraph that mentions a notice phrase is body text.
 * Lines the editor put back ({@link ImportContext#restoredLines}) are kept whatever matches them. Plain Java, stateless.
 */
final class SourceCleaner {

    static final int MAX_NOTICE = 120;
    /**
     * An edge rule only removes a line at most this wide (half-width columns): adverts are short, while the first
     * paragraph of a notice may well mention 倒卖 or 学习 in a long sentence.
     */
    private static final int MAX_EDGE_WIDTH = 100;
    /** How far from each end the beginning and end of a document are looked for. */
    private static final int ZONE_LIMIT = 30;
    /** When no beginning is found, how many top lines count as the header. */
    private static final int DEFAULT_ZONE = 8;
    /** A site name or slogan line inside a publisher's header is at most this wide (half-width columns). */
    private static final int HEADER_NAME_WIDTH = 24;

    private static final String SENTENCE_END = "。！？!?";
    private static final Pattern SEPARATOR = Pattern.compile("^[-=—─━*~·•_＝－★☆◆◇■□●○▲△※#＃]{3,}$");
    private static final Pattern BARE_NUMBER = Pattern.compile("^[0-9]{1,3}$");
    private static final Pattern DASHED_NUMBER = Pattern.compile("^[-—–－\\s]*[0-9]{1,3}[-—–－\\s]*$");
    /** A table of contents lists at most this many entries (it bounds the search for them further down). */
    private static final int MAX_CONTENTS = 300;
    private static final Pattern CONTENTS = Pattern.compile("^目\\s*录[:：]?$");
    private static final Pattern CONTENTS_TAIL = Pattern.compile("[.．…·\\s—-]*[0-9]{0,4}$");

    /** What the cleaner kept, one paragraph per line, and what it removed. */
    record Cleaned(List<String> lines, List<StrippedLine> stripped, boolean wrapped) {
    }

    private record Line(String text, int page) {
    }

    private final List<Rule> pageRules = new ArrayList<>();
    private final List<Rule> anywhere = new ArrayList<>();
    private final List<Rule> edge = new ArrayList<>();
    /** The edge rules that may remove a whole sentence: all but those that only look for a word an advert uses. */
    private final List<Rule> strongEdge = new ArrayList<>();
    /**
     * Rules that match words adverts use but a document may too (公众号, 关注我们, 整理); at the edges they remove a line
     * only when it does not read as a sentence, since adverts rarely do.
     */
    private static final Set<String> MENTIONS = Set.of("ad-contact", "ad-promotion");

    private record Rule(NoticeRule rule, Pattern pattern) {
        boolean advert() {
            return rule.id().startsWith("ad-") || rule.id().startsWith("contact-") || !rule.builtIn();
        }
    }

    SourceCleaner(List<NoticeRule> rules) {
        for (NoticeRule r : rules) {
            Rule rule = new Rule(r, r.compiled());
            if (r.scope() == NoticeRule.Scope.EDGE) {
                edge.add(rule);
                if (!(r.builtIn() && MENTIONS.contains(r.id()))) {
                    strongEdge.add(rule);
                }
            } else if (r.builtIn() && r.id().startsWith("page-")) {
                pageRules.add(rule);
            } else {
                anywhere.add(rule);
            }
        }
    }

    Cleaned clean(String raw, ImportContext context) {
        Set<String> restored = new HashSet<>();
        context.restoredLines().forEach(l -> restored.add(TextLines.trim(l)));
        List<StrippedLine> stripped = new ArrayList<>();

        List<Line> lines = removePageFurniture(readPages(raw), restored, stripped);
        // page numbers go before hard wraps are joined, or they would be joined into the text
        List<String> kept = new ArrayList<>();
        for (Line line : lines) {
            Rule rule = restored.contains(line.text()) ? null : first(pageRules, line.text());
            if (rule != null) {
                stripped.add(strippedBy(line.text(), rule));
            } else {
                kept.add(line.text());
            }
        }
        HardWraps.Result joined = HardWraps.join(kept);
        List<String> result = removeNotices(joined.lines(), restored, stripped);
        return new Cleaned(result, inReadingOrder(stripped, raw), joined.wrapped());
    }

    /** The stripped lines in the order they stand in the source, for an editor reading them against it. */
    private static List<StrippedLine> inReadingOrder(List<StrippedLine> stripped, String raw) {
        String source = raw == null ? "" : raw;
        List<StrippedLine> ordered = new ArrayList<>(stripped);
        ordered.sort(java.util.Comparator.comparingInt(l -> {
            int at = source.indexOf(l.text());
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        return ordered;
    }

    private static List<Line> readPages(String raw) {
        List<Line> lines = new ArrayList<>();
        String[] pages = (raw == null ? "" : raw).split("\f", -1);
        for (int page = 0; page < pages.length; page++) {
            for (String line : TextLines.of(pages[page])) {
                String clean = Markup.strip(line);
                if (!clean.isEmpty()) {
                    lines.add(new Line(clean, page));
                }
            }
        }
        return lines;
    }

    /** Bare page numbers at a page's top or bottom, and running heads found on most pages' first or last line. */
    private static List<Line> removePageFurniture(List<Line> lines, Set<String> restored, List<StrippedLine> stripped) {
        int pages = lines.isEmpty() ? 0 : lines.getLast().page() + 1;
        if (pages < 2) {
            return lines;
        }
        boolean[] edgeOfPage = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            boolean first = i == 0 || lines.get(i - 1).page() != lines.get(i).page();
            boolean last = i == lines.size() - 1 || lines.get(i + 1).page() != lines.get(i).page();
            edgeOfPage[i] = first || last;
        }
        boolean[] nearEdge = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            int page = lines.get(i).page();
            boolean nearFirst = i < 2 || lines.get(i - 2).page() != page;
            boolean nearLast = i >= lines.size() - 2 || lines.get(i + 2).page() != page;
            nearEdge[i] = nearFirst || nearLast;
        }
        Map<String, Integer> heads = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (edgeOfPage[i] && lines.get(i).text().length() <= 40) {
                heads.merge(headKey(lines.get(i).text()), 1, Integer::sum);
            }
        }
        int repeated = Math.max(2, pages / 2);
        List<Line> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String text = line.text();
            if (nearEdge[i] && !restored.contains(text)) {
                if (edgeOfPage[i] && (BARE_NUMBER.matcher(text).matches() || DASHED_NUMBER.matcher(text).matches())) {
                    stripped.add(new StrippedLine(text, "page-number", "页码"));
                    continue;
                }
                // a running head repeats at the edge of most pages (the first page may have it one line further in)
                if (text.length() <= 40 && heads.getOrDefault(headKey(text), 0) >= repeated && i > 0) {
                    stripped.add(new StrippedLine(text, "running-head", "页眉或页脚"));
                    continue;
                }
            }
            kept.add(line);
        }
        return kept;
    }

    /** Running heads differ only in their page numbers. */
    private static String headKey(String text) {
        return text.replaceAll("[0-9]+", "#");
    }

    private List<String> removeNotices(List<String> lines, Set<String> restored, List<StrippedLine> stripped) {
        int n = lines.size();
        Rule[] match = new Rule[n];
        String[] reason = new String[n];
        String[] ruleId = new String[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (restored.contains(line)) {
                continue;
            }
            Rule anywhereRule = first(anywhere, line);
            if (anywhereRule != null) {
                ruleId[i] = anywhereRule.rule().id();
                reason[i] = anywhereRule.rule().reason();
                match[i] = anywhereRule;
            } else if (HardWraps.width(line) <= MAX_EDGE_WIDTH && !TitleFinder.isTitleForm(line)) {
                match[i] = first(sentence(line) ? strongEdge : edge, line);
            }
        }
        int begin = begin(lines, match);
        int end = end(lines, match, begin);
        for (int i = 0; i < n; i++) {
            if (match[i] != null && ruleId[i] == null && (i < begin || i > end)) {
                ruleId[i] = match[i].rule().id();
                reason[i] = match[i].rule().reason();
            }
        }
        markPublisherBlocks(lines, match, begin, end, restored, ruleId, reason);
        extendAdvertRuns(lines, match, ruleId, reason);
        markContents(lines, begin, restored, ruleId, reason);

        List<String> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (ruleId[i] != null) {
                stripped.add(new StrippedLine(line, ruleId[i], reason[i]));
            } else if (SEPARATOR.matcher(line).matches() && (i < begin || i > end || nearStripped(ruleId, i))) {
                continue; // a frame around a notice carries no text worth keeping
            } else {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The first heading, salutation or long sentence that no edge rule matches, within the first lines. */
    private static int begin(List<String> lines, Rule[] match) {
        int limit = Math.min(lines.size(), ZONE_LIMIT);
        for (int i = 0; i < limit; i++) {
            if (match[i] == null && startsBody(lines.get(i))) {
                return i;
            }
        }
        return Math.min(lines.size(), DEFAULT_ZONE);
    }

    /** The last long sentence, heading or 成文日期 that no edge rule matches, within the last lines. */
    private static int end(List<String> lines, Rule[] match, int begin) {
        int n = lines.size();
        for (int i = n - 1; i >= Math.max(begin, n - ZONE_LIMIT); i--) {
            String line = lines.get(i);
            if (match[i] == null && (startsBody(line) || OfficialElementsReader.isDate(line))) {
                return i;
            }
        }
        return n - 1;
    }

    /** A line that ends like a sentence and does not open with a bracket, as a notice set in 【】 would. */
    private static boolean sentence(String line) {
        return SENTENCE_END.indexOf(line.charAt(line.length() - 1)) >= 0 && "【[（(".indexOf(line.charAt(0)) < 0;
    }

    private static boolean startsBody(String line) {
        return HeadingPattern.match(line).isPresent()
                || (HardWraps.width(line) >= 50 && containsAny(line, SENTENCE_END));
    }

    /**
     * A publisher's header is a run of lines from the top (a footer, to the bottom) made of advert lines and the site's
     * name or slogan between them: short lines that are not a title, heading, salutation, date or subtitle.
     */
    private static void markPublisherBlocks(List<String> lines, Rule[] match, int begin, int end, Set<String> restored,
                                            String[] ruleId, String[] reason) {
        int n = lines.size();
        int lastAdvert = -1;
        for (int i = 0; i < Math.min(begin, n); i++) {
            if (match[i] != null && match[i].advert()) {
                lastAdvert = i;
            } else if (match[i] == null && !headerName(lines.get(i), restored)) {
                break;
            }
        }
        for (int i = 0; i < lastAdvert; i++) {
            if (ruleId[i] == null) {
                ruleId[i] = "publisher-header";
                reason[i] = "其他平台的名称或宣传语（位于其广告之间）";
            }
        }
        int firstAdvert = n;
        for (int i = n - 1; i > end; i--) {
            if (match[i] != null && match[i].advert()) {
                firstAdvert = i;
            } else if (match[i] == null && !headerName(lines.get(i), restored)) {
                break;
            }
        }
        for (int i = firstAdvert + 1; i < n; i++) {
            if (ruleId[i] == null) {
                ruleId[i] = "publisher-footer";
                reason[i] = "其他平台的名称或宣传语（位于其广告之间）";
            }
        }
    }

    private static boolean headerName(String line, Set<String> restored) {
        return !restored.contains(line)
                && HardWraps.width(line) <= HEADER_NAME_WIDTH
                && !containsAny(line, SENTENCE_END + "；;：:")
                && !line.startsWith("——")
                && !TitleFinder.isTitleForm(line)
                && HeadingPattern.match(line).isEmpty()
                && !OfficialElementsReader.isDate(line);
    }

    /** An advert line next to one already removed, anywhere in the text: a block of adverts between two pages. */
    private static void extendAdvertRuns(List<String> lines, Rule[] match, String[] ruleId, String[] reason) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < lines.size(); i++) {
                if (ruleId[i] == null && match[i] != null && match[i].advert() && nearStripped(ruleId, i)) {
                    ruleId[i] = match[i].rule().id();
                    reason[i] = match[i].rule().reason();
                    changed = true;
                }
            }
        }
    }

    /** A 目录 line near the top, and the entries under it that appear again below as lines of the text. */
    private static void markContents(List<String> lines, int begin, Set<String> restored, String[] ruleId,
                                     String[] reason) {
        int limit = Math.min(lines.size(), ZONE_LIMIT);
        for (int i = 0; i < limit; i++) {
            if (CONTENTS.matcher(lines.get(i)).matches() && !restored.contains(lines.get(i))) {
                ruleId[i] = "table-of-contents";
                reason[i] = "目录";
                for (int j = i + 1; j < Math.min(lines.size(), i + 1 + MAX_CONTENTS); j++) {
                    String entry = CONTENTS_TAIL.matcher(lines.get(j)).replaceFirst("");
                    if (entry.isEmpty() || restored.contains(lines.get(j)) || !appearsBelow(lines, j, entry)) {
                        break;
                    }
                    ruleId[j] = "table-of-contents";
                    reason[j] = "目录";
                }
                return;
            }
        }
    }

    /** True when a line further down, past the contents, starts with the entry: the heading it points to. */
    private static boolean appearsBelow(List<String> lines, int from, String entry) {
        for (int k = from + 1; k < lines.size(); k++) {
            String candidate = lines.get(k);
            if (candidate.startsWith(entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nearStripped(String[] ruleId, int i) {
        return (i > 0 && ruleId[i - 1] != null) || (i + 1 < ruleId.length && ruleId[i + 1] != null);
    }

    private static Rule first(List<Rule> rules, String line) {
        if (line.length() > MAX_NOTICE) {
            return null;
        }
        for (Rule r : rules) {
            if (r.pattern().matcher(line).find()) {
                return r;
            }
        }
        return null;
    }

    private static StrippedLine strippedBy(String line, Rule rule) {
        return new StrippedLine(line, rule.rule().id(), rule.rule().reason());
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
