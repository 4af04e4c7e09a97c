package org.scriptorium.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.scriptorium.common.Rejected;

/**
 * What the operator may save as a synonym group: 2 to 12 distinct terms, each 2 to 30 characters once
 * {@linkplain Synonyms#normalise(String) normalised}, and a note of at most 200 characters. Anything else is refused
 * with 422 {@code INVALID_SYNONYMS}, naming the field, in Chinese.
 */
final class SynonymCheck {

    /**
     * The shortest term: a single character (党, 会) would widen every query that holds it to a whole group's worth
     * of other words.
     */
    static final int MIN_TERM = 2;
    static final int MAX_NOTE = 200;

    /** What separates terms where they are typed in one box, and what a stored term therefore may not hold. */
    private static final Pattern SEPARATORS = Pattern.compile("[/,，\\t\\r\\n]");

    private SynonymCheck() {
    }

    /** The terms typed in one box, split at {@code /}, commas, tabs and line ends; empty pieces dropped. */
    static List<String> split(String typed) {
        if (typed == null) {
            return List.of();
        }
        return SEPARATORS.splitAsStream(typed).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /**
     * The terms, normalised, in the order given.
     *
     * @throws Rejected 422 {@code INVALID_SYNONYMS} (field {@code terms}) for fewer than 2 or more than 12 terms, a
     *                  blank one, one shorter than 2 or longer than 30 characters, one holding a separator, or two
     *                  that are the same once normalised
     */
    static List<String> terms(List<String> given) {
        if (given == null || given.size() < 2) {
            throw invalid("terms", "一组同义词至少要有 2 个词，用 / 或逗号分隔。",
                    "A group needs at least 2 terms, separated by / or commas.");
        }
        if (given.size() > Synonyms.MAX_GROUP) {
            throw invalid("terms", "一组最多 " + Synonyms.MAX_GROUP + " 个词（现为 " + given.size() + " 个）；意思不同的词请分成几组。",
                    "A group holds at most " + Synonyms.MAX_GROUP + " terms (it has " + given.size() + ").");
        }
        Set<String> terms = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String raw = given.get(i);
            String term = Synonyms.normalise(raw);
            if (term.isEmpty()) {
                throw invalid("terms", "第 " + (i + 1) + " 个词是空的，请填写或删去。", "Term " + (i + 1) + " is blank.");
            }
            if (SEPARATORS.matcher(term).find()) {
                throw invalid("terms", "「" + shorten(term) + "」含有 / 或逗号：请把它分成两个词。",
                        "\"" + shorten(term) + "\" holds a / or a comma: make it two terms.");
            }
            int length = term.codePointCount(0, term.length());
            if (length < MIN_TERM) {
                throw invalid("terms", "「" + term + "」太短：每个词至少 " + MIN_TERM + " 个字，单个字会让每次搜索都变宽。",
                        "\"" + term + "\" is too short: a term needs at least " + MIN_TERM
                                + " characters, or it would widen every search.");
            }
            if (length > Synonyms.MAX_TERM) {
                throw invalid("terms", "「" + shorten(term) + "」太长：每个词最多 " + Synonyms.MAX_TERM + " 个字（现为 " + length
                                + " 个）。",
                        "\"" + shorten(term) + "\" is too long: at most " + Synonyms.MAX_TERM + " characters (it has "
                                + length + ").");
            }
            if (!terms.add(term)) {
                throw invalid("terms", "「" + term + "」重复了：一组里的词要各不相同。",
                        "\"" + term + "\" appears twice: the terms of a group must differ.");
            }
        }
        return new ArrayList<>(terms);
    }

    /**
     * The note, stripped; null when blank.
     *
     * @throws Rejected 422 {@code INVALID_SYNONYMS} (field {@code note}) when longer than 200 characters
     */
    static String note(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String note = given.strip();
        if (note.length() > MAX_NOTE) {
            throw invalid("note", "备注不能超过 " + MAX_NOTE + " 个字（现为 " + note.length() + " 个）。",
                    "The note must be at most " + MAX_NOTE + " characters (it has " + note.length() + ").");
        }
        return note;
    }

    private static String shorten(String term) {
        return term.length() <= 40 ? term : term.substring(0, 40) + "…";
    }

    static Rejected invalid(String field, String chinese, String english) {
        return Rejected.ofField(422, "INVALID_SYNONYMS", field, chinese, english);
    }
}
