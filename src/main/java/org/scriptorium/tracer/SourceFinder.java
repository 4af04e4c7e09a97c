package org.scriptorium.tracer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.scriptorium.common.text.Normalised;
import org.scriptorium.common.text.Winnowing;

/**
 * Finds which revisions a leaked text was copied from, by {@link Winnowing} fingerprints of the {@link Normalised}
 * text, so excerpts, bundles, shuffled or partly deleted paragraphs, re-typing with a few errors and stripped notices,
 * whitespace, punctuation or invisible characters do not hide the source. It reports the revisions that explain the
 * whole text, then those found only in a part of it (an excerpt inside an article, excerpts of several materials
 * pasted together), and with each every other revision, of any material, holding the same or nearly the same text
 * (see {@link #find}). Plain Java; thread-safe (finds run in parallel, changes one at a time).
 *
 * <p>The index is a log-structured set of immutable segments, each a pair of parallel arrays ({@code long} hash,
 * {@code int} revision ordinal) sorted by hash, with a small directory by the hash's top bits: 13 bytes per posting
 * and no object per fingerprint, where a {@code HashMap<Long, int[]>} would spend some 80. Each revision also keeps
 * its own sorted fingerprints (8 bytes each) for exact counts. A new revision becomes a small segment, merged with
 * its predecessor while that is at most four times its size, so there are few segments and a posting is copied
 * O(log n) times.
 * Removal marks the ordinal dead; merges drop dead postings. Measured: 10,000 generated materials (44 million
 * characters) index in 3 s into about 155 MB, and find() on a 10,000-character leak takes 4–10 ms: side by side and
 * warmed, 1.2 to 1.35 times what it took before parts and equivalents were searched (3.0 ms against 2.2 for the scale
 * test's bundles), and 1.5 times for 10,000 characters never indexed, all of which are searched in windows.
 */
public final class SourceFinder {

    /** The least number of fingerprints shared, beyond those better explained by other revisions, to report one. */
    static final int MIN_SHARED = 5;
    /**
     * A fingerprint found in more revisions than this (or 1/64 of them, if more) is a stock phrase, not evidence. It
     * also bounds the work per fingerprint in find().
     */
    static final int COMMON_FLOOR = 32;
    /**
     * Share of the leak's informative fingerprints found anywhere in the index that one revision must explain: an
     * excerpt, a shuffled or re-typed copy reach 0.85 and more; a text never indexed spreads its stock phrases over
     * many revisions and gave at most 0.55 to any one (2,000 generated materials).
     */
    static final double MIN_FOUND_SHARE = 0.75;
    /**
     * And: share of all the leak's informative fingerprints, found or not. Re-typing errors make unfound ones (a copy
     * with 3% errors still reaches 0.55); the floor matters in a small index, where nothing is frequent enough to be
     * recognised as a stock phrase and what is found may be stock phrases only.
     */
    static final double MIN_LEAK_SHARE = 0.3;
    /**
     * Or: share of the revision's own informative fingerprints the leak must contain, so one member of a bundle counts
     * even though it explains a small part of the leak. Bundled copies reach 0.95; unrelated texts gave at most 0.21.
     */
    static final double MIN_REVISION_SHARE = 0.5;
    /** Generated materials keep about 0.6 of their fingerprints after dropping stock phrases; a floor below that. */
    private static final double TYPICAL_INFORMATIVE = 0.3;
    /**
     * Share of what a reported revision explains that another revision's fingerprints must cover to be reported as
     * its equivalent: a re-import covers 1, a revision differing by a sentence 0.98 and more, one with three of 37
     * paragraphs rewritten 0.87 or 0.96 (as the leak is of one or the other), one sharing a paragraph 0.1 or less.
     */
    static final double EQUIVALENT_SHARE = 0.9;
    /**
     * Normalised characters without a reported revision's fingerprints that are searched in windows: well below the
     * 800-character excerpts to be found, and above the 200 of a short quote, which the whole-text rule handles.
     */
    static final int MIN_STRETCH = 400;
    /**
     * Normalised characters per window. An excerpt of 800 characters is some 700 normalised, which one window holds
     * whole, making 7/8 of its fingerprints. Never-indexed generated text beside it is mostly found somewhere in the
     * index: with windows of 1,000 it pulled such an excerpt below {@value #MIN_FOUND_SHARE} in a third of trials, with
     * 800 in none. Narrower windows bring never-indexed text nearer to passing: its best revision reached 0.63 of the
     * least count the rule needs at 800, 0.67 at 700 (2,000 generated materials); real documents reached 0.05.
     */
    static final int WINDOW = 800;
    /** Normalised characters from one window to the next. */
    static final int STEP = 100;
    /** A passage with a reported revision's fingerprints shorter than this is a shared phrase and ends no stretch. */
    static final int ISLAND = 100;
    /**
     * Normalised characters between informative fingerprints of a revision that end a run of its text when a span is
     * measured: re-typing errors make gaps of some {@code K + W}, stock phrases a little more.
     */
    private static final int SPAN_GAP = 48;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    // per ordinal, in the order revisions were added (a higher ordinal is newer)
    private String[] keys = new String[16];
    private String[] materials = new String[16];
    private long[][] fingerprints = new long[16][];
    private boolean[] alive = new boolean[16];
    /** Informative fingerprints per ordinal and the index size they were counted at, packed: finds fill it in. */
    private AtomicLongArray informativeCounts = new AtomicLongArray(16);
    private int ordinals;

    private final Map<String, Integer> ordinalOfKey = new HashMap<>();
    private final List<Segment> segments = new ArrayList<>();
    private long livePostings;
    private long deadPostings;

    /** An empty finder. */
    public SourceFinder() {
    }

    /**
     * One revision the leak draws on.
     *
     * @param revisionKey the key it was added under
     * @param sharedFingerprints how many distinct fingerprints the leak and the revision have in common
     * @param leakCoverage {@code sharedFingerprints} as a share of the leak's distinct fingerprints
     * @param revisionCoverage {@code sharedFingerprints} as a share of the revision's distinct fingerprints
     * @param equivalentTo the key of the match listed before it whose evidence this revision holds as well (a
     *                     re-import, a free teaser, a compilation, a near-identical revision), or null when it was
     *                     found on evidence of its own
     * @param withinOtherText true when the revision accounts for a part of the leak only: found by the search of
     *                        parts (see {@link #find}), or found in the whole text beside text no revision found
     *                        explains
     * @param from where that part begins in the leaked text (an index into the text given to find); 0 when not
     *             {@code withinOtherText}
     * @param to where that part ends (exclusive); 0 when not {@code withinOtherText}
     */
    public record SourceMatch(String revisionKey, int sharedFingerprints, double leakCoverage, double revisionCoverage,
                              String equivalentTo, boolean withinOtherText, int from, int to) {

        /** A match of the whole leaked text, explaining evidence no other revision explained first. */
        public SourceMatch(String revisionKey, int sharedFingerprints, double leakCoverage, double revisionCoverage) {
            this(revisionKey, sharedFingerprints, leakCoverage, revisionCoverage, null, false, 0, 0);
        }
    }

    /**
     * Adds one revision's text, replacing any earlier text under the same key (the replacement counts as the newest
     * revision). The material is the part of the key before its last {@code ':'}, or the whole key.
     *
     * @throws NullPointerException if either argument is null
     */
    public void add(String revisionKey, String text) {
        add(revisionKey, Winnowing.fingerprints(Normalised.of(text).text()));
    }

    /**
     * Adds one revision by its fingerprints as {@link #add(String, String)} makes them from its text (distinct,
     * ascending: {@link Winnowing#fingerprints} of the {@link Normalised} text), e.g. read back from where they were
     * stored; the array is kept, not copied.
     *
     * @throws NullPointerException if either argument is null
     */
    public void add(String revisionKey, long[] prints) {
        Objects.requireNonNull(prints, "prints");
        String material = materialOf(revisionKey);
        lock.writeLock().lock();
        try {
            removeLocked(revisionKey);
            int ordinal = ordinals++;
            ensureCapacity(ordinals);
            keys[ordinal] = revisionKey;
            materials[ordinal] = material;
            fingerprints[ordinal] = prints;
            alive[ordinal] = true;
            informativeCounts.set(ordinal, 0);
            ordinalOfKey.put(revisionKey, ordinal);
            if (prints.length == 0) {
                return;
            }
            int[] owners = new int[prints.length];
            Arrays.fill(owners, ordinal);
            segments.add(new Segment(prints.clone(), owners));
            livePostings += prints.length;
            // merge while the newest segment is at least a quarter of its predecessor: O(log n) segments (every find
            // searches each), and each posting copied O(log n) times
            while (segments.size() > 1 && 4 * last(0).size() >= last(1).size()) {
                Segment merged = merge(last(1), last(0));
                segments.remove(segments.size() - 1);
                segments.set(segments.size() - 1, merged);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the revision added under {@code revisionKey}; does nothing if there is none. */
    public void remove(String revisionKey) {
        lock.writeLock().lock();
        try {
            removeLocked(revisionKey);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The number of revisions indexed. */
    public int size() {
        lock.readLock().lock();
        try {
            return ordinalOfKey.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The revisions {@code leakedText} draws on: first those found in the whole text, then those found only in a part
     * of it; each followed by the revisions equivalent to it.
     *
     * <p>Whole text: fingerprints found in more than {@value #COMMON_FLOOR} revisions (or 1/64 of the index) are stock
     * phrases and count as no evidence. Revisions are chosen greedily: next is the one sharing the most informative
     * fingerprints not explained by a revision chosen before it (ties go to the most recently added). It is reported
     * when those unexplained fingerprints number at least {@value #MIN_SHARED} and are at least
     * {@value #MIN_FOUND_SHARE} of the leak's informative fingerprints found in the index (and {@value #MIN_LEAK_SHARE}
     * of all of them), or at least {@value #MIN_REVISION_SHARE} of the revision's own informative fingerprints. Once a
     * revision is reported, the evidence of the other revisions of its material counts as explained by it.
     *
     * <p>Parts: each stretch of at least {@value #MIN_STRETCH} normalised characters holding no fingerprint of a
     * revision reported so far (a passage of fewer than {@value #ISLAND} characters that does hold some does not end
     * a stretch) is searched in windows of {@value #WINDOW} characters, {@value #STEP} apart, by the same rule applied
     * to the window's fingerprints. A revision found this way is reported with {@code withinOtherText} and the span of
     * the leaked text its shared fingerprints cover, windows next to each other making one part; when it is found in
     * several separate parts, the span is the longest. A whole copy or a bundle of whole copies leaves no stretch.
     * When, after this, at least {@value #MIN_STRETCH} characters are still explained by no revision found, those found
     * in the whole text are reported with {@code withinOtherText} and their span too.
     *
     * <p>Equivalents: after each reported revision come all other revisions, of any material, whose fingerprints cover
     * at least {@value #EQUIVALENT_SHARE} of the informative fingerprints that revision was reported for (the same or
     * nearly the same text: a re-import, a free teaser, a compilation, another revision), with {@code equivalentTo}
     * its key, and its {@code withinOtherText} and span. No revision is returned twice.
     *
     * <p>The counts and coverages returned are over all fingerprints of the whole leak, stock phrases included. Empty
     * when nothing matches clearly.
     *
     * @throws NullPointerException if {@code leakedText} is null
     */
    public List<SourceMatch> find(String leakedText) {
        Normalised normalised = Normalised.of(leakedText);
        Winnowing.Selection selection = Winnowing.select(normalised.text());
        if (selection.size() == 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            return new Search(leakedText, normalised, selection).matches();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A revision chosen by one greedy cover, with the leak fingerprints (distinct indexes) it was chosen for, and the
     * other revisions sharing as many of the leak's fingerprints as an equivalent needs: the only ones that can be.
     */
    private record Claim(int ordinal, int[] explains, int[] rivals) {
    }

    /** A run of adjacent windows in which one revision was found, in normalised characters. */
    private static final class Part {
        final int from;
        int to;
        int lastWindow;
        final IntList explains = new IntList(64);

        Part(int from, int to, int window) {
            this.from = from;
            this.to = to;
            this.lastWindow = window;
        }
    }

    /**
     * One find's working state, used under the read lock: the leak's fingerprints, their postings in the index
     * (looked up once, then reused by every window), and scratch arrays each step leaves cleared.
     */
    private final class Search {

        private final String original;
        private final Normalised normalised;
        /** Distinct fingerprints, ascending; "index" below means an index into this. */
        private final long[] leak;
        /** Where each selected fingerprint's k-gram starts in the normalised text, ascending. */
        private final int[] positions;
        /** The index of each selected fingerprint. */
        private final int[] selected;
        private final boolean[] informative;
        private final boolean[] matchable;
        /** Live revisions holding informative fingerprint i: {@code postings[postingStart[i], postingStart[i + 1])}. */
        private final int[] postingStart;
        private final IntList postings;
        private final int common;

        private final int[] counts = new int[ordinals];
        private final int[] slot = new int[ordinals];
        private final IntList touched = new IntList(256);
        private final boolean[] explained;
        private final int[] stamps;
        private int stamp;
        /** Revisions sharing at least {@value #MIN_SHARED} of the whole text's fingerprints, with the count: pairs. */
        private final IntList wholeTextCounts = new IntList(64);

        Search(String original, Normalised normalised, Winnowing.Selection selection) {
            this.original = original;
            this.normalised = normalised;
            this.positions = selection.positions();
            this.leak = Winnowing.distinct(selection.hashes());
            this.selected = new int[selection.size()];
            for (int j = 0; j < selected.length; j++) {
                selected[j] = Arrays.binarySearch(leak, selection.hashes()[j]);
            }
            this.informative = new boolean[leak.length];
            this.matchable = new boolean[leak.length];
            this.postingStart = new int[leak.length + 1];
            this.postings = new IntList(leak.length * 4);
            this.explained = new boolean[leak.length];
            this.stamps = new int[leak.length];
            this.common = Math.max(COMMON_FLOOR, ordinalOfKey.size() / 64);
            lookUp();
        }

        private void lookUp() {
            int segmentCount = segments.size();
            int[] from = new int[segmentCount];
            int[] to = new int[segmentCount];
            for (int i = 0; i < leak.length; i++) {
                postingStart[i] = postings.size;
                long hash = leak[i];
                int frequency = 0;
                for (int s = 0; s < segmentCount; s++) {
                    Segment segment = segments.get(s);
                    int start = segment.lowerBound(hash);
                    int end = segment.upperBound(hash, start);
                    from[s] = start;
                    to[s] = end;
                    frequency += end - start;
                }
                if (frequency > common) {
                    continue;
                }
                informative[i] = true;
                matchable[i] = frequency > 0;
                for (int s = 0; s < segmentCount; s++) {
                    int[] owners = segments.get(s).ordinals;
                    for (int p = from[s]; p < to[s]; p++) {
                        int ordinal = owners[p];
                        if (alive[ordinal]) {
                            postings.add(ordinal);
                            // counted for the whole-text cover, which comes first
                            if (counts[ordinal]++ == 0) {
                                touched.add(ordinal);
                            }
                        }
                    }
                }
            }
            postingStart[leak.length] = postings.size;
        }

        List<SourceMatch> matches() {
            boolean[] reported = new boolean[ordinals];
            int[] all = new int[leak.length];
            Arrays.setAll(all, i -> i);
            List<Claim> whole = cover(all, all.length, null, true);
            whole.forEach(claim -> reported[claim.ordinal()] = true);
            List<List<Integer>> wholeEquivalents = new ArrayList<>();
            for (Claim claim : whole) {
                wholeEquivalents.add(equivalents(claim.explains(), claim.rivals(), reported));
            }
            boolean[] explainedByReported = explainedBy(reported);
            List<int[]> stretches = unexplainedStretches(explainedByReported);
            List<SourceMatch> matches = new ArrayList<>();
            if (stretches.isEmpty()) {
                // a whole copy or a bundle of whole copies: nothing left to search
                for (int w = 0; w < whole.size(); w++) {
                    add(matches, whole.get(w).ordinal(), wholeEquivalents.get(w), false, 0, 0);
                }
                return List.copyOf(matches);
            }

            Map<Integer, List<Part>> parts = searchWindows(stretches, explainedByReported, !whole.isEmpty());
            // every span before any equivalents, so no revision found in a part is listed as another's equivalent
            List<int[]> spans = new ArrayList<>();
            for (Map.Entry<Integer, List<Part>> e : parts.entrySet()) {
                int[] longest = null;
                for (Part part : e.getValue()) {
                    int[] span = span(e.getKey(), part.from, part.to);
                    if (longest == null || span[1] - span[0] > longest[1] - longest[0]) {
                        longest = span;
                    }
                }
                spans.add(new int[] {e.getKey(), longest[0], longest[1]});
                reported[e.getKey()] = true;
            }
            spans.sort(Comparator.comparingInt(span -> span[1]));
            List<List<Integer>> partEquivalents = new ArrayList<>();
            for (int[] span : spans) {
                partEquivalents.add(equivalents(distinctExplains(parts.get(span[0])), null, reported));
            }

            // revisions found in the whole text are within other text too when text no revision explains is left
            boolean otherText = !unexplainedStretches(explainedBy(reported)).isEmpty();
            for (int w = 0; w < whole.size(); w++) {
                Claim claim = whole.get(w);
                int[] span = otherText ? originalSpan(span(claim.ordinal(), 0, normalised.text().length()))
                        : new int[2];
                add(matches, claim.ordinal(), wholeEquivalents.get(w), otherText, span[0], span[1]);
            }
            for (int s = 0; s < spans.size(); s++) {
                int[] span = originalSpan(new int[] {spans.get(s)[1], spans.get(s)[2]});
                add(matches, spans.get(s)[0], partEquivalents.get(s), true, span[0], span[1]);
            }
            return List.copyOf(matches);
        }

        /** Adds the match of {@code ordinal}, then those of its equivalents. */
        private void add(List<SourceMatch> matches, int ordinal, List<Integer> equivalents, boolean withinOtherText,
                         int from, int to) {
            matches.add(match(ordinal, null, withinOtherText, from, to));
            for (int equivalent : equivalents) {
                matches.add(match(equivalent, keys[ordinal], withinOtherText, from, to));
            }
        }

        /** Which of the leak's fingerprints a reported revision holds. */
        private boolean[] explainedBy(boolean[] reported) {
            boolean[] explainedByReported = new boolean[leak.length];
            for (int i = 0; i < leak.length; i++) {
                for (int p = postingStart[i]; p < postingStart[i + 1] && !explainedByReported[i]; p++) {
                    explainedByReported[i] = reported[postings.values[p]];
                }
            }
            return explainedByReported;
        }

        /** A normalised span, {@code [from, to)}, as indexes into the text given to find. */
        private int[] originalSpan(int[] span) {
            int last = normalised.originalIndex(span[1] - 1);
            int after = last + Character.charCount(original.codePointAt(last));
            return new int[] {normalised.originalIndex(span[0]), after};
        }

        private SourceMatch match(int ordinal, String equivalentTo, boolean withinOtherText, int from, int to) {
            int exact = intersection(leak, fingerprints[ordinal]);
            return new SourceMatch(keys[ordinal], exact, (double) exact / leak.length,
                    (double) exact / fingerprints[ordinal].length, equivalentTo, withinOtherText, from, to);
        }

        /**
         * The greedy cover of the whole text's rule over the {@code size} distinct indexes in {@code subset}: the
         * revisions reported, in order, each with the informative fingerprints it explained first. Fingerprints in
         * {@code alreadyExplained} (null for none) count towards the shares but for no revision. {@code counted}: the
         * counts per revision are already in place (the look-up makes them for the whole text).
         */
        private List<Claim> cover(int[] subset, int size, boolean[] alreadyExplained, boolean counted) {
            int informativeCount = 0;
            int matchableCount = 0;
            for (int k = 0; k < size; k++) {
                int i = subset[k];
                if (!informative[i]) {
                    continue;
                }
                informativeCount++;
                if (matchable[i]) {
                    matchableCount++;
                }
                if (counted || (alreadyExplained != null && alreadyExplained[i])) {
                    continue;
                }
                for (int p = postingStart[i]; p < postingStart[i + 1]; p++) {
                    int ordinal = postings.values[p];
                    if (counts[ordinal]++ == 0) {
                        touched.add(ordinal);
                    }
                }
            }

            // a candidate can only pass if its whole count, before anything is explained, passes a cheap form of the
            // rule: most of the thousands sharing a few stock-ish fingerprints are never queued
            int leakBound = (int) Math.ceil(
                    Math.max(MIN_FOUND_SHARE * matchableCount, MIN_LEAK_SHARE * informativeCount));
            IntList eligible = new IntList(16);
            for (int t = 0; t < touched.size; t++) {
                int o = touched.values[t];
                if (counts[o] >= MIN_SHARED && (counts[o] >= leakBound || counts[o] >= revisionBound(o))) {
                    eligible.add(o);
                    slot[o] = eligible.size;
                }
            }

            // group the evidence of every eligible candidate: offsets into one array of leak fingerprint indexes
            int[] offset = new int[eligible.size + 1];
            for (int e = 0; e < eligible.size; e++) {
                offset[e + 1] = offset[e] + counts[eligible.values[e]];
            }
            int[] shared = new int[offset[eligible.size]];
            int[] fill = Arrays.copyOf(offset, eligible.size);
            if (eligible.size > 0) {
                for (int k = 0; k < size; k++) {
                    int i = subset[k];
                    if (!informative[i] || (alreadyExplained != null && alreadyExplained[i])) {
                        continue;
                    }
                    for (int p = postingStart[i]; p < postingStart[i + 1]; p++) {
                        int s = slot[postings.values[p]];
                        if (s > 0) {
                            shared[fill[s - 1]++] = i;
                        }
                    }
                }
            }

            // lazy greedy cover: a candidate's unexplained count only falls, so a popped count that is still current
            // is the largest
            PriorityQueue<Long> queue = new PriorityQueue<>(Comparator.reverseOrder());
            for (int e = 0; e < eligible.size; e++) {
                int o = eligible.values[e];
                queue.add(((long) counts[o] << 32) | o);
            }
            Set<String> reportedMaterials = new HashSet<>();
            List<Claim> claims = new ArrayList<>();
            while (!queue.isEmpty()) {
                long top = queue.poll();
                int claimed = (int) (top >>> 32);
                int ordinal = (int) top;
                if (claimed < MIN_SHARED) {
                    break;
                }
                int s = slot[ordinal] - 1;
                int unexplained = 0;
                for (int p = offset[s]; p < offset[s + 1]; p++) {
                    if (!explained[shared[p]]) {
                        unexplained++;
                    }
                }
                if (unexplained < claimed) {
                    queue.add(((long) unexplained << 32) | ordinal);
                    continue;
                }
                boolean sameMaterialReported = reportedMaterials.contains(materials[ordinal]);
                boolean clear = (unexplained >= MIN_FOUND_SHARE * matchableCount
                        && unexplained >= MIN_LEAK_SHARE * informativeCount)
                        // the raw share is cheap and at least as large: count the informative ones only if it may pass
                        || (unexplained >= MIN_REVISION_SHARE * fingerprints[ordinal].length * TYPICAL_INFORMATIVE
                                && unexplained >= MIN_REVISION_SHARE * informativeCount(ordinal, common));
                if (!sameMaterialReported && !clear) {
                    continue;
                }
                // evidence of a material already reported is explained by it, even through another of its revisions
                int[] explains = new int[unexplained];
                int n = 0;
                for (int p = offset[s]; p < offset[s + 1]; p++) {
                    if (!explained[shared[p]]) {
                        explained[shared[p]] = true;
                        explains[n++] = shared[p];
                    }
                }
                if (!sameMaterialReported) {
                    reportedMaterials.add(materials[ordinal]);
                    claims.add(new Claim(ordinal, explains, null));
                }
            }

            // whoever shares the leak's fingerprints less than a claim needs of its own cannot be its equivalent
            for (int c = 0; c < claims.size(); c++) {
                Claim claim = claims.get(c);
                int needed = equivalentNeeds(claim.explains().length);
                IntList rivals = new IntList(4);
                for (int t = 0; t < touched.size; t++) {
                    int o = touched.values[t];
                    if (counts[o] >= needed && o != claim.ordinal()) {
                        rivals.add(o);
                    }
                }
                claims.set(c, new Claim(claim.ordinal(), claim.explains(), Arrays.copyOf(rivals.values, rivals.size)));
            }
            for (int t = 0; t < touched.size; t++) {
                int o = touched.values[t];
                if (counted && counts[o] >= MIN_SHARED) {
                    wholeTextCounts.add(o);
                    wholeTextCounts.add(counts[o]);
                }
                counts[o] = 0;
                slot[o] = 0;
            }
            touched.clear();
            for (int k = 0; k < size; k++) {
                explained[subset[k]] = false;
            }
            return claims;
        }

        /**
         * The revisions not yet reported whose fingerprints include at least {@value #EQUIVALENT_SHARE} of the
         * distinct indexes {@code explains}, most shared first (ties: newest first); marks them reported. Only
         * {@code candidates} are considered, or, when null, every revision sharing one of them.
         */
        private List<Integer> equivalents(int[] explains, int[] candidates, boolean[] reported) {
            int needed = equivalentNeeds(explains.length);
            List<Integer> equivalents = new ArrayList<>();
            if (candidates == null) {
                for (int i : explains) {
                    for (int p = postingStart[i]; p < postingStart[i + 1]; p++) {
                        int ordinal = postings.values[p];
                        if (counts[ordinal]++ == 0) {
                            touched.add(ordinal);
                        }
                    }
                }
            } else {
                for (int ordinal : candidates) {
                    if (reported[ordinal]) {
                        continue;
                    }
                    touched.add(ordinal);
                    for (int i : explains) {
                        if (Arrays.binarySearch(fingerprints[ordinal], leak[i]) >= 0) {
                            counts[ordinal]++;
                        }
                    }
                }
            }
            for (int t = 0; t < touched.size; t++) {
                int o = touched.values[t];
                if (counts[o] >= needed && !reported[o]) {
                    equivalents.add(o);
                }
            }
            equivalents.sort(Comparator.comparingInt((Integer o) -> counts[o]).thenComparingInt(o -> o).reversed());
            for (int t = 0; t < touched.size; t++) {
                counts[touched.values[t]] = 0;
            }
            touched.clear();
            equivalents.forEach(o -> reported[o] = true);
            return equivalents;
        }

        private static int equivalentNeeds(int explained) {
            return Math.max(MIN_SHARED, (int) Math.ceil(EQUIVALENT_SHARE * explained));
        }

        /**
         * Stretches of the normalised text, {@code [from, to)}, at least {@value #MIN_STRETCH} long and free of
         * fingerprints explained by a reported revision, except in passages shorter than {@value #ISLAND} characters
         * (a shared phrase, not a copy).
         */
        private List<int[]> unexplainedStretches(boolean[] explainedByReported) {
            List<int[]> stretches = new ArrayList<>();
            int stretchFrom = 0;
            int islandFrom = -1;
            int islandLast = -1;
            for (int j = 0; j <= positions.length; j++) {
                boolean end = j == positions.length;
                if (!end && !explainedByReported[selected[j]]) {
                    continue;
                }
                int at = end ? Integer.MAX_VALUE : positions[j];
                if (islandFrom >= 0 && at - islandLast >= ISLAND) {
                    // the island before ends here: a copied passage closes the stretch, a shared phrase does not
                    if (islandLast + Winnowing.K - islandFrom >= ISLAND) {
                        addStretch(stretches, stretchFrom, islandFrom);
                        stretchFrom = islandLast + Winnowing.K;
                    }
                    islandFrom = -1;
                }
                if (end) {
                    break;
                }
                if (islandFrom < 0) {
                    islandFrom = at;
                }
                islandLast = at;
            }
            addStretch(stretches, stretchFrom, normalised.text().length());
            return stretches;
        }

        private static void addStretch(List<int[]> stretches, int from, int to) {
            if (to - from >= MIN_STRETCH) {
                stretches.add(new int[] {from, to});
            }
        }

        /**
         * Every revision the windows over {@code stretches} find, with the parts (runs of adjacent windows) it was
         * found in, in the order first found. A window the size of the whole text repeats the whole-text search and
         * is skipped when that search found nothing.
         */
        private Map<Integer, List<Part>> searchWindows(List<int[]> stretches, boolean[] explainedByReported,
                                                       boolean anyReported) {
            Map<Integer, List<Part>> parts = new LinkedHashMap<>();
            int[] subset = new int[leak.length];
            int window = 0;
            for (int[] stretch : stretches) {
                int end = stretch[1];
                if (!anyReported && stretch[0] == 0 && end == normalised.text().length() && end <= WINDOW) {
                    continue;
                }
                IntList starts = new IntList(16);
                for (int from = stretch[0]; ; from = Math.min(from + STEP, end - WINDOW)) {
                    starts.add(from);
                    if (from + WINDOW >= end) {
                        break;
                    }
                }
                // the least count a revision needs in each window to be a candidate there, by the rule's cheap form
                int[] bound = new int[starts.size];
                int leastBound = Integer.MAX_VALUE;
                for (int w = 0; w < starts.size; w++) {
                    int size = distinctWithin(starts.values[w], Math.min(starts.values[w] + WINDOW, end), subset);
                    int informativeCount = 0;
                    int matchableCount = 0;
                    for (int k = 0; k < size; k++) {
                        informativeCount += informative[subset[k]] ? 1 : 0;
                        matchableCount += matchable[subset[k]] ? 1 : 0;
                    }
                    bound[w] = Math.max(MIN_SHARED, (int) Math.ceil(
                            Math.max(MIN_FOUND_SHARE * matchableCount, MIN_LEAK_SHARE * informativeCount)));
                    leastBound = Math.min(leastBound, bound[w]);
                }
                // a revision's count over the stretch bounds its count in every window: most never come near
                IntList viable = anyReported ? viableIn(stretch, leastBound, explainedByReported, subset)
                        : viableInWholeText(leastBound);
                if (viable.size == 0) {
                    window += starts.size + 1;
                    continue;
                }
                IntList[] occurrences = occurrencesIn(stretch, viable, explainedByReported);
                // each viable revision's occurrences in the window, [first, after): a repeated fingerprint counts
                // twice, so the count bounds the rule's from above and a window it rules out finds nothing
                int[] first = new int[viable.size];
                int[] after = new int[viable.size];
                for (int w = 0; w < starts.size; w++) {
                    int from = starts.values[w];
                    int to = Math.min(from + WINDOW, end);
                    window++;
                    boolean candidate = false;
                    for (int v = 0; v < viable.size && !candidate; v++) {
                        IntList at = occurrences[v];
                        while (first[v] < at.size && positions[at.values[first[v]]] < from) {
                            first[v]++;
                        }
                        after[v] = Math.max(after[v], first[v]);
                        while (after[v] < at.size && positions[at.values[after[v]]] + Winnowing.K <= to) {
                            after[v]++;
                        }
                        int count = after[v] - first[v];
                        candidate = count >= MIN_SHARED
                                && (count >= bound[w] || count >= revisionBound(viable.values[v]));
                    }
                    if (!candidate) {
                        continue;
                    }
                    for (Claim claim : cover(subset, distinctWithin(from, to, subset), explainedByReported, false)) {
                        List<Part> list = parts.computeIfAbsent(claim.ordinal(), o -> new ArrayList<>());
                        Part last = list.isEmpty() ? null : list.get(list.size() - 1);
                        if (last == null || last.lastWindow != window - 1) {
                            last = new Part(from, to, window);
                            list.add(last);
                        }
                        last.to = to;
                        last.lastWindow = window;
                        last.explains.addAll(claim.explains());
                    }
                }
                window++; // windows of different stretches are never adjacent
            }
            return parts;
        }

        /** The least count, before anything is explained, at which the revision-share rule may pass. */
        private double revisionBound(int ordinal) {
            return MIN_REVISION_SHARE * TYPICAL_INFORMATIVE * fingerprints[ordinal].length;
        }

        /** Puts the distinct indexes of the fingerprints whose k-grams lie in {@code [from, to)} into {@code into}. */
        private int distinctWithin(int from, int to, int[] into) {
            stamp++;
            int size = 0;
            for (int j = firstAtOrAfter(from); j < positions.length && positions[j] + Winnowing.K <= to; j++) {
                int i = selected[j];
                if (stamps[i] != stamp) {
                    stamps[i] = stamp;
                    into[size++] = i;
                }
            }
            return size;
        }

        /**
         * The revisions whose unexplained informative fingerprints in {@code stretch} number at least
         * {@value #MIN_SHARED} and either {@code leastBound} or their revision-share bound.
         */
        private IntList viableIn(int[] stretch, int leastBound, boolean[] explainedByReported, int[] scratch) {
            int size = distinctWithin(stretch[0], stretch[1], scratch);
            for (int k = 0; k < size; k++) {
                int i = scratch[k];
                if (!informative[i] || explainedByReported[i]) {
                    continue;
                }
                for (int p = postingStart[i]; p < postingStart[i + 1]; p++) {
                    int ordinal = postings.values[p];
                    if (counts[ordinal]++ == 0) {
                        touched.add(ordinal);
                    }
                }
            }
            IntList viable = new IntList(16);
            for (int t = 0; t < touched.size; t++) {
                int o = touched.values[t];
                if (counts[o] >= MIN_SHARED && (counts[o] >= leastBound || counts[o] >= revisionBound(o))) {
                    viable.add(o);
                }
                counts[o] = 0;
            }
            touched.clear();
            return viable;
        }

        /** As {@link #viableIn} for the whole text when nothing was reported: the look-up made the counts. */
        private IntList viableInWholeText(int leastBound) {
            IntList viable = new IntList(16);
            for (int c = 0; c < wholeTextCounts.size; c += 2) {
                int o = wholeTextCounts.values[c];
                int count = wholeTextCounts.values[c + 1];
                if (count >= leastBound || count >= revisionBound(o)) {
                    viable.add(o);
                }
            }
            return viable;
        }

        /** For each of {@code viable}, the selected fingerprints in {@code stretch} that are evidence for it. */
        private IntList[] occurrencesIn(int[] stretch, IntList viable, boolean[] explainedByReported) {
            IntList[] occurrences = new IntList[viable.size];
            for (int v = 0; v < viable.size; v++) {
                occurrences[v] = new IntList(64);
                slot[viable.values[v]] = v + 1;
            }
            for (int j = firstAtOrAfter(stretch[0]); j < positions.length && positions[j] + Winnowing.K <= stretch[1];
                    j++) {
                int i = selected[j];
                if (!informative[i] || explainedByReported[i]) {
                    continue;
                }
                for (int p = postingStart[i]; p < postingStart[i + 1]; p++) {
                    int s = slot[postings.values[p]];
                    if (s > 0) {
                        occurrences[s - 1].add(j);
                    }
                }
            }
            for (int v = 0; v < viable.size; v++) {
                slot[viable.values[v]] = 0;
            }
            return occurrences;
        }

        private int firstAtOrAfter(int position) {
            int lo = 0;
            int hi = positions.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (positions[mid] < position) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /**
         * The normalised span, within {@code [from, to)}, of the text {@code ordinal} holds: runs of its
         * informative fingerprints no more than {@value #SPAN_GAP} apart, leaving out runs of fewer than
         * {@value #MIN_SHARED} or an eighth of the longest (shared phrases); then widened over its stock phrases while
         * they follow on without a gap, as copied text does (one fingerprint at least every {@code W} characters).
         */
        private int[] span(int ordinal, int from, int to) {
            long[] held = fingerprints[ordinal];
            int first = firstAtOrAfter(from);
            int end = first;
            while (end < positions.length && positions[end] + Winnowing.K <= to) {
                end++;
            }
            IntList runs = new IntList(16); // first and last occurrence and size: three per run
            int largest = 0;
            for (int j = first; j < end; j++) {
                if (!informative[selected[j]] || Arrays.binarySearch(held, leak[selected[j]]) < 0) {
                    continue;
                }
                if (runs.size == 0 || positions[j] - positions[runs.values[runs.size - 2]] > SPAN_GAP) {
                    runs.add(j);
                    runs.add(j);
                    runs.add(0);
                }
                runs.values[runs.size - 2] = j;
                largest = Math.max(largest, ++runs.values[runs.size - 1]);
            }
            int least = Math.max(MIN_SHARED, largest / 8);
            int firstHeld = -1;
            int lastHeld = -1;
            for (int r = 0; r < runs.size; r += 3) {
                if (runs.values[r + 2] >= least) {
                    firstHeld = firstHeld < 0 ? runs.values[r] : firstHeld;
                    lastHeld = runs.values[r + 1];
                }
            }
            if (firstHeld < 0) {
                return new int[] {from, to};
            }
            while (firstHeld > first && positions[firstHeld] - positions[firstHeld - 1] <= Winnowing.W
                    && Arrays.binarySearch(held, leak[selected[firstHeld - 1]]) >= 0) {
                firstHeld--;
            }
            while (lastHeld + 1 < end && positions[lastHeld + 1] - positions[lastHeld] <= Winnowing.W
                    && Arrays.binarySearch(held, leak[selected[lastHeld + 1]]) >= 0) {
                lastHeld++;
            }
            return new int[] {positions[firstHeld], positions[lastHeld] + Winnowing.K};
        }

        private int[] distinctExplains(List<Part> parts) {
            stamp++;
            IntList distinct = new IntList(64);
            for (Part part : parts) {
                for (int e = 0; e < part.explains.size; e++) {
                    int i = part.explains.values[e];
                    if (stamps[i] != stamp) {
                        stamps[i] = stamp;
                        distinct.add(i);
                    }
                }
            }
            return Arrays.copyOf(distinct.values, distinct.size);
        }
    }

    /**
     * How many of the revision's fingerprints are not stock phrases, as counted when the index was within an eighth
     * of its current size: counting costs as much as a find, and the count drifts slowly as the index grows.
     */
    private int informativeCount(int ordinal, int common) {
        int size = ordinalOfKey.size();
        long cached = informativeCounts.get(ordinal);
        int countedAt = (int) (cached >>> 32);
        if (countedAt > 0 && Math.abs(size - countedAt) <= countedAt / 8) {
            return (int) cached;
        }
        int count = countInformative(ordinal, common);
        informativeCounts.set(ordinal, ((long) size << 32) | count);
        return count;
    }

    private int countInformative(int ordinal, int common) {
        long[] prints = fingerprints[ordinal];
        int segmentCount = segments.size();
        int count = 0;
        for (long hash : prints) {
            int frequency = 0;
            for (int s = 0; s < segmentCount && frequency <= common; s++) {
                Segment segment = segments.get(s);
                int start = segment.lowerBound(hash);
                int end = segment.upperBound(hash, start);
                frequency += end - start;
            }
            if (frequency <= common) {
                count++;
            }
        }
        return count;
    }

    private void removeLocked(String revisionKey) {
        Integer ordinal = ordinalOfKey.remove(revisionKey);
        if (ordinal == null) {
            return;
        }
        alive[ordinal] = false;
        int postings = fingerprints[ordinal].length;
        fingerprints[ordinal] = null;
        livePostings -= postings;
        deadPostings += postings;
        if (deadPostings > livePostings) {
            compact();
        }
    }

    /** Rewrites the index as one segment of live postings, with ordinals renumbered in their old order. */
    private void compact() {
        // merge first: merging reads the old ordinals' liveness
        Segment all = new Segment(new long[0], new int[0]);
        for (Segment segment : segments) {
            all = merge(all, segment);
        }
        int[] renumbered = new int[ordinals];
        int next = 0;
        for (int o = 0; o < ordinals; o++) {
            if (alive[o]) {
                renumbered[o] = next;
                keys[next] = keys[o];
                materials[next] = materials[o];
                fingerprints[next] = fingerprints[o];
                alive[next] = true;
                informativeCounts.set(next, informativeCounts.get(o));
                ordinalOfKey.put(keys[next], next);
                next++;
            }
        }
        Arrays.fill(keys, next, ordinals, null);
        Arrays.fill(materials, next, ordinals, null);
        Arrays.fill(fingerprints, next, ordinals, null);
        Arrays.fill(alive, next, ordinals, false);
        for (int p = 0; p < all.size(); p++) {
            all.ordinals[p] = renumbered[all.ordinals[p]];
        }
        segments.clear();
        if (all.size() > 0) {
            segments.add(all);
        }
        ordinals = next;
        deadPostings = 0;
    }

    /** Merges two segments, dropping dead postings. */
    private Segment merge(Segment a, Segment b) {
        long[] hashes = new long[a.size() + b.size()];
        int[] owners = new int[hashes.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.size() || j < b.size()) {
            boolean takeA = j >= b.size() || (i < a.size() && (a.hashes[i] < b.hashes[j]
                    || (a.hashes[i] == b.hashes[j] && a.ordinals[i] <= b.ordinals[j])));
            long hash = takeA ? a.hashes[i] : b.hashes[j];
            int ordinal = takeA ? a.ordinals[i++] : b.ordinals[j++];
            if (alive[ordinal]) {
                hashes[n] = hash;
                owners[n++] = ordinal;
            } else {
                deadPostings--;
            }
        }
        return new Segment(Arrays.copyOf(hashes, n), Arrays.copyOf(owners, n));
    }

    private Segment last(int fromEnd) {
        return segments.get(segments.size() - 1 - fromEnd);
    }

    private void ensureCapacity(int size) {
        if (size > keys.length) {
            int capacity = Math.max(size, keys.length * 2);
            keys = Arrays.copyOf(keys, capacity);
            materials = Arrays.copyOf(materials, capacity);
            fingerprints = Arrays.copyOf(fingerprints, capacity);
            alive = Arrays.copyOf(alive, capacity);
            AtomicLongArray counts = new AtomicLongArray(capacity);
            for (int i = 0; i < informativeCounts.length(); i++) {
                counts.set(i, informativeCounts.get(i));
            }
            informativeCounts = counts;
        }
    }

    private static String materialOf(String revisionKey) {
        int colon = revisionKey.lastIndexOf(':');
        return colon < 0 ? revisionKey : revisionKey.substring(0, colon);
    }

    /** The number of values two ascending arrays of distinct values share. */
    private static int intersection(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                shared++;
                i++;
                j++;
            }
        }
        return shared;
    }

    /**
     * Immutable postings sorted by hash, then ordinal, with a directory by the top bits of the hash: hashes are
     * uniform, so each directory bucket holds a few postings and a lookup touches two or three cache lines instead of
     * the two dozen of a binary search.
     */
    private static final class Segment {

        final long[] hashes;
        final int[] ordinals;
        private final int shift;
        private final int[] directory;

        Segment(long[] hashes, int[] ordinals) {
            this.hashes = hashes;
            this.ordinals = ordinals;
            int bits = Math.max(1, Math.min(26, 63 - Long.numberOfLeadingZeros(Math.max(1, hashes.length / 4))));
            this.shift = 64 - bits;
            this.directory = new int[(1 << bits) + 1];
            int bucket = 0;
            for (int i = 0; i < hashes.length; i++) {
                int b = bucket(hashes[i]);
                while (bucket < b) {
                    directory[++bucket] = i;
                }
            }
            while (bucket < (1 << bits)) {
                directory[++bucket] = hashes.length;
            }
        }

        int size() {
            return hashes.length;
        }

        /** Flipping the sign bit makes the unsigned top bits follow the signed order of the sort. */
        private int bucket(long hash) {
            return (int) ((hash ^ Long.MIN_VALUE) >>> shift);
        }

        /** The first index whose hash is not below {@code hash}. */
        int lowerBound(long hash) {
            int b = bucket(hash);
            int lo = directory[b];
            int hi = directory[b + 1];
            while (lo < hi && hashes[lo] < hash) {
                lo++;
            }
            return lo;
        }

        /** The first index at or after {@code from} whose hash is above {@code hash}. */
        int upperBound(long hash, int from) {
            // stock phrases have long runs: gallop, then bisect
            int step = 1;
            int lo = from;
            int hi = from;
            while (hi < hashes.length && hashes[hi] <= hash) {
                lo = hi + 1;
                hi += step;
                step <<= 1;
            }
            hi = Math.min(hi, hashes.length);
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (hashes[mid] <= hash) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** A growable list of ints without boxing. */
    private static final class IntList {
        int[] values;
        int size;

        IntList(int capacity) {
            values = new int[Math.max(16, capacity)];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(int[] more) {
            if (size + more.length > values.length) {
                values = Arrays.copyOf(values, Math.max(size + more.length, size * 2));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        void clear() {
            size = 0;
        }
    }
}
