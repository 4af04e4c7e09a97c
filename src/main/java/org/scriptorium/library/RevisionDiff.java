package org.scriptorium.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scriptorium.library.DiffLine.Kind;
import org.scriptorium.library.DiffLine.Segment;
import org.scriptorium.library.DiffLine.Segment.Op;
import org.scriptorium.library.SequenceDiff.Step;

/**
 * What changed between two revisions of a material, paragraph by paragraph, for the revision view.
 *
 * <p>Paragraphs are compared whole (Myers' diff). In each run of removed and added paragraphs
 * between unchanged ones, a removed and an added paragraph that are at least
 * {@value #PAIRING_SIMILARITY} alike (character LCS ratio) are paired as one edited paragraph and
 * diffed character by character; the pairing keeps the paragraphs' order and maximises the total
 * similarity. Unpaired paragraphs stay removed or added.
 */
public final class RevisionDiff {

    /** Below this, an edited paragraph reads better as one removed and one added. */
    static final double PAIRING_SIMILARITY = 0.5;
    /** Runs with more removed×added pairs than this are not paired (a rewrite, not an edit). */
    private static final long PAIRING_BUDGET = 250_000;
    /** Character edits per paragraph beyond which its middle is shown replaced whole. */
    private static final int CHARACTER_EDIT_LIMIT = 2_000;

    private RevisionDiff() {}

    /**
     * Diffs two revisions.
     *
     * <p>Each line is a paragraph; blank lines only separate paragraphs and are not compared.
     * Paragraph text is compared exactly (indentation and trailing spaces included), so the
     * segments of every line reconstruct both texts exactly. Characters are Unicode code points,
     * so a segment never splits a surrogate pair.
     *
     * @param oldText the earlier revision; {@code null} or empty for a first revision (all ADDED)
     * @param newText the later revision; {@code null} or empty when everything was removed
     * @return one line per paragraph of either revision, in reading order: old paragraphs
     *         (SAME, REMOVED, CHANGED) in their order and new ones (SAME, ADDED, CHANGED) in theirs
     */
    public static List<DiffLine> between(String oldText, String newText) {
        List<String> olds = paragraphs(oldText);
        List<String> news = paragraphs(newText);
        Map<String, Integer> ids = new HashMap<>();
        List<Step> steps = SequenceDiff.steps(ids(olds, ids), ids(news, ids), Integer.MAX_VALUE);

        List<DiffLine> lines = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (Step step : steps) {
            switch (step) {
                case DELETE -> removed.add(olds.get(i++));
                case INSERT -> added.add(news.get(j++));
                case KEEP -> {
                    ChangedRun.emit(removed, added, lines);
                    String same = olds.get(i++);
                    j++;
                    lines.add(new DiffLine(Kind.SAME, same, same, List.of(new Segment(Op.SAME, same))));
                }
            }
        }
        ChangedRun.emit(removed, added, lines);
        return lines;
    }

    private static List<String> paragraphs(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    private static int[] ids(List<String> paragraphs, Map<String, Integer> ids) {
        return paragraphs.stream().mapToInt(p -> ids.computeIfAbsent(p, key -> ids.size())).toArray();
    }

    /** A run of removed and added paragraphs between two unchanged ones. */
    private static final class ChangedRun {

        /** Appends the run's lines and clears both lists. */
        static void emit(List<String> removed, List<String> added, List<DiffLine> lines) {
            if (removed.isEmpty() && added.isEmpty()) {
                return;
            }
            int[] pairedWith = pairs(removed, added);
            int nextAdded = 0;
            for (int r = 0; r < removed.size(); r++) {
                if (pairedWith[r] < 0) {
                    lines.add(removedLine(removed.get(r)));
                    continue;
                }
                // Added paragraphs before the partner come first, so both sides stay in order.
                while (nextAdded < pairedWith[r]) {
                    lines.add(addedLine(added.get(nextAdded++)));
                }
                lines.add(changedLine(removed.get(r), added.get(nextAdded++)));
            }
            while (nextAdded < added.size()) {
                lines.add(addedLine(added.get(nextAdded++)));
            }
            removed.clear();
            added.clear();
        }

        /**
         * For each removed paragraph, the index of its added partner or -1: the order-preserving
         * pairing of similar paragraphs with the greatest total similarity (a weighted LCS).
         */
        private static int[] pairs(List<String> removed, List<String> added) {
            int r = removed.size();
            int a = added.size();
            int[] pairedWith = new int[r];
            Arrays.fill(pairedWith, -1);
            if (r == 0 || a == 0 || (long) r * a > PAIRING_BUDGET) {
                return pairedWith;
            }
            int[][] oldPoints = removed.stream().map(s -> s.codePoints().toArray()).toArray(int[][]::new);
            int[][] newPoints = added.stream().map(s -> s.codePoints().toArray()).toArray(int[][]::new);
            double[][] similarity = new double[r][a];
            double[][] best = new double[r + 1][a + 1];
            for (int x = 1; x <= r; x++) {
                for (int y = 1; y <= a; y++) {
                    int[] o = oldPoints[x - 1];
                    int[] n = newPoints[y - 1];
                    double s = CharacterSimilarity.bound(o.length, n.length) < PAIRING_SIMILARITY
                            ? 0 : CharacterSimilarity.of(o, n);
                    similarity[x - 1][y - 1] = s;
                    double pair = s >= PAIRING_SIMILARITY ? best[x - 1][y - 1] + s : Double.NEGATIVE_INFINITY;
                    best[x][y] = Math.max(pair, Math.max(best[x - 1][y], best[x][y - 1]));
                }
            }
            for (int x = r, y = a; x > 0 && y > 0; ) {
                double s = similarity[x - 1][y - 1];
                if (s >= PAIRING_SIMILARITY && best[x][y] == best[x - 1][y - 1] + s) {
                    pairedWith[x - 1] = y - 1;
                    x--;
                    y--;
                } else if (best[x][y] == best[x - 1][y]) {
                    x--;
                } else {
                    y--;
                }
            }
            return pairedWith;
        }

        private static DiffLine removedLine(String text) {
            return new DiffLine(Kind.REMOVED, text, null, List.of(new Segment(Op.DELETE, text)));
        }

        private static DiffLine addedLine(String text) {
            return new DiffLine(Kind.ADDED, null, text, List.of(new Segment(Op.INSERT, text)));
        }

        private static DiffLine changedLine(String oldText, String newText) {
            int[] o = oldText.codePoints().toArray();
            int[] n = newText.codePoints().toArray();
            List<Segment> segments = new ArrayList<>();
            StringBuilder kept = new StringBuilder();
            StringBuilder deleted = new StringBuilder();
            StringBuilder inserted = new StringBuilder();
            int i = 0;
            int j = 0;
            for (Step step : SequenceDiff.steps(o, n, CHARACTER_EDIT_LIMIT)) {
                switch (step) {
                    case KEEP -> {
                        flush(segments, Op.DELETE, deleted);
                        flush(segments, Op.INSERT, inserted);
                        kept.appendCodePoint(o[i++]);
                        j++;
                    }
                    case DELETE -> {
                        flush(segments, Op.SAME, kept);
                        deleted.appendCodePoint(o[i++]);
                    }
                    case INSERT -> {
                        flush(segments, Op.SAME, kept);
                        inserted.appendCodePoint(n[j++]);
                    }
                }
            }
            // Within a run of edits, the deletion reads before the insertion that replaces it.
            flush(segments, Op.SAME, kept);
            flush(segments, Op.DELETE, deleted);
            flush(segments, Op.INSERT, inserted);
            return new DiffLine(Kind.CHANGED, oldText, newText, segments);
        }

        private static void flush(List<Segment> segments, Op op, StringBuilder text) {
            if (!text.isEmpty()) {
                segments.add(new Segment(op, text.toString()));
                text.setLength(0);
            }
        }
    }
}
