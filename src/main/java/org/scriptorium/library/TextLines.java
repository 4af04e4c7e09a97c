package org.scriptorium.library;

import java.util.ArrayList;
import java.util.List;

/** Splits raw text into trimmed, non-blank lines, without changing any other character. */
final class TextLines {

    private TextLines() {
    }

    static List<String> of(String raw) {
        List<String> lines = new ArrayList<>();
        if (raw == null) {
            return lines;
        }
        for (String line : raw.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            String trimmed = trim(line);
            if (!trimmed.isEmpty()) {
                lines.add(trimmed);
            }
        }
        return lines;
    }

    /** Trims ASCII and full-width spaces, no-break spaces, zero-width spaces and stray BOMs. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && blank(s.charAt(start))) {
            start++;
        }
        while (end > start && blank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean blank(char c) {
        return Character.isWhitespace(c) || c == '\u3000' || c == '\u00A0' || c == '\uFEFF' || c == '\u200B';
    }

    static int nonBlankCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!blank(c) && !Character.isLowSurrogate(c)) {
                n++;
            }
        }
        return n;
    }
}
