package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a paragraph holds placeholder tokens (××, XX, 某某, ＿＿, 【单位名称】) that members fill in and marks must not touch. */
final class Placeholders {

    // 〇 is left out: it is a numeral in years such as 二〇〇八.
    private static final Pattern TOKEN =
            Pattern.compile("[×XxＸｘ＊*]{2,}|某{2,}|[＿_]{2,}|[○□]{2,}|【[^】\\n]{1,30}】");

    private Placeholders() {
    }

    /** The placeholder spans of a paragraph as [start, end) pairs, in order. */
    static List<int[]> spans(String paragraph) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(paragraph);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    /** Whether [start, end) shares a character with any span. */
    static boolean overlaps(List<int[]> spans, int start, int end) {
        for (int[] s : spans) {
            if (start < s[1] && s[0] < end) {
                return true;
            }
        }
        return false;
    }

    /** Whether a cut between characters {@code at - 1} and {@code at} would split a span. */
    static boolean splits(List<int[]> spans, int at) {
        for (int[] s : spans) {
            if (s[0] < at && at < s[1]) {
                return true;
            }
        }
        return false;
    }
}
