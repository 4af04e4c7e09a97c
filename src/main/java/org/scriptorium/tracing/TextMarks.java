package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
     * Reads the sites' symbols from a leaked text: a whole copy or an excerpt, reformatted (whitespace, line breaks,
     * full or half width, NFKC), with paragraphs dropped or shuffled, invisible characters removed, or a few percent of
     * characters wrong. Each site is looked for by the original's characters around it (never crossing a paragraph or
     * another site), with either form in the middle, allowing one wrong character per side. A site is read only if
     * every place where its context stands says the same form, and that context stands nowhere else in the original.
     *
     * @param originalParagraphs the unmarked paragraphs the sites were chosen in
     * @return one entry per site read, in site order; sites missing from the leak or ambiguous are left out
     */
    public static List<SiteRead> read(List<String> originalParagraphs, List<VariationSite> sites, String leakedText) {
        SiteLocator locator = SiteLocator.forOriginal(originalParagraphs);
        SiteLocator.Shingles leak = SiteLocator.index(NormalText.normalise(leakedText));
        List<SiteRead> reads = new ArrayList<>();
        List<VariationSite> neighbours = sites;
        for (VariationSite site : sites) {
            SiteLocator.Context c = locator.context(site, neighbours);
            if (c == null) {
                continue;
            }
            List<SiteLocator.Hit> hits = SiteLocator.find(leak, c, 1);
            if (hits.isEmpty() || !agree(hits) || !locator.uniquelyFound(c)) {
                continue;
            }
            reads.add(new SiteRead(site.index(), hits.get(0).form1()));
        }
        reads.sort(Comparator.comparingInt(SiteRead::site));
        return reads;
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
