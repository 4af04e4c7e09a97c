package org.scriptorium.library;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule for lines that are not part of a document: web-page chrome, another publisher's advert, a contact line.
 * The built-in rules are a reviewed list ({@code library/notice-rules.tsv}); the operator adds more on an admin page.
 *
 * @param id      a short stable name ({@code web-toolbar}, {@code contact-qq}); what {@link StrippedLine#rule} says
 * @param scope   where a matching line is removed
 * @param pattern a Java regular expression when {@code regex}, else a phrase the line must contain (case-insensitive)
 * @param reason  why such a line is removed, as an editor reads it (Chinese)
 * @param builtIn true for the reviewed list shipped with the product, false for the operator's own
 */
public record NoticeRule(String id, Scope scope, String pattern, boolean regex, String reason, boolean builtIn) {

    /** Where a rule applies. */
    public enum Scope {
        /**
         * Only among the lines above the document's beginning or below its end (the page's or the publisher's header
         * and footer), where a short line that matches is never the document's own text.
         */
        EDGE,
        /** Anywhere in the text: only for lines nobody writes in a document, such as a QQ group number. */
        ANYWHERE
    }

    /** @throws IllegalArgumentException if the pattern is blank or not a valid regular expression */
    public NoticeRule {
        if (id == null || id.isBlank() || pattern == null || pattern.isBlank() || scope == null) {
            throw new IllegalArgumentException("a notice rule needs an id, a scope and a pattern");
        }
        reason = reason == null || reason.isBlank() ? "非正文内容" : reason.strip();
        compile(pattern, regex); // fails early on a bad expression
    }

    /** The rule as a compiled, case-insensitive pattern to find in a line. */
    Pattern compiled() {
        return compile(pattern, regex);
    }

    private static Pattern compile(String pattern, boolean regex) {
        try {
            return Pattern.compile(regex ? pattern : Pattern.quote(pattern.strip()),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription(), e);
        }
    }
}
