package org.scriptorium.library;

import java.util.Arrays;
import org.scriptorium.common.text.Normalised;
import org.scriptorium.common.text.Winnowing;

/**
 * How much of one text another holds, by {@link Winnowing} fingerprints of the {@link Normalised} texts (whitespace,
 * punctuation and letter case do not count): the share of the first text's fingerprints found in the second. A real
 * 政府工作报告 with two long paragraphs rewritten keeps 0.90 to 0.99 of its fingerprints in the original; two different
 * reports of the same kind share stock phrases only (at most 0.05 between the corpus's national or provincial
 * reports). Plain Java.
 */
final class TextResemblance {

    /**
     * One fingerprint in {@value #SAMPLE_EVERY} (those whose low bits are zero) is kept in the index of fingerprints:
     * the hashes are uniform, so the sample is an unbiased share of any text's, and the same k-gram is sampled in
     * every text. A 5,000-character text keeps some 140.
     */
    static final int SAMPLE_EVERY = 8;

    private TextResemblance() {
    }

    /** The distinct fingerprints of a text, ascending; empty for a text shorter than a k-gram once normalised. */
    static long[] fingerprints(String text) {
        return Winnowing.fingerprints(Normalised.of(text).text());
    }

    /** The fingerprints of {@code fingerprints} (ascending) that the index keeps, ascending. */
    static long[] sample(long[] fingerprints) {
        return Arrays.stream(fingerprints).filter(h -> (h & (SAMPLE_EVERY - 1)) == 0).toArray();
    }

    /**
     * The share of {@code of}'s fingerprints found in {@code in} (both ascending and distinct), 0 to 1; 0 when
     * {@code of} has none.
     */
    static double containment(long[] of, long[] in) {
        if (of.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < of.length && j < in.length) {
            if (of[i] < in[j]) {
                i++;
            } else if (of[i] > in[j]) {
                j++;
            } else {
                shared++;
                i++;
                j++;
            }
        }
        return (double) shared / of.length;
    }
}
