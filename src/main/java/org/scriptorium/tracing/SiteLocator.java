package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds a site again in another text by its surroundings in the original: up to {@value #CONTEXT} normalised
 * characters on each side (never crossing a paragraph or a neighbouring site, whose form may differ), looked up through
 * an index of 4-character shingles and compared allowing one wrong character per side. A locator may also see the
 * original without punctuation, as a leak whose punctuation was stripped or swapped is compared. A context may also be
 * taken short of the placeholders around a site ({@link #contextBesidePlaceholders}), which a reader may have filled.
 */
final class SiteLocator {

    /** Characters of context taken on each side of a site. */
    static final int CONTEXT = 10;
    /** Characters of agreeing context needed before a place counts as found. */
    static final int MIN_EVIDENCE = 8;
    private static final int GRAM = 4;

    /** A site's surroundings and forms, all normalised; {@code origin} is where it stands in the original. */
    record Context(String left, String form0, String form1, String right, int origin) {
    }

    /** A place in a text where a site's context stands with one of its forms. */
    record Hit(int position, boolean form1, int evidence) {
    }

    private final List<NormalText> paragraphs;
    /**
     * Each paragraph's placeholder spans, in the source's offsets (which both views of a paragraph index), found when
     * first asked: only sites not read by their whole context need them.
     */
    private final Placeholders.Lazy placeholders;
    private final int[] paragraphStart;
    private final Shingles original;
    private final boolean withoutPunctuation;

    private SiteLocator(List<NormalText> paragraphs, Placeholders.Lazy placeholders, boolean withoutPunctuation) {
        this.paragraphs = List.copyOf(paragraphs);
        this.placeholders = placeholders;
        this.paragraphStart = new int[paragraphs.size()];
        this.withoutPunctuation = withoutPunctuation;
        StringBuilder all = new StringBuilder();
        for (int p = 0; p < paragraphs.size(); p++) {
            paragraphStart[p] = all.length();
            all.append(paragraphs.get(p).text());
            // With punctuation, a newline (which never survives normalisation) keeps shingles within a paragraph, as
            // sites have always been chosen. Without, paragraphs run together as in a leak whose line breaks are
            // dropped, so that the end of one and the start of the next, no longer parted by a full stop, cannot pass
            // for another site's context.
            if (!withoutPunctuation) {
                all.append('\n');
            }
        }
        this.original = new Shingles(all.toString());
    }

    static SiteLocator forOriginal(List<String> paragraphs) {
        return new SiteLocator(paragraphs.stream().map(NormalText::of).toList(),
                new Placeholders.Lazy(paragraphs), false);
    }

    /**
     * The same original without punctuation and symbols ({@link NormalText#withoutPunctuation()}), its paragraphs run
     * together, so that contexts and their uniqueness are taken as a leak without punctuation shows them.
     */
    SiteLocator withoutPunctuation() {
        return new SiteLocator(paragraphs.stream().map(NormalText::withoutPunctuation).toList(), placeholders, true);
    }

    /** A source text as this locator compares it: normalised, and without punctuation if the locator is. */
    String view(String source) {
        String normalised = NormalText.normalise(source);
        return withoutPunctuation ? NormalText.withoutPunctuation(normalised) : normalised;
    }

    /** Whether the site's two forms look alike here, so that which one a copy has cannot be seen. */
    boolean formsAlike(VariationSite site) {
        return view(site.form0()).equals(view(site.form1()));
    }

    /**
     * Whether the site, on its own, could be found again: enough context, found at its place and nowhere else, and
     * context not made of phrases so common in the text that their places together exceed {@link #MAX_OCCURRENCES}.
     */
    boolean uniquelyFound(VariationSite site) {
        Context c = context(site, List.of(site));
        return c != null && occurrences(c) <= MAX_OCCURRENCES && uniquelyFound(c);
    }

    /**
     * Most places a site's context shingles may stand in the text, all of them together, for the site to be used.
     * Checking a site costs one look at each such place, so this bounds the work per site whatever the text's length.
     * Sites chosen in generated speeches of up to 1,000,000 characters stay well under it (at most about 6,000; see
     * bench-sites), so texts of the sizes the library imports choose the same sites as before the bound.
     */
    static final int MAX_OCCURRENCES = 16_384;

    /** How many places in the original the context's shingles stand at, counted with repeats. */
    private long occurrences(Context c) {
        long total = 0;
        for (String side : List.of(c.left(), c.right())) {
            for (int j = 0; j + GRAM <= side.length(); j++) {
                total += original.count(side, j);
            }
        }
        return total;
    }

    boolean uniquelyFound(Context c) {
        if (c == null) {
            return false;
        }
        // Looser than reading, so that a context differing from another by a little noise counts as ambiguous. The
        // same places as find(original, c, 2, false), but stopping at the first foreign one and without sorting: in a
        // long text a common shingle stands thousands of times, and this runs for every candidate a revision tries.
        String t = original.text();
        boolean needRight = c.form0().startsWith(c.form1()) || c.form1().startsWith(c.form0());
        boolean needLeft = c.form0().endsWith(c.form1()) || c.form1().endsWith(c.form0());
        char first0 = c.form0().charAt(0);
        char first1 = c.form1().charAt(0);
        boolean own = false;
        for (int side = 0; side < 2; side++) {
            String context = side == 0 ? c.left() : c.right();
            for (int j = 0; j + GRAM <= context.length(); j++) {
                for (int p = original.first(context, j); p >= 0; p = original.next(p, context, j)) {
                    for (int k = 0; k < (side == 0 ? 1 : 2); k++) {
                        int s = side == 0 ? p + context.length() - j
                                : p - j - (k == 0 ? c.form0() : c.form1()).length();
                        if (s < 0 || s >= t.length() || (t.charAt(s) != first0 && t.charAt(s) != first1)
                                || (own && s == c.origin())) {
                            continue;
                        }
                        if (hitAt(t, s, c, 2, false, needLeft, needRight) != null) {
                            if (s != c.origin()) {
                                return false;
                            }
                            own = true;
                        }
                    }
                }
            }
        }
        return own;
    }

    /**
     * Whether the context, compared as loosely as {@link #uniquelyFound(Context)} does, stands at a place that only a
     * copy shows: where another of {@code sites} is written in the form the original lacks there. A copy with 认真落实
     * written 切实落实 shows 位置，切实 where the original has 位置，认真, so a site read by 位置，扎实 would read that
     * neighbour's form as its own, though its own characters are nowhere in the leak.
     */
    boolean foundWhereOtherSitesWritten(Context c, List<VariationSite> sites) {
        String t = original.text();
        boolean needRight = c.form0().startsWith(c.form1()) || c.form1().startsWith(c.form0());
        boolean needLeft = c.form0().endsWith(c.form1()) || c.form1().endsWith(c.form0());
        int longest = Math.max(c.form0().length(), c.form1().length());
        for (VariationSite o : sites) {
            NormalText n = paragraphs.get(o.paragraph());
            int at = paragraphStart[o.paragraph()] + n.offsets()[o.offset()];
            int atEnd = paragraphStart[o.paragraph()] + n.offsets()[o.offset() + o.form0().length()];
            String written = view(o.form1());
            if (at == c.origin() || formsAlike(o)) {
                continue;
            }
            int from = Math.max(0, at - c.left().length() - longest);
            int to = Math.min(t.length(), atEnd + c.right().length() + longest);
            String w = t.substring(from, at) + written + t.substring(atEnd, to);
            int wAt = at - from;
            // Every place whose context or form reaches what the copy writes (a 切实 written for 扎实 may stand in the
            // context, as 一是扎实 before 推进); places farther off are the original's, which uniquelyFound has judged.
            for (int s = 0; s < w.length(); s++) {
                int inOriginal = s < wAt ? from + s : s >= wAt + written.length() ? atEnd + s - wAt - written.length()
                        : -1;
                if (inOriginal != c.origin() && hitAt(w, s, c, 2, false, needLeft, needRight) != null) {
                    return true;
                }
            }
        }
        return false;
    }


    /**
     * The site's context, cut at its neighbours among {@code sites}; null if there is too little to find it by, or if
     * either form is empty here or both look the same.
     */
    Context context(VariationSite site, List<VariationSite> sites) {
        return context(site, sites, false);
    }

    /**
     * The site's context cut short at the placeholders (×× 某某 ＿＿) nearest it on either side, as at a neighbouring
     * site: a reader fills them with values of their own (青山县 for ××), which a leaked copy then shows where the
     * original has the token. Null if no placeholder stands within the site's {@link #context}, or if too little is left.
     */
    Context contextBesidePlaceholders(VariationSite site, List<VariationSite> sites) {
        return context(site, sites, true);
    }

    private Context context(VariationSite site, List<VariationSite> sites, boolean besidePlaceholders) {
        NormalText n = paragraphs.get(site.paragraph());
        int start = n.offsets()[site.offset()];
        int end = n.offsets()[site.offset() + site.form0().length()];
        int from = Math.max(0, start - CONTEXT);
        int to = Math.min(n.text().length(), end + CONTEXT);
        for (VariationSite other : sites) {
            if (other.paragraph() != site.paragraph() || other.offset() == site.offset()) {
                continue;
            }
            int oStart = n.offsets()[other.offset()];
            int oEnd = n.offsets()[other.offset() + other.form0().length()];
            // A neighbour whose forms look alike here reads the same in every copy, so the context may run across it.
            if (oEnd <= start) {
                from = oEnd > from && !formsAlike(other) ? oEnd : from;
            } else if (oStart >= end) {
                to = oStart < to && !formsAlike(other) ? oStart : to;
            }
        }
        if (besidePlaceholders) {
            boolean cut = false;
            for (int[] span : placeholders.get(site.paragraph())) {
                int pStart = n.offsets()[span[0]];
                int pEnd = n.offsets()[span[1]];
                // Without punctuation a placeholder of symbols (××) has no characters left, yet a filled value would.
                if (pEnd <= start && (pEnd > from || pStart >= from)) {
                    from = pEnd;
                    cut = true;
                } else if (pStart >= end && pStart < to) {
                    to = pStart;
                    cut = true;
                }
            }
            if (!cut) {
                return null;
            }
        }
        String left = n.text().substring(from, start);
        String right = n.text().substring(end, to);
        String form0 = n.text().substring(start, end);
        String form1 = view(site.form1());
        if (left.length() + right.length() < MIN_EVIDENCE || form0.isEmpty() || form1.isEmpty() || form0.equals(form1)
                || (left.length() < GRAM && right.length() < GRAM)) {
            return null;
        }
        return new Context(left, form0, form1, right, paragraphStart[site.paragraph()] + start);
    }

    /**
     * The context {@code c}, taken by a locator with punctuation, as this one without punctuation sees the same
     * characters; null if its forms are empty or alike here.
     */
    Context stripped(Context c, VariationSite site) {
        String form0 = NormalText.withoutPunctuation(c.form0());
        String form1 = NormalText.withoutPunctuation(c.form1());
        if (form0.isEmpty() || form1.isEmpty() || form0.equals(form1)) {
            return null;
        }
        int origin = paragraphStart[site.paragraph()] + paragraphs.get(site.paragraph()).offsets()[site.offset()];
        return new Context(NormalText.withoutPunctuation(c.left()), form0, form1,
                NormalText.withoutPunctuation(c.right()), origin);
    }

    /** Index of a normalised text to search sites in. */
    static Shingles index(String normalisedText) {
        return new Shingles(normalisedText);
    }

    /**
     * The places where the context stands with one of its forms: each side compared with at most {@code slack}
     * wrong characters, sides that agree adding up to at least {@link #MIN_EVIDENCE}. When one form extends the
     * other (进一步/进一步地), the side next to the difference must agree, or a longer form cut off would read short.
     * With {@code strictPunctuation}, a wrong character where the context has punctuation counts only if it is
     * punctuation too.
     */
    static List<Hit> find(Shingles in, Context c, int slack, boolean strictPunctuation) {
        int[] starts = new int[64];
        int n = 0;
        for (int j = 0; j + GRAM <= c.left().length(); j++) {
            for (int p = in.first(c.left(), j); p >= 0; p = in.next(p, c.left(), j)) {
                starts = room(starts, n + 1);
                starts[n++] = p + c.left().length() - j;
            }
        }
        for (int j = 0; j + GRAM <= c.right().length(); j++) {
            for (int p = in.first(c.right(), j); p >= 0; p = in.next(p, c.right(), j)) {
                starts = room(starts, n + 2);
                starts[n++] = p - j - c.form0().length();
                starts[n++] = p - j - c.form1().length();
            }
        }
        Arrays.sort(starts, 0, n);
        boolean needRight = c.form0().startsWith(c.form1()) || c.form1().startsWith(c.form0());
        boolean needLeft = c.form0().endsWith(c.form1()) || c.form1().endsWith(c.form0());
        List<Hit> hits = new ArrayList<>();
        String t = in.text();
        for (int i = 0; i < n; i++) {
            int s = starts[i];
            if ((i > 0 && starts[i - 1] == s) || s < 0 || s > t.length()) {
                continue;
            }
            Hit hit = hitAt(t, s, c, slack, strictPunctuation, needLeft, needRight);
            if (hit != null) {
                hits.add(hit);
            }
        }
        return hits;
    }

    /**
     * The hit at {@code s}: the form standing there whose context agrees best (see {@link #find}); null if neither
     * form has enough agreeing context there, or both have the same.
     */
    private static Hit hitAt(String t, int s, Context c, int slack, boolean strictPunctuation, boolean needLeft,
                             boolean needRight) {
        Hit chosen = null;
        boolean tie = false;
        for (int b = 0; b < 2; b++) {
            String form = b == 0 ? c.form0() : c.form1();
            if (!t.startsWith(form, s)) {
                continue;
            }
            boolean leftOk = agrees(t, s - c.left().length(), c.left(), slack, strictPunctuation);
            boolean rightOk = agrees(t, s + form.length(), c.right(), slack, strictPunctuation);
            if ((needLeft && !leftOk) || (needRight && !rightOk)) {
                continue;
            }
            int evidence = (leftOk ? c.left().length() : 0) + (rightOk ? c.right().length() : 0);
            if (evidence < MIN_EVIDENCE) {
                continue;
            }
            if (chosen == null || evidence > chosen.evidence()) {
                chosen = new Hit(s, b == 1, evidence);
                tie = false;
            } else if (evidence == chosen.evidence()) {
                tie = true;
            }
        }
        return tie ? null : chosen;
    }

    /**
     * The places where a leak shows the site: those {@link #find} finds with one wrong character per side, less any
     * where the shorter of two forms that extend one another stands inside the longer one in full. There the leak
     * shows the longer form with a character of the context lost (伴随着 where 。随着 stood), not the shorter form
     * with a wrong character, and the shorter form never stands so inside the original.
     */
    static List<Hit> read(Shingles leak, Context c) {
        List<Hit> hits = find(leak, c, 1, true);
        boolean form1Shorter = c.form1().length() < c.form0().length();
        String shorter = form1Shorter ? c.form1() : c.form0();
        String longer = form1Shorter ? c.form0() : c.form1();
        // where the longer form begins relative to the shorter one inside it
        int lead = longer.endsWith(shorter) ? longer.length() - shorter.length() : longer.startsWith(shorter) ? 0 : -1;
        if (lead < 0) {
            return hits;
        }
        List<Hit> kept = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            if (h.form1() != form1Shorter || !leak.text().startsWith(longer, h.position() - lead)) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static int[] room(int[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    /**
     * Whether {@code expected} stands at {@code at} with at most {@code slack} wrong characters (none if short), a
     * wrong character where {@code expected} has punctuation being, if {@code strictPunctuation}, punctuation too.
     */
    private static boolean agrees(String text, int at, String expected, int slack, boolean strictPunctuation) {
        if (expected.isEmpty()) {
            return false;
        }
        int allowed = expected.length() >= 8 ? slack : expected.length() >= 5 ? Math.min(slack, 1) : 0;
        int wrong = 0;
        for (int i = 0; i < expected.length(); i++) {
            int k = at + i;
            boolean inside = k >= 0 && k < text.length();
            if (!inside || text.charAt(k) != expected.charAt(i)) {
                // A mark swapped for another is noise; a mark answered by a word is how a foreign place looks once a
                // leak's punctuation is stripped (重视。督查 against 重视在督查).
                boolean markLost = strictPunctuation && NormalText.isPunctuation(expected.charAt(i))
                        && !(inside && NormalText.isPunctuation(text.charAt(k)));
                if (++wrong > allowed || markLost) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A text with the positions of each of its 4-character shingles: a hash table of chains through the positions,
     * two int arrays and no boxing, so that indexing a 10,000-character leak costs well under a millisecond.
     */
    static final class Shingles {
        private final String text;
        private final int[] head;
        private final int[] next;
        private final int mask;
        /** At the first position of each shingle, how many times it stands; 0 elsewhere. Made when first asked. */
        private int[] count;

        Shingles(String text) {
            this.text = text;
            int n = Math.max(0, text.length() - GRAM + 1);
            int size = Integer.highestOneBit(Math.max(16, n * 2) - 1) << 1;
            this.head = new int[size];
            this.next = new int[n];
            this.mask = size - 1;
            Arrays.fill(head, -1);
            for (int i = n - 1; i >= 0; i--) {
                int h = hash(text, i) & mask;
                next[i] = head[h];
                head[h] = i;
            }
        }

        /**
         * How many times the shingle {@code s[at, at + 4)} stands in the text. Only choosing sites asks, on one
         * thread; a leak's index never pays for the counts.
         */
        int count(String s, int at) {
            if (count == null) {
                int[] counts = new int[next.length];
                for (int i = 0; i < counts.length; i++) {
                    counts[first(text, i)]++;
                }
                count = counts;
            }
            int first = first(s, at);
            return first < 0 ? 0 : count[first];
        }

        String text() {
            return text;
        }

        /** The first position where the shingle {@code s[at, at + 4)} stands, or -1. */
        int first(String s, int at) {
            return matching(head[hash(s, at) & mask], s, at);
        }

        /** The position after {@code i} where the shingle {@code s[at, at + 4)} stands, or -1. */
        int next(int i, String s, int at) {
            return matching(next[i], s, at);
        }

        /** The first position from {@code i} on its chain holding the shingle; chains hold few other shingles. */
        private int matching(int i, String s, int at) {
            char c0 = s.charAt(at);
            char c1 = s.charAt(at + 1);
            char c2 = s.charAt(at + 2);
            char c3 = s.charAt(at + 3);
            for (; i >= 0; i = next[i]) {
                if (text.charAt(i) == c0 && text.charAt(i + 1) == c1 && text.charAt(i + 2) == c2
                        && text.charAt(i + 3) == c3) {
                    return i;
                }
            }
            return -1;
        }

        private static int hash(String s, int at) {
            int h = ((s.charAt(at) * 31 + s.charAt(at + 1)) * 31 + s.charAt(at + 2)) * 31 + s.charAt(at + 3);
            h *= 0x9E3779B9;
            return h ^ (h >>> 15);
        }
    }
}
