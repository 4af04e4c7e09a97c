package org.scriptorium.library;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How alike two paragraphs are, character by character: 2·LCS / (|a| + |b|), from 0 (nothing in
 * common) to 1 (equal). The LCS length is computed bit-parallel (Hyyrö 2004), 64 characters per
 * machine word, so comparing every removed paragraph with every added one stays cheap.
 */
final class CharacterSimilarity {

    private CharacterSimilarity() {}

    /** The similarity of two code-point sequences; 1 when both are empty. */
    static double of(int[] a, int[] b) {
        if (a.length + b.length == 0) {
            return 1;
        }
        return 2.0 * lcsLength(a, b) / (a.length + b.length);
    }

    /** An upper bound on {@link #of} from the lengths alone, to skip hopeless pairs. */
    static double bound(int lengthA, int lengthB) {
        if (lengthA + lengthB == 0) {
            return 1;
        }
        return 2.0 * Math.min(lengthA, lengthB) / (lengthA + lengthB);
    }

    static int lcsLength(int[] a, int[] b) {
        int[] pattern = a.length <= b.length ? a : b;
        int[] text = pattern == a ? b : a;
        int m = pattern.length;
        if (m == 0) {
            return 0;
        }
        int words = (m + 63) >>> 6;
        Map<Integer, long[]> matches = new HashMap<>();
        for (int i = 0; i < m; i++) {
            matches.computeIfAbsent(pattern[i], c -> new long[words])[i >>> 6] |= 1L << (i & 63);
        }
        long[] v = new long[words];
        Arrays.fill(v, -1L);
        for (int c : text) {
            long[] match = matches.get(c);
            if (match == null) {
                continue;
            }
            long carry = 0;
            for (int w = 0; w < words; w++) {
                long u = v[w] & match[w];
                long sum = v[w] + u;
                long carryOut = Long.compareUnsigned(sum, v[w]) < 0 ? 1 : 0;
                sum += carry;
                if (carry == 1 && sum == 0) {
                    carryOut = 1;
                }
                carry = carryOut;
                v[w] = sum | (v[w] & ~match[w]);
            }
        }
        // Each zero bit among the first m marks a pattern character in the common subsequence.
        int zeros = 0;
        for (int w = 0; w < words; w++) {
            long bits = w == words - 1 && (m & 63) != 0 ? v[w] | (-1L << (m & 63)) : v[w];
            zeros += Long.bitCount(~bits);
        }
        return zeros;
    }
}
