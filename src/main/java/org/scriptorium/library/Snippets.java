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
        // A snippet is for reading: the invisible marks of a personalised copy are left out (the copy itself keeps them).
        StringBuilder visible = new StringBuilder(text.length());
        text.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).forEach(visible::appendCodePoint);
        String flat = visible.toString().replace('\n', ' ');
        List<String> terms = query == null || query.isBlank() ? List.of() : List.of(query.strip().split("\\s+"));
        int first = -1;
        for (String term : terms) {
            int at = flat.indexOf(term);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        int start = first < 0 ? 0 : Math.max(0, first - width / 3);
        int end = Math.min(flat.length(), start + width);
        String excerpt = flat.substring(start, end);
        String html = HtmlUtils.htmlEscape(excerpt);
        if (!terms.isEmpty()) {
            // One pass over the escaped text, so a term can never match inside a tag added for another term.
            Pattern anyTerm = Pattern.compile(terms.stream().map(t -> Pattern.quote(HtmlUtils.htmlEscape(t)))
                    .collect(Collectors.joining("|")));
            html = anyTerm.matcher(html).replaceAll(m -> "<em>" + Matcher.quoteReplacement(m.group()) + "</em>");
        }
        return (start > 0 ? "…" : "") + html + (end < flat.length() ? "…" : "");
    }
}
