package org.scriptorium.library;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the lines of a table that text extraction has flattened into one cell a line (a PDF's statistics table):
 * runs of at least {@value #MIN_RUN} short lines without sentence punctuation, among them at least
 * {@value #MIN_NUMBERS} that are only a number. Their numbered labels are cells, not headings of the outline.
 */
final class TableCells {

    static final int MIN_RUN = 6;
    static final int MIN_NUMBERS = 2;
    /** A cell is at most this wide (half-width columns). */
    private static final int CELL_WIDTH = 40;
    private static final Pattern NUMBER = Pattern.compile("^[-+]?[0-9][0-9,.，．%]*$");

    private TableCells() {
    }

    static boolean[] of(List<String> lines) {
        boolean[] cell = new boolean[lines.size()];
        int start = 0;
        while (start < lines.size()) {
            int end = start;
            int numbers = 0;
            while (end < lines.size() && cellLike(lines.get(end))) {
                if (NUMBER.matcher(lines.get(end)).matches()) {
                    numbers++;
                }
                end++;
            }
            if (end - start >= MIN_RUN && numbers >= MIN_NUMBERS) {
                for (int i = start; i < end; i++) {
                    cell[i] = true;
                }
            }
            start = end == start ? start + 1 : end;
        }
        return cell;
    }

    private static boolean cellLike(String line) {
        return HardWraps.width(line) <= CELL_WIDTH && line.chars().noneMatch(c -> c == '。' || c == '！' || c == '？');
    }

    /** The value of a first-level number ({@code 三、} → 3, {@code 十二、} → 12), or -1 for none. */
    static int chineseNumber(String number) {
        String s = number.replaceAll("[、，,.．（）()\\s]", "");
        return s.isEmpty() ? -1 : OfficialElementsReader.chineseNumber(s);
    }
}
