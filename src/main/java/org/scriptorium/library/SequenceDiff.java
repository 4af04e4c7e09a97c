package org.scriptorium.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The shortest edit script between two sequences of symbols (Myers 1986, O((N+M)·D) time).
 * Used for paragraphs (as interned ids) and for the characters (code points) of one paragraph.
 */
final class SequenceDiff {

    /** One step of an edit script, consuming a symbol of {@code a}, of {@code b}, or of both. */
    enum Step { KEEP, DELETE, INSERT }

    private SequenceDiff() {}

    /**
     * The edit script turning {@code a} into {@code b}.
     *
     * @param maxEdits beyond this many edits the middle (between the common prefix and suffix) is
     *                 given as one deletion and one insertion: the search keeps a trace that grows
     *                 with the square of the edit count, and past a point a coarse answer is better
     * @return steps in order; KEEP and DELETE steps together walk {@code a}, KEEP and INSERT walk {@code b}
     */
    static List<Step> steps(int[] a, int[] b, int maxEdits) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        int[] middleA = Arrays.copyOfRange(a, prefix, a.length - suffix);
        int[] middleB = Arrays.copyOfRange(b, prefix, b.length - suffix);

        List<Step> middle = myers(middleA, middleB, maxEdits);
        if (middle == null) {
            middle = new ArrayList<>(Collections.nCopies(middleA.length, Step.DELETE));
            middle.addAll(Collections.nCopies(middleB.length, Step.INSERT));
        }
        List<Step> steps = new ArrayList<>(prefix + middle.size() + suffix);
        steps.addAll(Collections.nCopies(prefix, Step.KEEP));
        steps.addAll(middle);
        steps.addAll(Collections.nCopies(suffix, Step.KEEP));
        return steps;
    }

    /** The greedy forward search; {@code null} when more than {@code maxEdits} edits are needed. */
    private static List<Step> myers(int[] a, int[] b, int maxEdits) {
        int n = a.length;
        int m = b.length;
        int offset = n + m + 1;
        int[] v = new int[2 * offset + 1];
        // trace.get(d) holds the furthest x on each diagonal k in [-d, d] after d edits.
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= Math.min(n + m, maxEdits); d++) {
            for (int k = -d; k <= d; k += 2) {
                boolean down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
                int x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x] == b[y]) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    trace.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
                    return backtrack(trace, n, m);
                }
            }
            trace.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
        }
        return null;
    }

    private static List<Step> backtrack(List<int[]> trace, int n, int m) {
        List<Step> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = trace.size() - 1; d > 0; d--) {
            int[] previous = trace.get(d - 1);
            int k = x - y;
            boolean down = k == -d || (k != d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1]);
            int previousK = down ? k + 1 : k - 1;
            int previousX = previous[previousK + d - 1];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                reversed.add(Step.KEEP);
                x--;
                y--;
            }
            reversed.add(down ? Step.INSERT : Step.DELETE);
            x = previousX;
            y = previousY;
        }
        while (x > 0 && y > 0) {
            reversed.add(Step.KEEP);
            x--;
            y--;
        }
        Collections.reverse(reversed);
        return reversed;
    }
}
