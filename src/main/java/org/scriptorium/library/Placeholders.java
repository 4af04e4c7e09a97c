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

    /**
     * A stretch of text that is either a placeholder or ordinary text.
     *
     * @param text     the characters as written
     * @param meaning  for a placeholder, what it stands for; {@code null} for ordinary text
     * @param dateUnit for a placeholder that is part of a date, the unit after it ({@code 年}, {@code 月}, {@code 日});
     *                 empty otherwise
     */
    public record Span(String text, PlaceholderMeaning meaning, String dateUnit) {

        /** Ordinary text. */
        Span(String text) {
            this(text, null, "");
        }

        /** Whether this stretch is a placeholder. */
        public boolean placeholder() {
            return meaning != null;
        }
    }

    /**
     * One placeholder in a text.
     *
     * @param start    where it begins
     * @param end      where it ends (exclusive)
     * @param token    its characters as written
     * @param meaning  what it stands for, by its neighbours ({@link PlaceholderMeaning#of}), a placeholder joined to
     *                 another by {@code 、} taking the other's meaning when its own neighbours tell nothing
     * @param dateUnit see {@link Span#dateUnit()}
     */
    public record Occurrence(int start, int end, String token, PlaceholderMeaning meaning, String dateUnit) {
    }

    private Placeholders() {
    }

    /** Where the placeholders of {@code text} stand, as {@code [start, end)} pairs in order; cheaper than {@link #occurrences}. */
    public static List<int[]> spans(String text) {
        List<int[]> spans = new ArrayList<>();
        SCAN.forEach(text, (start, end) -> spans.add(new int[] {start, end}));
        return spans;
    }

    /** The placeholders of {@code text}, in order. */
    public static List<Occurrence> occurrences(String text) {
        List<int[]> found = spans(text);
        PlaceholderMeaning[] meanings = new PlaceholderMeaning[found.size()];
        for (int i = 0; i < meanings.length; i++) {
            meanings[i] = PlaceholderMeaning.of(text, found.get(i)[0], found.get(i)[1]);
        }
        // 王××、李××同志 and ××镇、××乡: in a list the last item's neighbours tell what the others are.
        for (int i = meanings.length - 2; i >= 0; i--) {
            if (meanings[i] == PlaceholderMeaning.OTHER && listed(text, found.get(i)[1], found.get(i + 1)[0])) {
                meanings[i] = meanings[i + 1];
            }
        }
        for (int i = 1; i < meanings.length; i++) {
            if (meanings[i] == PlaceholderMeaning.OTHER && listed(text, found.get(i - 1)[1], found.get(i)[0])) {
                meanings[i] = meanings[i - 1];
            }
        }
        List<Occurrence> occurrences = new ArrayList<>(found.size());
        for (int i = 0; i < meanings.length; i++) {
            int start = found.get(i)[0];
            int end = found.get(i)[1];
            occurrences.add(new Occurrence(start, end, text.substring(start, end), meanings[i],
                    meanings[i] == PlaceholderMeaning.DATE ? PlaceholderMeaning.dateUnit(text, start, end) : ""));
        }
        return occurrences;
    }

    /** Whether only a list separator (and invisible characters) stands between two placeholders. */
    private static boolean listed(String text, int from, int to) {
        String between = PlaceholderMeaning.after(text.substring(0, to), from, 3);
        return between.equals("、") || between.equals("和") || between.equals("与")
                || between.equals("及");
    }

    /**
     * Splits {@code text} into consecutive spans, placeholders and ordinary text alternating, whose
     * texts concatenate back to {@code text}; an empty text gives an empty list.
     */
    public static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int at = 0;
        for (Occurrence o : occurrences(text)) {
            if (o.start() > at) {
                spans.add(new Span(text.substring(at, o.start())));
            }
            spans.add(new Span(o.token(), o.meaning(), o.dateUnit()));
            at = o.end();
        }
        if (at < text.length()) {
            spans.add(new Span(text.substring(at)));
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
