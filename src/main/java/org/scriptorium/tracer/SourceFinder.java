package org.scriptorium.tracer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Finds which revisions a leaked text was copied from, by {@link Winnowing} fingerprints of the {@link Normalised}
 * text, so excerpts, bundles, shuffled or partly deleted paragraphs, re-typing with a few errors and stripped notices,
 * whitespace, punctuation or invisible characters do not hide the source. Plain Java; thread-safe (finds run in
 * parallel, changes one at a time).
 *
 * <p>The index is a log-structured set of immutable segments, each a pair of parallel arrays ({@code long} hash,
 * {@code int} revision ordinal) sorted by hash, with a small directory by the hash's top bits: 13 bytes per posting
 * and no object per fingerprint, where a {@code HashMap<Long, int[]>} would spend some 80. Each revision also keeps
 * its own sorted fingerprints (8 bytes each) for exact counts. A new revision becomes a small segment, merged with
 * its predecessor while that is at most four times its size, so there are few segments and a posting is copied
 * O(log n) times.
 * Removal marks the ordinal dead; merges drop dead postings. Measured: 10,000 generated materials (44 million
 * characters) index in 3 s into about 155 MB, and find() on a 10,000-character leak takes 4–10 ms.
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
     * @param equivalentTo the key of the match this revision explains as well as (a re-import, a near-identical
     *                     revision), or null when it explains evidence of its own
     * @param withinOtherText true when the revision was found in a part of the leak only, the rest being other text
     * @param from where that part begins in the leaked text (an index into the text given to find), 0 for the whole
     * @param to where that part ends (exclusive), 0 for the whole
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
        long[] prints = Winnowing.fingerprints(Normalised.of(text).text());
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
     * The revisions {@code leakedText} draws on, best first. Fingerprints found in more than {@value #COMMON_FLOOR}
     * revisions (or 1/64 of the index) are stock phrases and count as no evidence. Revisions are then chosen greedily:
     * next is the one sharing the most informative fingerprints not explained by a revision chosen before it (ties go
     * to the most recently added). It is reported when those unexplained fingerprints number at least
     * {@value #MIN_SHARED} and are at least {@value #MIN_FOUND_SHARE} of the leak's informative fingerprints found in
     * the index (and {@value #MIN_LEAK_SHARE} of all of them), or at least {@value #MIN_REVISION_SHARE} of the
     * revision's own informative fingerprints. At most one revision per material is reported; the evidence of its
     * other revisions counts as explained. The counts and coverages returned are over all fingerprints, stock phrases
     * included. Empty when nothing matches clearly.
     *
     * @throws NullPointerException if {@code leakedText} is null
     */
    public List<SourceMatch> find(String leakedText) {
        long[] leak = Winnowing.fingerprints(Normalised.of(leakedText).text());
        if (leak.length == 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            return findLocked(leak);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<SourceMatch> findLocked(long[] leak) {
        int common = Math.max(COMMON_FLOOR, ordinalOfKey.size() / 64);
        int segmentCount = segments.size();
        int[] from = new int[segmentCount];
        int[] to = new int[segmentCount];
        int[] counts = new int[ordinals];
        IntPairs evidence = new IntPairs(leak.length * 4);
        int informative = 0;
        int matchable = 0;
        for (int i = 0; i < leak.length; i++) {
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
            informative++;
            if (frequency > 0) {
                matchable++;
            }
            for (int s = 0; s < segmentCount; s++) {
                int[] owners = segments.get(s).ordinals;
                for (int p = from[s]; p < to[s]; p++) {
                    int ordinal = owners[p];
                    if (alive[ordinal]) {
                        counts[ordinal]++;
                        evidence.add(ordinal, i);
                    }
                }
            }
        }

        // a candidate can only pass if its whole count, before anything is explained, passes a cheap form of the rule:
        // most of the thousands sharing a few stock-ish fingerprints are never queued
        int leakBound = (int) Math.ceil(Math.max(MIN_FOUND_SHARE * matchable, MIN_LEAK_SHARE * informative));
        boolean[] eligible = new boolean[ordinals];
        for (int o = 0; o < ordinals; o++) {
            eligible[o] = counts[o] >= MIN_SHARED && (counts[o] >= leakBound
                    || counts[o] >= MIN_REVISION_SHARE * TYPICAL_INFORMATIVE * fingerprints[o].length);
        }

        // group the evidence of every eligible candidate: offsets into one array of leak fingerprint indexes
        int[] offset = new int[ordinals + 1];
        for (int o = 0; o < ordinals; o++) {
            offset[o + 1] = offset[o] + (eligible[o] ? counts[o] : 0);
        }
        int[] shared = new int[offset[ordinals]];
        int[] fill = Arrays.copyOf(offset, ordinals);
        for (int e = 0; e < evidence.size; e++) {
            int ordinal = evidence.first[e];
            if (eligible[ordinal]) {
                shared[fill[ordinal]++] = evidence.second[e];
            }
        }

        // lazy greedy cover: a candidate's unexplained count only falls, so a popped count that is still current
        // is the largest
        PriorityQueue<Long> queue = new PriorityQueue<>(Comparator.reverseOrder());
        for (int o = 0; o < ordinals; o++) {
            if (eligible[o]) {
                queue.add(((long) counts[o] << 32) | o);
            }
        }
        boolean[] explained = new boolean[leak.length];
        Set<String> reportedMaterials = new HashSet<>();
        List<SourceMatch> matches = new ArrayList<>();
        while (!queue.isEmpty()) {
            long top = queue.poll();
            int claimed = (int) (top >>> 32);
            int ordinal = (int) top;
            if (claimed < MIN_SHARED) {
                break;
            }
            int unexplained = 0;
            for (int p = offset[ordinal]; p < offset[ordinal + 1]; p++) {
                if (!explained[shared[p]]) {
                    unexplained++;
                }
            }
            if (unexplained < claimed) {
                queue.add(((long) unexplained << 32) | ordinal);
                continue;
            }
            boolean sameMaterialReported = reportedMaterials.contains(materials[ordinal]);
            boolean clear = (unexplained >= MIN_FOUND_SHARE * matchable && unexplained >= MIN_LEAK_SHARE * informative)
                    // the raw share is cheap and at least as large: count the informative ones only when it may pass
                    || (unexplained >= MIN_REVISION_SHARE * fingerprints[ordinal].length * TYPICAL_INFORMATIVE
                            && unexplained >= MIN_REVISION_SHARE * informativeCount(ordinal, common));
            if (!sameMaterialReported && !clear) {
                continue;
            }
            // evidence of a material already reported is explained by it, even through another of its revisions
            for (int p = offset[ordinal]; p < offset[ordinal + 1]; p++) {
                explained[shared[p]] = true;
            }
            if (!sameMaterialReported) {
                reportedMaterials.add(materials[ordinal]);
                int exact = intersection(leak, fingerprints[ordinal]);
                matches.add(new SourceMatch(keys[ordinal], exact, (double) exact / leak.length,
                        (double) exact / fingerprints[ordinal].length));
            }
        }
        return List.copyOf(matches);
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

    /** A growable list of int pairs without boxing. */
    private static final class IntPairs {
        int[] first;
        int[] second;
        int size;

        IntPairs(int capacity) {
            first = new int[Math.max(16, capacity)];
            second = new int[first.length];
        }

        void add(int a, int b) {
            if (size == first.length) {
                first = Arrays.copyOf(first, size * 2);
                second = Arrays.copyOf(second, size * 2);
            }
            first[size] = a;
            second[size++] = b;
        }
    }
}
