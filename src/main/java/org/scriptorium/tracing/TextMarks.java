package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The robust layer: writes a member's symbols into a revision's sites, and reads them back from a leaked text. */
public final class TextMarks {

    /**
     * The outcome of reading one site from a leak.
     *
     * @param site     the site's index
     * @param observed true if the leak has the site's {@code form1}, false if it has {@code form0}
     */
    public record SiteRead(int site, boolean observed) {
    }

    private TextMarks() {
    }

    /**
     * The paragraphs with site {@code i} written as {@code form1} where {@code symbols[i]} is true and left as
     * {@code form0} otherwise.
     *
     * @param sites   sites of these paragraphs, with offsets into the unmarked paragraphs, each index below
     *                {@code symbols.length}
     * @throws IllegalArgumentException if a site's {@code form0} does not stand at its offset, or sites overlap
     */
    public static List<String> apply(List<String> paragraphs, List<VariationSite> sites, boolean[] symbols) {
        List<VariationSite> ordered = new ArrayList<>(sites);
        ordered.sort(Comparator.comparingInt(VariationSite::paragraph).thenComparingInt(VariationSite::offset));
        List<String> out = new ArrayList<>(paragraphs);
        int k = 0;
        for (int p = 0; p < paragraphs.size(); p++) {
            if (k >= ordered.size() || ordered.get(k).paragraph() != p) {
                continue;
            }
            String text = paragraphs.get(p);
            StringBuilder b = new StringBuilder(text.length() + 16);
            int copied = 0;
            for (; k < ordered.size() && ordered.get(k).paragraph() == p; k++) {
                VariationSite s = ordered.get(k);
                if (s.offset() < copied || !text.startsWith(s.form0(), s.offset())) {
                    throw new IllegalArgumentException("site " + s.index() + " does not stand at p" + p + ":"
                            + s.offset());
                }
                b.append(text, copied, s.offset()).append(symbols[s.index()] ? s.form1() : s.form0());
                copied = s.offset() + s.form0().length();
            }
            out.set(p, b.append(text, copied, text.length()).toString());
        }
        return List.copyOf(out);
    }

    /**
     * An original prepared for reading: its paragraphs normalised and indexed, with and without punctuation. Immutable,
     * so one may be shared between threads and read against any number of leaks and lists of its sites.
     */
    public static final class Original {
        private final SiteLocator withPunctuation;
        private final SiteLocator withoutPunctuation;

        private Original(List<String> paragraphs) {
            this.withPunctuation = SiteLocator.forOriginal(paragraphs);
            this.withoutPunctuation = withPunctuation.withoutPunctuation();
        }
    }

    /**
     * A leaked text prepared for reading: normalised and indexed, with and without punctuation. Immutable, so one may be
     * shared between threads and read against any number of originals and lists of sites.
     */
    public static final class Leak {
        private final SiteLocator.Shingles withPunctuation;
        private final SiteLocator.Shingles withoutPunctuation;

        private Leak(String text) {
            String normalised = NormalText.normalise(text);
            this.withPunctuation = SiteLocator.index(normalised);
            this.withoutPunctuation = SiteLocator.index(NormalText.withoutPunctuation(normalised));
        }
    }

    /** Prepares the unmarked paragraphs that sites were chosen in, for {@link #read(Original, List, Leak)}. */
    public static Original original(List<String> paragraphs) {
        return new Original(paragraphs);
    }

    /** Prepares a leaked text, for {@link #read(Original, List, Leak)}. */
    public static Leak leak(String text) {
        return new Leak(text);
    }

    /**
     * Reads the sites' symbols from a leaked text; the same as {@link #read(Original, List, Leak)} on the prepared
     * original and leak.
     *
     * @param originalParagraphs the unmarked paragraphs the sites were chosen in
     * @return one entry per site read, in site order; sites missing from the leak or ambiguous are left out
     */
    public static List<SiteRead> read(List<String> originalParagraphs, List<VariationSite> sites, String leakedText) {
        return read(original(originalParagraphs), sites, leak(leakedText));
    }

    /**
     * Reads the sites' symbols from a leaked text: a whole copy or an excerpt, reformatted (whitespace, line breaks,
     * full or half width, NFKC), with paragraphs dropped or shuffled, invisible characters removed, or a few percent of
     * characters wrong. Each site is looked for by the original's characters around it (never crossing a paragraph or
     * another site), with either form in the middle, allowing one wrong character per side (where the context has a
     * punctuation mark, only another mark). A site is read only if every place where its context stands says the same
     * form, and that context stands nowhere else in the original (if no place shows both sides of it, nowhere else in
     * the original without punctuation either, which a punctuation site never does); where the longer of two forms
     * that extend one another stands in full (伴随着), the shorter (随着) is not read inside it. A site seen by one side
     * of its context only is read only if no other site, written in the form the original lacks, makes that context
     * stand at its own place too (位置，切实 where 位置，认真落实 is written 切实落实): a leak that has only the neighbour
     * would otherwise give its form as the site's.
     * <p>
     * A site whose context is found nowhere is then looked for once more with punctuation and symbols removed from the
     * original and the leak alike, its context and uniqueness taken anew there (with the original's paragraphs run
     * together, as such a leak runs them), so that a leak whose punctuation was stripped or swapped is still read.
     * Punctuation sites ({@code "p:"} rules), and sites whose forms differ only by punctuation, cannot be seen there
     * and are not read that way. A site found but refused in the first pass is not looked for again, and no site is
     * read twice.
     * <p>
     * A context that holds a placeholder (×× 某某 ＿＿) the reader may have filled in their copy (青山县 where the original
     * has ××) is, when the whole context is not found or not taken, looked for once more cut short at the placeholder,
     * as at a neighbouring site, and taken only if seen whole.
     *
     * @param original the unmarked paragraphs the sites were chosen in, prepared by {@link #original(List)}
     * @param sites    sites of that original, as chosen for the copy's revision
     * @param leak     the leaked text, prepared by {@link #leak(String)}
     * @return one entry per site read, in site order; sites missing from the leak or ambiguous are left out
     */
    public static List<SiteRead> read(Original original, List<VariationSite> sites, Leak leak) {
        Map<Integer, List<VariationSite>> neighbours = byParagraph(sites);
        List<SiteRead> reads = new ArrayList<>();
        List<VariationSite> notFound = new ArrayList<>();
        SiteLocator with = original.withPunctuation;
        for (VariationSite site : sites) {
            List<VariationSite> cut = neighbours.get(site.paragraph());
            Reading r = reading(with, site, cut, leak.withPunctuation, f -> accepted(original, site, cut, sites, f));
            if (r == null) {
                notFound.add(site);
            } else if (r.accepted()) {
                reads.add(new SiteRead(site.index(), r.found().hits().get(0).form1()));
            }
        }
        SiteLocator without = original.withoutPunctuation;
        for (VariationSite site : notFound) {
            if (site.rule().startsWith("p:")) {
                continue;
            }
            List<VariationSite> cut = neighbours.get(site.paragraph());
            Reading r = reading(without, site, cut, leak.withoutPunctuation,
                    f -> acceptedWithoutPunctuation(without, sites, f));
            if (r != null && r.accepted()) {
                reads.add(new SiteRead(site.index(), r.found().hits().get(0).form1()));
            }
        }
        reads.sort(Comparator.comparingInt(SiteRead::site));
        return reads;
    }

    /**
     * Where a leak shows a site by one of its contexts: the whole one, or the one short of the placeholders
     * ({@code besidePlaceholders}), which must be seen whole, being shorter than the context the site was chosen by.
     */
    private record Found(SiteLocator.Context context, boolean besidePlaceholders, List<SiteLocator.Hit> hits) {
    }

    /** How a leak shows a site: where it was found, and whether that may be taken as the site's form. */
    private record Reading(Found found, boolean accepted) {
    }

    /**
     * The site in the leak by its whole context, or, when that is not found or not {@code accepted}, by its context
     * short of the placeholders (the side that disagreed may hold one the reader filled); each judged once. Null if
     * neither stands in the leak.
     */
    private static Reading reading(SiteLocator locator, VariationSite site, List<VariationSite> cut,
                                   SiteLocator.Shingles leak, Predicate<Found> accepted) {
        Found found = found(locator.context(site, cut), false, leak);
        boolean taken = found != null && accepted.test(found);
        if (!taken) {
            Found beside = found(locator.contextBesidePlaceholders(site, cut), true, leak);
            if (beside != null) {
                found = beside;
                taken = accepted.test(beside);
            }
        }
        return found == null ? null : new Reading(found, taken);
    }

    /** The hits of the context in the leak; null if there is no context or it stands nowhere there. */
    private static Found found(SiteLocator.Context c, boolean besidePlaceholders, SiteLocator.Shingles leak) {
        if (c == null) {
            return null;
        }
        List<SiteLocator.Hit> hits = SiteLocator.read(leak, c);
        return hits.isEmpty() ? null : new Found(c, besidePlaceholders, hits);
    }

    private static boolean accepted(Original original, VariationSite site, List<VariationSite> cut,
                                    List<VariationSite> sites, Found f) {
        return agree(f.hits()) && original.withPunctuation.uniquelyFound(f.context())
                && (wholeContextSeen(f.hits(), f.context())
                || (!f.besidePlaceholders() && standsAloneWithoutPunctuation(original, site, cut, f.context())
                && !original.withPunctuation.foundWhereOtherSitesWritten(f.context(), sites)));
    }

    private static boolean acceptedWithoutPunctuation(SiteLocator without, List<VariationSite> sites, Found f) {
        return agree(f.hits()) && without.uniquelyFound(f.context())
                && (wholeContextSeen(f.hits(), f.context())
                || (!f.besidePlaceholders() && !without.foundWhereOtherSitesWritten(f.context(), sites)));
    }

    /** The sites by paragraph: a context is cut only at sites of its own paragraph. */
    private static Map<Integer, List<VariationSite>> byParagraph(List<VariationSite> sites) {
        Map<Integer, List<VariationSite>> byParagraph = new HashMap<>();
        for (VariationSite s : sites) {
            byParagraph.computeIfAbsent(s.paragraph(), p -> new ArrayList<>()).add(s);
        }
        return byParagraph;
    }

    /**
     * Whether some place shows both sides of the context. A place seen by one side only may be another place whose
     * marks or paragraph break, which kept it apart in the original, the leak has lost; such a read must also hold
     * without punctuation, where the original's paragraphs run together.
     */
    private static boolean wholeContextSeen(List<SiteLocator.Hit> hits, SiteLocator.Context c) {
        for (SiteLocator.Hit h : hits) {
            if (h.evidence() == c.left().length() + c.right().length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the site stands alone in the original without punctuation, by a context taken anew there and by the
     * characters of {@code c} less their marks; each finds foreign places the other misses, the one falling short of the
     * evidence needed where marks were, the other reaching further and differing there. Punctuation sites never do.
     */
    private static boolean standsAloneWithoutPunctuation(Original original, VariationSite site,
                                                         List<VariationSite> cut, SiteLocator.Context c) {
        SiteLocator without = original.withoutPunctuation;
        return without.uniquelyFound(without.context(site, cut))
                && without.uniquelyFound(without.stripped(c, site));
    }

    private static boolean agree(List<SiteLocator.Hit> hits) {
        for (SiteLocator.Hit h : hits) {
            if (h.form1() != hits.get(0).form1()) {
                return false;
            }
        }
        return true;
    }
}
