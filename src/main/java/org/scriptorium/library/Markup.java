package org.scriptorium.library;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the markup that text copied from web pages and Markdown editors carries into a plain-text import: HTML tags
 * ({@code <center>}, {@code <p>}, {@code <br/>}), HTML entities ({@code &nbsp;}, {@code &ldquo;}, {@code &#12288;}),
 * Markdown headings, quotes and strong emphasis. Underscores and single asterisks stay: {@code __} is a
 * placeholder in official writing more often than emphasis.
 */
final class Markup {

    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9]*(?:\\s[^<>]{0,300})?/?>|<!--.*?-->");
    private static final Pattern ENTITY = Pattern.compile("&(?:#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));");
    private static final Pattern MD_HEADING = Pattern.compile("^#{1,6}\\s*(.*?)\\s*#*$");
    private static final Pattern MD_QUOTE = Pattern.compile("^(?:>\\s?)+");
    private static final Pattern MD_STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern MD_RULE = Pattern.compile("^(?:[-*_]\\s*){3,}$");

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("nbsp", " "), Map.entry("ensp", " "), Map.entry("emsp", "\u3000"), Map.entry("amp", "&"),
            Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("hellip", "…"), Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("middot", "·"),
            Map.entry("bull", "•"), Map.entry("times", "×"), Map.entry("divide", "÷"), Map.entry("copy", "©"),
            Map.entry("reg", "®"), Map.entry("deg", "°"), Map.entry("plusmn", "±"), Map.entry("laquo", "«"),
            Map.entry("raquo", "»"), Map.entry("permil", "‰"));

    private Markup() {
    }

    /** The line without markup, trimmed; empty when it held nothing but markup. */
    static String strip(String line) {
        String s = line;
        if (s.indexOf('<') >= 0) {
            s = TAG.matcher(s).replaceAll("");
        }
        if (s.indexOf('&') >= 0) {
            s = decodeEntities(s);
        }
        s = TextLines.trim(s);
        if (s.startsWith("#")) {
            Matcher m = MD_HEADING.matcher(s);
            if (m.matches()) {
                s = m.group(1);
            }
        }
        if (s.startsWith(">")) {
            s = MD_QUOTE.matcher(s).replaceFirst("");
        }
        if (MD_RULE.matcher(s).matches()) {
            return "";
        }
        if (s.contains("**")) {
            s = MD_STRONG.matcher(s).replaceAll("$1");
        }
        return TextLines.trim(s);
    }

    private static String decodeEntities(String s) {
        return ENTITY.matcher(s).replaceAll(m -> {
            String decoded;
            if (m.group(1) != null || m.group(2) != null) {
                int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                decoded = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
            } else {
                decoded = NAMED.getOrDefault(m.group(3).toLowerCase(java.util.Locale.ROOT), m.group());
            }
            return Matcher.quoteReplacement(decoded);
        });
    }
}
