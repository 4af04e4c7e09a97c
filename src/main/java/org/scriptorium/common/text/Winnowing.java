package org.scriptorium.common.text;

import java.util.Arrays;

/**
 * Winnowing fingerprints (Schleimer, Wilkerson and Aiken 2003): hash every k-gram of a normalised text and keep the
 * minimum hash of every window of {@link #W} consecutive k-grams. Any shared run of at least {@code K + W - 1}
 * characters is guaranteed to share a fingerprint, and about {@code 2 / (W + 1)} of all k-grams are kept. Shared by the
 * tracer (which revision a leak was copied from) and the library (which material an import nearly duplicates).
 */
public final class Winnowing {

    /** Characters per k-gram: long enough that a k-gram rarely recurs by chance in Chinese prose. */
    public static final int K = 8;
    /** k-grams per window: a shared run of 15 characters always yields a fingerprint. */
    public static final int W = 8;

    private Winnowing() {
    }

    /**
     * The fingerprints a text selects, in text order, and where each one's k-gram starts in it (ascending): a hash
     * that recurs in the text appears once per place it is selected.
     */
    public record Selection(long[] hashes, int[] positions) {

        public int size() {
            return hashes.length;
        }
    }

    /** The distinct fingerprints of {@code normalised} in ascending order; empty when it is shorter than a k-gram. */
    public static long[] fingerprints(String normalised) {
        return distinct(select(normalised).hashes());
    }

    /** The fingerprints {@code normalised} selects, with their positions; empty when it is shorter than a k-gram. */
    public static Selection select(String normalised) {
        long[] hashes = grams(normalised);
        int grams = hashes.length;
        if (grams == 0) {
            return new Selection(new long[0], new int[0]);
        }
        int window = Math.min(W, grams);
        long[] kept = new long[grams - window + 1];
        int[] at = new int[kept.length];
        int count = 0;
        int min = -1;
        for (int start = 0; start + window <= grams; start++) {
            int end = start + window - 1;
            if (min < start) {
                // the previous minimum left the window: rescan, taking the rightmost minimum
                min = start;
                for (int j = start + 1; j <= end; j++) {
                    if (hashes[j] <= hashes[min]) {
                        min = j;
                    }
                }
                at[count] = min;
                kept[count++] = hashes[min];
            } else if (hashes[end] <= hashes[min]) {
                min = end;
                at[count] = min;
                kept[count++] = hashes[min];
            }
        }
        return new Selection(Arrays.copyOf(kept, count), Arrays.copyOf(at, count));
    }

    /**
     * The hash of every k-gram of {@code normalised}, the one starting at {@code i} at index {@code i} (the values
     * {@link #select} chooses from); empty when it is shorter than a k-gram. A short text matched against stored
     * fingerprints looks up all of them, so that every fingerprint inside a shared run is found.
     */
    public static long[] grams(String normalised) {
        int grams = normalised.length() - K + 1;
        if (grams <= 0) {
            return new long[0];
        }
        long[] hashes = new long[grams];
        // the k-gram's eight UTF-16 units packed exactly into two longs, so hashes differ whenever k-grams differ
        long high = 0;
        long low = 0;
        for (int i = 0; i < normalised.length(); i++) {
            high = (high << 16) | (low >>> 48);
            low = (low << 16) | normalised.charAt(i);
            if (i >= K - 1) {
                hashes[i - K + 1] = mix(high * 0x9E3779B97F4A7C15L + mix(low));
            }
        }
        return hashes;
    }

    /** The distinct values of {@code hashes} in ascending order. */
    public static long[] distinct(long[] hashes) {
        long[] distinct = hashes.clone();
        Arrays.sort(distinct);
        int unique = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) {
                distinct[unique++] = distinct[i];
            }
        }
        return Arrays.copyOf(distinct, unique);
    }

    /** The splitmix64 finaliser: spreads the packed characters over all 64 bits so minima are unbiased. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
