package org.scriptorium.library;

import java.util.regex.Pattern;

/**
 * A line that a regular expression may read only so many characters of. Java's regex engine backtracks, so an
 * expression such as {@code (a+)+b} takes exponential time on some lines; the engine reads its input only through
 * {@link #charAt}, so counting those reads bounds the work of one match without a thread or a timer.
 */
public final class BudgetedText implements CharSequence {

    /** Thrown from {@link #charAt} once the budget is spent. */
    public static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("the regular expression read more characters than its budget allows", null, false, false);
        }
    }

    /**
     * Character reads one search may make per character of its line, plus a floor: a rule that scans a line a few
     * times, even one quadratic on short lines, stays far below it; one that backtracks exponentially goes past it.
     */
    public static final long READS_PER_CHARACTER = 1_000;
    public static final long READS_FLOOR = 10_000;

    private final String text;
    private final int start;
    private final int end;
    private final long[] left;

    private BudgetedText(String text, int start, int end, long[] left) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.left = left;
    }

    /**
     * {@code text}, readable {@code budget} times in all (sub-sequences share the budget).
     *
     * @param budget how many character reads the match may make
     */
    public static BudgetedText of(String text, long budget) {
        return new BudgetedText(text, 0, text.length(), new long[] {budget});
    }

    /**
     * Whether {@code pattern} is found in {@code line}, with the budget {@link #READS_FLOOR} +
     * {@link #READS_PER_CHARACTER} × its length.
     *
     * @throws Exhausted when the search needs more reads than that
     */
    public static boolean find(Pattern pattern, String line) {
        return pattern.matcher(of(line, READS_FLOOR + READS_PER_CHARACTER * line.length())).find();
    }

    /** @throws Exhausted when the budget is spent */
    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(start + index);
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new BudgetedText(text, start + from, start + to, left);
    }

    @Override
    public String toString() {
        return text.substring(start, end);
    }
}
