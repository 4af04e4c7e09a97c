package org.scriptorium.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Reads what a reader typed the way they meant it. Chinese is typed without spaces, so a query such as 防汛讲话 or
 * 2025年政府工作报告 is cut into words (SmartChineseAnalyzer), a trailing 文种 (讲话, 工作报告, 实施方案 …) and a year
 * are taken out as hints for ranking, function words (的, 关于 …) and search-engine habits (范文, 大全) are dropped,
 * synonym groups are applied, and the rest are the concepts to find. A {@code "quoted phrase"} stays exact.
 *
 * <p>Plain Java, thread-safe, no index needed: every search adapter reads a query through it, so they agree.
 */
public final class QueryUnderstanding {

    /** Enough for any real query; a longer one is read up to here. */
    public static final int MAX_CONCEPTS = 12;

    /** 文种 words a query may end with, and the material kinds each stands for; longest first when matching. */
    private static final Map<String, List<String>> KIND_WORDS = kindWords();

    /** Words that carry no topic: dropped wherever they stand. */
    private static final Set<String> FUNCTION_WORDS = Set.of("的", "地", "得", "了", "和", "与", "及", "以及", "或",
            "之", "等", "在", "对", "为", "上", "中", "关于", "有关", "一篇", "篇", "一份", "份", "怎么", "如何", "写");
    /**
     * The 公文's everyday words: in almost every title and text, and as often said otherwise (全县 or 全市, 加强 or 强化),
     * so a query holding them ranks materials that have them first but does not require them.
     */
    private static final Set<String> EVERYDAY_WORDS = Set.of("工作", "加强", "进一步", "做好", "全面", "推进", "推动",
            "切实", "深入", "开展", "抓好", "扎实", "持续", "情况", "若干", "相关", "主要", "全县", "全市", "全区", "全省",
            "我县", "我市", "我区", "我省", "本县", "本市", "本区");
    /** What readers add out of habit from web search; dropped at the end of a run. */
    private static final Set<String> HABIT_WORDS = Set.of("范文", "模板", "大全", "精选", "参考", "全文", "稿子", "例文",
            "最新", "材料", "word", "doc", "docx", "pdf", "下载");

    private static final Pattern QUOTED = Pattern.compile("[\"“”]([^\"“”]*)[\"“”]");
    /** A year: 2025, 2025年, 2025年度; not part of a longer number. */
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])((?:19[5-9]|20[0-9])[0-9])(?![0-9])\\s*(?:年度|年)?");
    /** What separates runs: spaces, punctuation and symbols (emoji included). */
    private static final Pattern SEPARATOR = Pattern.compile("[\\s\\p{P}\\p{S}]+");
    private static final Pattern SPACE_BETWEEN_HAN = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");

    private final Analyzer words = new SmartChineseAnalyzer(false);

    /** A word of a run as smartcn cut it, as written in the run. */
    private record Word(String text) {
        boolean single() {
            return text.codePointCount(0, text.length()) == 1;
        }
    }

    /**
     * Reads a query.
     *
     * @param text     what the reader typed (null or blank gives {@link UnderstoodQuery#EMPTY})
     * @param synonyms the synonym groups to apply
     */
    public UnderstoodQuery understand(String text, Synonyms synonyms) {
        if (text == null || text.isBlank()) {
            return UnderstoodQuery.EMPTY;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<UnderstoodQuery.Concept> concepts = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        // quoted phrases first: exact, as written (spaces between Chinese characters mean nothing there)
        StringBuilder rest = new StringBuilder();
        Matcher q = QUOTED.matcher(s);
        int at = 0;
        while (q.find()) {
            rest.append(s, at, q.start()).append(' ');
            String phrase = SPACE_BETWEEN_HAN.matcher(q.group(1)).replaceAll("").strip();
            if (searchable(phrase)) {
                concepts.add(new UnderstoodQuery.Concept(phrase, List.of(phrase), true));
            }
            at = q.end();
        }
        rest.append(s.substring(at));
        // a year is a hint, not a word to find: 2025年政府工作报告 is about the 2025 report
        Integer year = null;
        StringBuilder withoutYear = new StringBuilder();
        Matcher y = YEAR.matcher(rest);
        at = 0;
        while (y.find()) {
            if (year == null) {
                year = Integer.valueOf(y.group(1));
            }
            withoutYear.append(rest, at, y.start()).append(' ');
            at = y.end();
        }
        withoutYear.append(rest.substring(at));

        List<List<Word>> runWords = new ArrayList<>();
        for (String run : SEPARATOR.split(withoutYear)) {
            if (!run.isBlank()) {
                runWords.add(cut(run));
            }
        }
        // the 文种: at the end of the last run that ends with one (防汛讲话, 防汛 讲话)
        UnderstoodQuery.KindHint kind = null;
        for (int r = runWords.size() - 1; r >= 0 && kind == null; r--) {
            List<Word> ws = dropHabitWords(runWords.get(r));
            runWords.set(r, ws);
            for (int n = Math.min(3, ws.size()); n >= 1 && kind == null; n--) {
                String tail = join(ws.subList(ws.size() - n, ws.size()));
                List<String> kinds = KIND_WORDS.get(tail);
                if (kinds != null) {
                    kind = new UnderstoodQuery.KindHint(tail, kinds);
                    runWords.set(r, new ArrayList<>(ws.subList(0, ws.size() - n)));
                }
            }
        }
        for (List<Word> ws : runWords) {
            List<UnderstoodQuery.Concept> ofRun = concepts(ws, synonyms);
            if (ofRun.size() > 1) {
                runs.add(join(ws.stream().filter(w -> !FUNCTION_WORDS.contains(w.text())).toList()));
            }
            concepts.addAll(ofRun);
        }
        if (concepts.stream().noneMatch(c -> !c.exact())) {
            // nothing but the 文种 or the year: then that is what is looked for (讲话稿, 2025)
            if (kind != null) {
                concepts.add(new UnderstoodQuery.Concept(kind.word(), synonyms.alternatives(kind.word()), false));
            } else if (year != null && concepts.isEmpty()) {
                concepts.add(new UnderstoodQuery.Concept(Integer.toString(year), List.of(Integer.toString(year)), false));
            }
        }
        List<UnderstoodQuery.Concept> distinct = new ArrayList<>();
        for (UnderstoodQuery.Concept c : concepts) {
            if (distinct.stream().noneMatch(d -> d.typed().equals(c.typed())) && distinct.size() < MAX_CONCEPTS) {
                distinct.add(c);
            }
        }
        // everyday words rank but are not required, unless nothing else is left to look for (加强工作)
        List<UnderstoodQuery.Concept> required = distinct.stream()
                .filter(c -> c.exact() || !EVERYDAY_WORDS.contains(c.typed())).toList();
        if (required.isEmpty()) {
            return new UnderstoodQuery(distinct, List.of(), runs, kind, year);
        }
        List<UnderstoodQuery.Concept> optional = distinct.stream().filter(c -> !required.contains(c)).toList();
        return new UnderstoodQuery(required, optional, runs, kind, year);
    }

    /**
     * The concepts of one run: synonym-group terms first (longest, on word boundaries, so 国企 is not found in
     * 中国企业), then the words left, where characters smartcn could not place (营 商, 河 长 制) are joined into one
     * word and a lone character joins its neighbour (双 随机 → 双随机).
     */
    private static List<UnderstoodQuery.Concept> concepts(List<Word> ws, Synonyms synonyms) {
        List<UnderstoodQuery.Concept> out = new ArrayList<>();
        List<Word> pending = new ArrayList<>();
        int i = 0;
        while (i < ws.size()) {
            int matched = 0;
            for (int n = Math.min(6, ws.size() - i); n >= 1 && synonyms.longestTerm() > 0; n--) {
                String joined = join(ws.subList(i, i + n));
                if (synonyms.contains(joined)) {
                    matched = n;
                    break;
                }
            }
            if (matched > 0) {
                out.addAll(plainConcepts(pending, synonyms));
                pending.clear();
                String joined = join(ws.subList(i, i + matched));
                out.add(new UnderstoodQuery.Concept(joined, synonyms.alternatives(joined), false));
                i += matched;
            } else {
                pending.add(ws.get(i++));
            }
        }
        out.addAll(plainConcepts(pending, synonyms));
        return out;
    }

    private static List<UnderstoodQuery.Concept> plainConcepts(List<Word> ws, Synonyms synonyms) {
        // Function words go; they also end a run of single characters (防汛 的 通知).
        List<List<Word>> groups = new ArrayList<>();
        List<Word> singles = new ArrayList<>();
        for (Word w : ws) {
            if (FUNCTION_WORDS.contains(w.text()) || !searchable(w.text())) {
                flush(singles, groups);
                groups.add(null); // a break
            } else if (w.single()) {
                singles.add(w);
            } else {
                flush(singles, groups);
                groups.add(new ArrayList<>(List.of(w)));
            }
        }
        flush(singles, groups);
        // A lone character joins the word after it, or else the one before: 一 公开 → 一公开.
        List<List<Word>> joined = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Word> g = groups.get(i);
            if (g == null) {
                joined.add(null);
                continue;
            }
            boolean lone = g.size() == 1 && g.getFirst().single();
            if (lone && i + 1 < groups.size() && groups.get(i + 1) != null) {
                groups.get(i + 1).addAll(0, g);
            } else if (lone && !joined.isEmpty() && joined.getLast() != null) {
                joined.getLast().addAll(g);
            } else {
                joined.add(g);
            }
        }
        List<UnderstoodQuery.Concept> out = new ArrayList<>();
        for (List<Word> g : joined) {
            if (g != null) {
                String text = join(g);
                out.add(new UnderstoodQuery.Concept(text, synonyms.alternatives(text), false));
            }
        }
        return out;
    }

    private static void flush(List<Word> singles, List<List<Word>> groups) {
        if (!singles.isEmpty()) {
            groups.add(new ArrayList<>(singles));
            singles.clear();
        }
    }

    private static List<Word> dropHabitWords(List<Word> ws) {
        List<Word> out = new ArrayList<>(ws);
        while (!out.isEmpty() && (HABIT_WORDS.contains(out.getLast().text())
                || FUNCTION_WORDS.contains(out.getLast().text()))) {
            out.removeLast();
        }
        // 范文 may have been cut into 范 文
        while (out.size() >= 2 && HABIT_WORDS.contains(join(out.subList(out.size() - 2, out.size())))) {
            out.removeLast();
            out.removeLast();
        }
        return out;
    }

    /** The words of a run, as written in it (smartcn keeps offsets; its own output is lower-cased and width-folded). */
    private List<Word> cut(String run) {
        List<Word> out = new ArrayList<>();
        try (TokenStream stream = words.tokenStream("q", run)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                int start = offset.startOffset();
                int end = offset.endOffset();
                String written = start >= 0 && end <= run.length() && start < end ? run.substring(start, end) : term.toString();
                out.add(new Word(written));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
        return out;
    }

    private static String join(List<Word> ws) {
        StringBuilder b = new StringBuilder();
        for (Word w : ws) {
            if (!b.isEmpty() && !(isHan(b.codePointBefore(b.length())) && isHan(w.text().codePointAt(0)))) {
                b.append(' ');
            }
            b.append(w.text());
        }
        return b.toString();
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /** Whether a word holds a letter or digit (an emoji or a symbol alone finds nothing). */
    private static boolean searchable(String word) {
        return word.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** The material kinds of a 文种 word, or an empty list when it is none. */
    public static List<String> kindsOf(String word) {
        return KIND_WORDS.getOrDefault(word, List.of());
    }

    private static Map<String, List<String>> kindWords() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> speech = List.of("讲话稿");
        // not 党课: a 党课 is a topic as much as a form (专题党课讲稿 is a speech about 党课), so it stays a word to find
        for (String w : List.of("讲话", "讲话稿", "讲稿", "讲话提纲", "发言", "发言稿", "发言材料", "表态发言", "致辞", "讲话致辞",
                "动员讲话", "总结讲话")) {
            m.put(w, speech);
        }
        for (String w : List.of("主持词", "主持稿")) {
            m.put(w, List.of("主持词"));
        }
        for (String w : List.of("报告", "工作报告", "政府工作报告", "年度报告", "述职报告", "汇报", "工作汇报", "情况报告")) {
            m.put(w, List.of("工作报告", "调研报告"));
        }
        for (String w : List.of("调研报告", "调查报告")) {
            m.put(w, List.of("调研报告"));
        }
        for (String w : List.of("总结", "工作总结", "年终总结", "半年总结")) {
            m.put(w, List.of("总结"));
        }
        for (String w : List.of("方案", "实施方案", "工作方案", "行动方案")) {
            m.put(w, List.of("方案"));
        }
        for (String w : List.of("心得", "体会", "心得体会", "学习体会", "研讨发言")) {
            m.put(w, List.of("心得体会"));
        }
        for (String w : List.of("意见", "实施意见", "指导意见")) {
            m.put(w, List.of("意见"));
        }
        for (String w : List.of("计划", "工作计划")) {
            m.put(w, List.of("计划"));
        }
        for (String w : List.of("要点", "工作要点")) {
            m.put(w, List.of("要点"));
        }
        for (String w : List.of("纪要", "会议纪要")) {
            m.put(w, List.of("纪要"));
        }
        for (String w : List.of("办法", "管理办法", "实施办法")) {
            m.put(w, List.of("办法"));
        }
        for (String w : List.of("通知", "通报", "决定", "批复", "请示", "公告", "通告", "规定")) {
            m.put(w, List.of(w));
        }
        return Map.copyOf(m);
    }
}
