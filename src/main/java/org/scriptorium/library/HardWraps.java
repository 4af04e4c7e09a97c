package org.scriptorium.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Joins the lines of a hard-wrapped text (as extracted from a PDF, or copied from a fixed-width view) back into
 * paragraphs. A text counts as hard-wrapped when many of its lines are about as wide as the widest and do not end a
 * sentence; in such a text a line that runs to the full width and does not end a sentence is joined with the next
 * one, unless that one opens a heading, a point or the 附件说明. Text that already has one paragraph per line is
 * returned as it is.
 */
final class HardWraps {

    /** Lines narrower than this (in half-width columns) say nothing about the page width. */
    private static final int MIN_FULL = 24;
    /** How close to the page width a line must be to count as full. */
    private static final double FULL_SHARE = 0.85;
    private static final String SENTENCE_END = "。！？!?…";
    /** A line ending in one of these cannot end a paragraph. */
    private static final String OPEN_END = "，、,（(《“‘「";
    private static final Pattern STARTS_BLOCK = Pattern.compile(
            "^(?:附件|附：|(?:十|[一二三四五六七八九])是|第[一二三四五六七八九十百]+[条章节，,、])");
    /** A space pdftotext leaves between a Chinese character and a number or Latin word. */
    private static final Pattern SPACE_BY_HAN = Pattern.compile("(?<=\\p{IsHan}|[，。、；：“”（）《》])[ \u00A0](?=[0-9A-Za-z%])"
            + "|(?<=[0-9A-Za-z%])[ \u00A0](?=\\p{IsHan}|[，。、；：“”（）《》])");

    /** The joined lines, and whether the text was hard-wrapped. */
    record Result(List<String> lines, boolean wrapped) {
    }

    private HardWraps() {
    }

    static Result join(List<String> lines) {
        int full = fullWidth(lines);
        if (full < 0) {
            return new Result(lines, false);
        }
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = SPACE_BY_HAN.matcher(lines.get(i)).replaceAll("");
            if (paragraph != null && !startsBlock(line)) {
                appendJoined(paragraph, line);
            } else {
                if (paragraph != null) {
                    out.add(paragraph.toString());
                }
                paragraph = new StringBuilder(line);
            }
            if (!continues(line, full)) {
                out.add(paragraph.toString());
                paragraph = null;
            }
        }
        if (paragraph != null) {
            out.add(paragraph.toString());
        }
        return new Result(out, true);
    }

    /** True when the line runs on into the next: it fills the page width, or ends where no paragraph ends. */
    private static boolean continues(String line, int full) {
        char last = line.charAt(line.length() - 1);
        if (OPEN_END.indexOf(last) >= 0) {
            return true;
        }
        return width(line) >= full * FULL_SHARE && SENTENCE_END.indexOf(last) < 0;
    }

    private static boolean startsBlock(String line) {
        return HeadingPattern.match(line).isPresent() || STARTS_BLOCK.matcher(line).find();
    }

    private static void appendJoined(StringBuilder paragraph, String next) {
        char last = paragraph.charAt(paragraph.length() - 1);
        char first = next.charAt(0);
        if (isLatin(last) && isLatin(first)) {
            paragraph.append(' ');
        }
        paragraph.append(next);
    }

    private static boolean isLatin(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /**
     * The page width in half-width columns when the text is hard-wrapped, else -1: the width that the upper quarter of
     * the long lines reach, provided at least five lines (and a fifth of the long ones) come close to it without
     * ending a sentence.
     */
    static int fullWidth(List<String> lines) {
        int[] widths = lines.stream().mapToInt(HardWraps::width).filter(w -> w >= MIN_FULL).sorted().toArray();
        if (widths.length < 5) {
            return -1;
        }
        int full = widths[(int) Math.floor(widths.length * 0.75)];
        long wrapped = lines.stream()
                .filter(l -> width(l) >= full * FULL_SHARE && width(l) <= full + 4)
                .filter(l -> SENTENCE_END.indexOf(l.charAt(l.length() - 1)) < 0)
                .count();
        return wrapped >= 5 && wrapped * 5 >= widths.length ? full : -1;
    }

    /** Width in half-width columns: Chinese characters and full-width forms count two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            w += c < 0x1100 ? 1 : 2;
        }
        return w;
    }


}
