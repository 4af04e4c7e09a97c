package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The robust layer's sites: places in a revision where a curated, meaning-preserving alternative may be written. The
 * pairs and where each applies are data ({@link VariationRules}); an editor may veto a pair or a single place per
 * material.
 */
public final class VariationSites {

    /**
     * A curated pair of forms that an editor accepts as interchangeable in official prose.
     *
     * @param id    a stable id, {@code "w:form0/form1"} for wording, {@code "p:form0/form1"} for punctuation
     * @param form0 the first form of the pair
     * @param form1 the second form of the pair
     * @param why   why the two are interchangeable, and where they are not used
     */
    public record Rule(String id, String form0, String form1, String why) {
    }

    private static final String NUMERALS = "零一二三四五六七八九十百千两〇0123456789０１２３４５６７８９";

    private VariationSites() {
    }

    /** The pairs of the set new copies are made under, in a fixed order. */
    public static List<Rule> rules() {
        return VariationRules.current().rules();
    }

    /**
     * Every place in the paragraphs where a curated form stands and its rule allows it: non-overlapping (at each
     * position the longest allowed form wins), never overlapping a placeholder such as ×× or 某某, in text order.
     * The returned sites carry the form found in the source as {@code form0}; their {@code index} counts from 0.
     */
    public static List<VariationSite> candidates(List<String> paragraphs) {
        return candidates(paragraphs, VariationRules.current());
    }

    /** As {@link #candidates(List)}, under the given rule set. */
    public static List<VariationSite> candidates(List<String> paragraphs, VariationRules rules) {
        List<VariationSite> sites = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            String text = paragraphs.get(p);
            List<int[]> placeholders = Placeholders.spans(text);
            for (int i = 0; i < text.length(); ) {
                VariationRules.Form found = formAt(rules, text, i, placeholders);
                if (found == null) {
                    i++;
                    continue;
                }
                Rule rule = found.curated().rule();
                String other = found.isForm1() ? rule.form0() : rule.form1();
                sites.add(new VariationSite(sites.size(), p, i, found.text(), other, rule.id()));
                i += found.text().length();
            }
        }
        return sites;
    }

    /**
     * The sites used for a revision. Candidates whose rule id or position key ({@code "p{paragraph}:{offset}"}) is
     * vetoed are dropped, as are those whose surroundings could not be found again in a leak (too little context, or
     * the same context elsewhere in the revision). The rest are taken in the order of
     * {@code prf.unit("site", revisionKey, paragraph, offset)}, skipping any closer than {@link #MIN_GAP} characters
     * to one already taken, until {@code max} are taken; last, any whose context cut at its chosen neighbours (as the
     * tracer reads it) is no longer found at one place only is dropped.
     *
     * @return at most {@code max} sites, re-indexed 0..n-1 in text order; the same inputs always give the same sites
     */
    public static List<VariationSite> choose(List<String> paragraphs, Prf prf, String revisionKey,
                                             Set<String> vetoes, int max) {
        return choose(paragraphs, prf, revisionKey, vetoes, max, VariationRules.current());
    }

    /** As {@link #choose(List, Prf, String, Set, int)}, under the given rule set. */
    public static List<VariationSite> choose(List<String> paragraphs, Prf prf, String revisionKey,
                                             Set<String> vetoes, int max, VariationRules rules) {
        List<VariationSite> allowed = new ArrayList<>();
        for (VariationSite s : candidates(paragraphs, rules)) {
            if (!vetoes.contains(s.rule()) && !vetoes.contains(positionKey(s))) {
                allowed.add(s);
            }
        }
        SiteLocator locator = SiteLocator.forOriginal(paragraphs);
        double[] priority = new double[allowed.size()];
        Integer[] order = new Integer[allowed.size()];
        for (int i = 0; i < priority.length; i++) {
            VariationSite s = allowed.get(i);
            priority[i] = prf.unit("site", revisionKey, Integer.toString(s.paragraph()), Integer.toString(s.offset()));
            order[i] = i;
        }
        // allowed is in text order, so ties in priority fall back to paragraph, then offset
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> priority[i]).thenComparingInt(i -> i));
        List<VariationSite> taken = new ArrayList<>();
        Map<Integer, List<VariationSite>> takenInParagraph = new HashMap<>();
        for (int i : order) {
            if (taken.size() >= max) {
                break;
            }
            VariationSite s = allowed.get(i);
            List<VariationSite> neighbours = takenInParagraph.getOrDefault(s.paragraph(), List.of());
            if (tooClose(s, neighbours) || !locator.uniquelyFound(s)) {
                continue;
            }
            taken.add(s);
            takenInParagraph.computeIfAbsent(s.paragraph(), p -> new ArrayList<>()).add(s);
        }
        taken.sort(Comparator.comparingInt(VariationSite::paragraph).thenComparingInt(VariationSite::offset));
        // Each site is read by its context cut at its neighbours: keep only those that the cut context still finds
        // at one place. Dropping a site only lengthens its neighbours' contexts, so one pass settles it.
        List<VariationSite> kept = new ArrayList<>(taken);
        for (VariationSite s : taken) {
            if (!locator.uniquelyFound(locator.context(s, kept))) {
                kept.remove(s);
            }
        }
        taken = kept;
        List<VariationSite> indexed = new ArrayList<>(taken.size());
        for (VariationSite s : taken) {
            indexed.add(new VariationSite(indexed.size(), s.paragraph(), s.offset(), s.form0(), s.form1(), s.rule()));
        }
        return Collections.unmodifiableList(indexed);
    }

    /**
     * Fewest characters between two sites. Each site's context stops at its neighbours, so sites this close are
     * still found by at least a 4-character shingle on the side between them.
     */
    static final int MIN_GAP = 4;

    /** The veto key of a single place: {@code "p{paragraph}:{offset}"}. */
    public static String positionKey(VariationSite site) {
        return "p" + site.paragraph() + ":" + site.offset();
    }

    private static boolean tooClose(VariationSite s, List<VariationSite> taken) {
        for (VariationSite t : taken) {
            if (t.paragraph() != s.paragraph()) {
                continue;
            }
            int gap = t.offset() < s.offset()
                    ? s.offset() - (t.offset() + t.form0().length())
                    : t.offset() - (s.offset() + s.form0().length());
            if (gap < MIN_GAP) {
                return true;
            }
        }
        return false;
    }

    private static VariationRules.Form formAt(VariationRules rules, String text, int i, List<int[]> placeholders) {
        for (VariationRules.Form f : rules.formsStartingWith(text.charAt(i))) {
            if (text.startsWith(f.text(), i) && f.curated().variesFromSource(f.isForm1())
                    && allowedAt(f.curated(), f.text(), text, i)
                    && !Placeholders.overlaps(placeholders, i, i + f.text().length())) {
                return f;
            }
        }
        return null;
    }

    /**
     * Whether the rule's surroundings allow {@code form} (either of its forms) standing at {@code start} of
     * {@code text}; the rule's direction is not considered. Attestation asks this of both forms.
     */
    static boolean allowedAt(VariationRules.Curated c, String form, String text, int start) {
        int end = start + form.length();
        for (String word : c.notInside()) {
            for (int k = word.indexOf(form); k >= 0; k = word.indexOf(form, k + 1)) {
                if (start - k >= 0 && text.startsWith(word, start - k)) {
                    return false;
                }
            }
        }
        int before = start > 0 ? text.codePointBefore(start) : -1;
        int after = end < text.length() ? text.codePointAt(end) : -1;
        for (VariationRules.Need need : c.needs()) {
            boolean ok = switch (need) {
                case HAN_BEFORE -> isHan(before);
                case HAN_AFTER -> isHan(after);
                case CLAUSE_START -> clauseStart(text, start);
                case COMMA_AFTER -> after == '，' || after == ',';
                case NO_NUMERAL_BEFORE -> before == -1 || NUMERALS.indexOf(before) < 0;
                case DIGIT_AFTER -> after != -1 && NUMERALS.indexOf(after) >= 0;
            };
            if (!ok) {
                return false;
            }
        }
        if (!c.before().isEmpty() && c.before().stream().noneMatch(w -> w.equals("^") ? clauseStart(text, start)
                : text.startsWith(w, start - w.length()) && start >= w.length())) {
            return false;
        }
        if (c.notBefore().stream().anyMatch(w -> start >= w.length() && text.startsWith(w, start - w.length()))) {
            return false;
        }
        if (!c.after().isEmpty() && c.after().stream().noneMatch(w -> text.startsWith(w, end))) {
            return false;
        }
        if (c.notAfter().stream().anyMatch(w -> text.startsWith(w, end))) {
            return false;
        }
        if (!c.sentenceWithout().isEmpty()) {
            String sentence = text.substring(sentenceStart(text, start), sentenceEnd(text, end));
            return c.sentenceWithout().stream().noneMatch(sentence::contains);
        }
        return true;
    }

    private static final String SENTENCE_ENDS = "。！？!?";

    private static int sentenceStart(String text, int start) {
        int i = start;
        while (i > 0 && SENTENCE_ENDS.indexOf(text.charAt(i - 1)) < 0) {
            i--;
        }
        return i;
    }

    private static int sentenceEnd(String text, int end) {
        int i = end;
        while (i < text.length() && SENTENCE_ENDS.indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static boolean clauseStart(String text, int start) {
        return start == 0 || "。；！？：，;!?:,".indexOf(text.charAt(start - 1)) >= 0;
    }

    private static boolean isHan(int cp) {
        return cp >= 0 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
