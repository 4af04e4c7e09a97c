package org.scriptorium.library;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * Short excerpts around a query's terms, HTML-escaped, with the matches wrapped in {@code <em>}.
 * The caller decides which text the snippet may come from.
 */
public final class Snippets {

    private Snippets() {
    }

    /**
     * An excerpt of about {@code width} characters from {@code text} around the first term of {@code query} that
     * occurs in it (or its beginning when none occurs), escaped for HTML, every occurrence of a term in {@code <em>}.
     */
    public static String around(String text, String query, int width) {
        return forQuery(query).around(text, width);
    }

    /** Snippets for one query: its terms are parsed and their pattern compiled once for every hit of a page. */
    public static Highlighter forQuery(String query) {
        return forTerms(query == null || query.isBlank() ? List.of() : List.of(query.strip().split("\\s+")));
    }

    /**
     * Snippets around any of {@code terms} (as a search read the query: its words, their synonyms, the 文种), the
     * pattern compiled once for every hit of a page.
     */
    public static Highlighter forTerms(List<String> terms) {
        List<String> kept = terms.stream().filter(t -> !t.isBlank()).distinct().toList();
        // One pass over the escaped text, so a term can never match inside a tag added for another term; the longest
        // first, so that 防汛抗旱 is marked whole rather than as 防汛 and the rest.
        Pattern anyTerm = kept.isEmpty() ? null : Pattern.compile(kept.stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .map(t -> Pattern.quote(HtmlUtils.htmlEscape(t))).collect(Collectors.joining("|")));
        return new Highlighter(kept, anyTerm);
    }

    /** Makes snippets for one query's terms. */
    public static final class Highlighter {

        private final List<String> terms;
        private final Pattern anyTerm;

        private Highlighter(List<String> terms, Pattern anyTerm) {
            this.terms = terms;
            this.anyTerm = anyTerm;
        }

        /** As {@link Snippets#around(String, String, int)}, for this highlighter's query. */
        public String around(String text, int width) {
            String flat = visible(text);
            int first = -1;
            for (String term : terms) {
                int at = flat.indexOf(term);
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
            int start = first < 0 ? 0 : Math.max(0, first - width / 3);
            int end = Math.min(flat.length(), start + width);
            String html = HtmlUtils.htmlEscape(flat.substring(start, end));
            if (anyTerm != null) {
                html = anyTerm.matcher(html).replaceAll(m -> "<em>" + Matcher.quoteReplacement(m.group()) + "</em>");
            }
            return (start > 0 ? "…" : "") + html + (end < flat.length() ? "…" : "");
        }

        /**
         * The text on one line without format characters: a snippet is for reading, so the invisible marks of a
         * personalised copy are left out (the copy itself keeps them).
         */
        private static String visible(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                if (c == '\n') {
                    out.append(' ');
                } else if (Character.getType(c) != Character.FORMAT) {
                    out.appendCodePoint(c);
                }
            }
            return out.toString();
        }
    }
}
