package org.scriptorium.library;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the four numbering styles of official writing at the start of a line and splits a
 * heading from the body text that shares its line.
 */
final class HeadingPattern {

    /** 一 … 九十九: a tens part is only valid with 十, so 十一, 二十, 二十三 pass and 一二 does not. */
    private static final String CHINESE = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])";
    /** Arabic numbers up to 99, in half- or full-width digits. */
    private static final String ARABIC = "[0-9０-９]{1,2}";

    private static final Pattern LEVEL_1 = Pattern.compile("^" + CHINESE + "、");
    private static final Pattern LEVEL_2 = Pattern.compile("^[（(]" + CHINESE + "[）)]、?");
    // the look-ahead keeps amounts such as 1.5亿元 or 3.2% out
    private static final Pattern LEVEL_3 = Pattern.compile("^" + ARABIC + "(?:[.．](?![0-9０-９])|、)");
    private static final Pattern LEVEL_4 = Pattern.compile("^[（(]" + ARABIC + "[）)]、?");
    private static final Pattern[] LEVELS = {LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4};

    private static final String SENTENCE_END = "。！？!?";
    private static final String CLAUSE_END = "：；:;";
    private static final String CLOSING_QUOTES = "”’」』）)";
    private static final String TRAILING = "。；：！？.;:!?，,";

    /** A heading found at the start of a line; {@code rest} is the line after the heading segment, possibly empty. */
    record Match(int level, String number, String heading, String text, String rest) {
    }

    private HeadingPattern() {
    }

    /** The heading at the start of {@code line}, or empty if the line does not start with a heading number. */
    static Optional<Match> match(String line) {
        for (int i = 0; i < LEVELS.length; i++) {
            Matcher m = LEVELS[i].matcher(line);
            if (m.find()) {
                String number = m.group();
                String after = line.substring(number.length());
                if (TextLines.trim(after).isEmpty()) {
                    return Optional.empty(); // a bare number is not a heading
                }
                int cut = segmentEnd(after);
                String text = TextLines.trim(line.substring(0, number.length() + cut));
                String rest = TextLines.trim(after.substring(cut));
                return Optional.of(new Match(i + 1, number, words(after.substring(0, cut)), text, rest));
            }
        }
        return Optional.empty();
    }

    /**
     * Where the heading segment ends in {@code after} (the text after the number): after the first
     * sentence end, colon or semicolon, else at the end of the line; closing quotes stay with the
     * segment. Commas do not end a heading: headings often pair two clauses with one.
     */
    private static int segmentEnd(String after) {
        int cut = firstOf(after, SENTENCE_END + CLAUSE_END);
        if (cut < 0) {
            return after.length();
        }
        cut++;
        while (cut < after.length() && CLOSING_QUOTES.indexOf(after.charAt(cut)) >= 0) {
            cut++;
        }
        return cut;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String words(String segment) {
        String s = TextLines.trim(segment);
        int end = s.length();
        while (end > 0 && TRAILING.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return TextLines.trim(s.substring(0, end));
    }
}
