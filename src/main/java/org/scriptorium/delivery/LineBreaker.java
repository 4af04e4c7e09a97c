package org.scriptorium.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Breaks one line of Chinese text (with some Latin words and digits) into lines no wider than a
 * given width: a line may break between any two CJK characters, Latin words and numbers stay whole
 * when they fit, and the kinsoku rules of Chinese typesetting hold (no closing punctuation at the
 * start of a line, no opening bracket at its end) by pushing characters to the next line.
 */
final class LineBreaker {

    /** Characters that must not begin a line. */
    static final String NOT_AT_LINE_START = "，。、；：！？）》」』〕】〉”’％,.;:!?)]}%";
    /** Characters that must not end a line. */
    static final String NOT_AT_LINE_END = "（《「『〔【〈“‘([{";

    /** A laid-out line: its text and its natural width (trailing spaces excluded). */
    record Line(String text, double width) {

        /** The number of characters that take a place on the line, for spreading the slack between them. */
        int glyphs() {
            return text.codePointCount(0, text.length());
        }
    }

    /** An unbreakable piece: one CJK character, a Latin word, a dash or ellipsis pair, or a space. */
    private record Unit(String text, double width, boolean space) {

        int first() {
            return text.codePointAt(0);
        }

        int last() {
            return text.codePointBefore(text.length());
        }
    }

    private final IntToDoubleFunction advance;

    /** @param advance the width of a code point, in the same unit as the line widths */
    LineBreaker(IntToDoubleFunction advance) {
        this.advance = advance;
    }

    /**
     * Breaks {@code text}, which must hold no line breaks.
     *
     * @param firstWidth the room on the first line (less than {@code width} when it is indented)
     * @param width      the room on every other line
     * @return at least one line; a single empty line for empty text
     */
    List<Line> lines(String text, double firstWidth, double width) {
        List<Unit> units = units(text, width);
        List<Line> lines = new ArrayList<>();
        int start = skipSpaces(units, 0);
        while (start < units.size()) {
            double room = lines.isEmpty() ? firstWidth : width;
            int end = start;
            double used = 0;
            while (end < units.size() && used + units.get(end).width() <= room + 1e-6) {
                used += units.get(end).width();
                end++;
            }
            if (end == start) {
                end = start + 1; // wider than a whole line even alone: let it overflow rather than loop
            } else if (end < units.size()) {
                end = kinsoku(units, start, end);
            }
            lines.add(line(units, start, end));
            start = skipSpaces(units, end);
        }
        if (lines.isEmpty()) {
            lines.add(new Line("", 0));
        }
        return lines;
    }

    /** Moves the break back until the next line starts, and this one ends, with an allowed character. */
    private static int kinsoku(List<Unit> units, int start, int end) {
        for (int e = end; e > start + 1; e--) {
            if (allowedBreak(units, e)) {
                return e;
            }
        }
        // A line made wholly of punctuation cannot be fixed by pushing; keep the plain break.
        return end;
    }

    private static boolean allowedBreak(List<Unit> units, int at) {
        Unit next = units.get(at);
        Unit previous = units.get(at - 1);
        if (next.space() || previous.space()) {
            return true;
        }
        return NOT_AT_LINE_START.indexOf(next.first()) < 0 && NOT_AT_LINE_END.indexOf(previous.last()) < 0;
    }

    private static Line line(List<Unit> units, int start, int end) {
        int last = end;
        while (last > start && units.get(last - 1).space()) {
            last--;
        }
        StringBuilder text = new StringBuilder();
        double width = 0;
        for (int i = start; i < last; i++) {
            text.append(units.get(i).text());
            width += units.get(i).width();
        }
        return new Line(text.toString(), width);
    }

    private static int skipSpaces(List<Unit> units, int from) {
        int i = from;
        while (i < units.size() && units.get(i).space()) {
            i++;
        }
        return i;
    }

    private List<Unit> units(String text, double width) {
        List<Unit> units = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            if (cp == ' ' || cp == '\t') {
                units.add(new Unit(" ", advance.applyAsDouble(' '), true));
            } else if (isWordCharacter(cp)) {
                while (end < text.length() && isWordCharacter(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                word(text.substring(i, end), width, units);
            } else {
                if (cp == '—' || cp == '…') {
                    // 破折号 and 省略号 take two places and are never split between lines.
                    while (end < text.length() && text.codePointAt(end) == cp) {
                        end++;
                    }
                }
                String piece = text.substring(i, end);
                units.add(new Unit(piece, width(piece), false));
            }
            i = end;
        }
        return units;
    }

    /** A word stays whole unless it is longer than a line, such as a long address. */
    private void word(String word, double width, List<Unit> units) {
        double wordWidth = width(word);
        if (wordWidth <= width) {
            units.add(new Unit(word, wordWidth, false));
            return;
        }
        word.codePoints().forEach(cp -> units.add(new Unit(Character.toString(cp), advance.applyAsDouble(cp), false)));
    }

    private double width(String piece) {
        return piece.codePoints().mapToDouble(advance).sum();
    }

    /** Latin letters, digits and the punctuation inside words and numbers (below the CJK blocks). */
    private static boolean isWordCharacter(int cp) {
        return cp < 0x2E80 && cp != ' ' && cp != '\t' && cp != '—' && cp != '…'
                && NOT_AT_LINE_END.indexOf(cp) < 0 && !isClosing(cp);
    }

    /** Closing punctuation after a word ("XX,") is its own unit so a break can fall before the next word. */
    private static boolean isClosing(int cp) {
        return cp == ')' || cp == ']' || cp == '}' || cp == '”' || cp == '’';
    }
}
