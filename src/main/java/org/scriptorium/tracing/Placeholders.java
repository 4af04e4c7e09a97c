package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a paragraph holds placeholder tokens (××, XX, 某某, ＿＿, 【单位名称】) that members fill in and marks must not touch:
 * these patterns and every placeholder the library shows a reader to fill ({@link org.scriptorium.library.Placeholders}),
 * so that a reader's value, which replaces the library's token in the copy, never takes a mark with it.
 */
final class Placeholders {

    // 〇 is left out: it is a numeral in years such as 二〇〇八.
    private static final Pattern TOKEN =
            Pattern.compile("[×XxＸｘ＊*]{2,}|某{2,}|[＿_]{2,}|[○□]{2,}|【[^】\\n]{1,30}】");

    private Placeholders() {
    }

    /** The spans of each of a list of paragraphs, each found when first asked; safe to share between threads. */
    static final class Lazy {
        private final List<String> paragraphs;
        private final AtomicReferenceArray<List<int[]>> spans;

        Lazy(List<String> paragraphs) {
            this.paragraphs = List.copyOf(paragraphs);
            this.spans = new AtomicReferenceArray<>(paragraphs.size());
        }

        /** The spans of paragraph {@code p}; callers must not change them. */
        List<int[]> get(int p) {
            List<int[]> s = spans.get(p);
            if (s == null) {
                s = List.copyOf(spans(paragraphs.get(p)));
                spans.set(p, s);
            }
            return s;
        }
    }

    /** The placeholder spans of a paragraph as [start, end) pairs, in order, overlapping ones merged. */
    static List<int[]> spans(String paragraph) {
        List<int[]> found = new ArrayList<>();
        Matcher m = TOKEN.matcher(paragraph);
        while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
        }
        // The library's class has the same name: this one is the marks' view of it.
        List<int[]> library = org.scriptorium.library.Placeholders.spans(paragraph);
        if (library.isEmpty()) {
            return found;
        }
        found.addAll(library);
        found.sort(Comparator.comparingInt(s -> s[0]));
        List<int[]> spans = new ArrayList<>(found.size());
        for (int[] s : found) {
            int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && s[0] < last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                spans.add(s);
            }
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
