package org.scriptorium.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns Markdown into plain lines, one paragraph per line. Ordered-list numbers ({@code 1.}) are kept,
 * because in official writing they are heading numbers; underscores are kept, because {@code __} is
 * a placeholder more often than emphasis.
 */
final class MarkdownText {

    private static final Pattern FENCE = Pattern.compile("^(```|~~~).*");
    private static final Pattern ATX_HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern QUOTE = Pattern.compile("^(?:>\\s?)+");
    private static final Pattern BULLET = Pattern.compile("^[-*+]\\s+(?:\\[[ xX]]\\s+)?");
    private static final Pattern RULE = Pattern.compile("^(?:[-*_=]\\s*){3,}$");
    private static final Pattern TABLE_DIVIDER = Pattern.compile("^\\|?\\s*:?-{3,}:?\\s*(?:\\|\\s*:?-{3,}:?\\s*)*\\|?$");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^]]*]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^]]*)]\\([^)]*\\)");
    private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern EMPHASIS = Pattern.compile("\\*(\\S(?:.*?\\S)?)\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>]*>");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>])");

    private MarkdownText() {
    }

    static String toPlain(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inFence = false;
        for (String raw : TextLines.of(markdown)) {
            if (FENCE.matcher(raw).matches()) {
                inFence = !inFence;
                continue;
            }
            if (inFence || RULE.matcher(raw).matches() || TABLE_DIVIDER.matcher(raw).matches()) {
                continue; // code is not prose; rules and setext underlines carry no text
            }
            String line = QUOTE.matcher(raw).replaceFirst("");
            line = ATX_HEADING.matcher(line).replaceFirst("$1");
            line = BULLET.matcher(line).replaceFirst("");
            if (line.startsWith("|")) {
                line = String.join(" ", line.replaceAll("^\\||\\|$", "").split("\\s*\\|\\s*"));
            }
            line = IMAGE.matcher(line).replaceAll("");
            line = LINK.matcher(line).replaceAll("$1");
            line = STRONG.matcher(line).replaceAll("$1");
            line = EMPHASIS.matcher(line).replaceAll("$1");
            line = CODE.matcher(line).replaceAll("$1");
            line = HTML_TAG.matcher(line).replaceAll("");
            line = ESCAPE.matcher(line).replaceAll("$1");
            line = TextLines.trim(line);
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }
}
