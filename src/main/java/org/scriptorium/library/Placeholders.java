package org.scriptorium.library;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the placeholders left where names were removed from a material: runs of cross marks
 * ({@code ×}, {@code ××}, {@code ╳}; a {@code ×} between digits is a multiplication and is not
 * counted), two or more Latin {@code X} or {@code x} not inside a Latin word ({@code XX}, {@code XXX}),
 * full-width {@code Ｘ} runs, {@code 某某} and longer, runs of two or more underscores ({@code __},
 * {@code ＿＿}) and runs of two or more {@code ○}.
 */
public final class Placeholders {

    static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?<![0-9０-９])[×╳✕]+(?![0-9０-９])",
            "(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])",
            "(?<![A-Za-zＡ-Ｚａ-ｚ])Ｘ+(?![A-Za-zＡ-Ｚａ-ｚ])",
            "某{2,}",
            "_{2,}",
            "＿{2,}",
            "○{2,}"));

    private static final PatternScan SCAN = new PatternScan(TOKEN, "×╳✕XxＸ某_＿○");

    /** A stretch of text that is either a placeholder or ordinary text. */
    public record Span(String text, boolean placeholder) {
    }

    private Placeholders() {
    }

    /**
     * Splits {@code text} into consecutive spans, placeholders and ordinary text alternating, whose
     * texts concatenate back to {@code text}; an empty text gives an empty list.
     */
    public static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int[] at = {0};
        SCAN.forEach(text, (start, end) -> {
            if (start > at[0]) {
                spans.add(new Span(text.substring(at[0], start), false));
            }
            spans.add(new Span(text.substring(start, end), true));
            at[0] = end;
        });
        if (at[0] < text.length()) {
            spans.add(new Span(text.substring(at[0]), false));
        }
        return spans;
    }

    /** Each distinct token as written with its number of occurrences, most frequent first, then by token. */
    static List<PlaceholderCount> count(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        SCAN.forEach(text, (start, end) -> counts.merge(text.substring(start, end), 1, Integer::sum));
        return counts.entrySet().stream()
                .map(e -> new PlaceholderCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(PlaceholderCount::count).reversed()
                        .thenComparing(PlaceholderCount::token))
                .toList();
    }
}
