package org.scriptorium.library;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a web page, one block element per line: what Word ("Save as Web Page") and many sites
 * hand out under a {@code .doc} name. Scripts, styles, the head and comments are dropped, entities
 * decoded, runs of white space collapsed (except in {@code <pre>}); a table row becomes one line with
 * its cells joined by a tab, as {@link DocxText} writes rows. A small single-pass scanner, linear in the
 * input: no DOM, so nothing to exhaust.
 */
final class HtmlText {

    /** Elements that start and end a line. */
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "br", "caption",
            "center", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
            "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead",
            "title", "tr", "ul");
    /** Elements whose content is not text. */
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "noscript", "template", "svg", "math",
            "object", "iframe", "xml", "select", "textarea");
    private static final Map<String, Character> ENTITIES = Map.ofEntries(Map.entry("nbsp", '\u00A0'),
            Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'), Map.entry("quot", '"'),
            Map.entry("apos", '\''), Map.entry("ldquo", '“'), Map.entry("rdquo", '”'), Map.entry("lsquo", '‘'),
            Map.entry("rsquo", '’'), Map.entry("mdash", '—'), Map.entry("ndash", '–'), Map.entry("hellip", '…'),
            Map.entry("middot", '·'), Map.entry("bull", '•'), Map.entry("times", '×'), Map.entry("divide", '÷'),
            Map.entry("deg", '°'), Map.entry("plusmn", '±'), Map.entry("copy", '©'), Map.entry("reg", '®'),
            Map.entry("trade", '™'), Map.entry("sect", '§'), Map.entry("para", '¶'), Map.entry("laquo", '«'),
            Map.entry("raquo", '»'), Map.entry("yen", '¥'), Map.entry("ensp", '\u2002'), Map.entry("emsp", '\u2003'),
            Map.entry("thinsp", '\u2009'), Map.entry("zwsp", '\u200B'), Map.entry("shy", '\u00AD'));
    private static final Pattern META_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]{1,40})");
    /** Empty cells and the spaces around a cell's tab. */
    private static final Pattern CELL_GAP = Pattern.compile("[ \t]*\t[ \t]*");
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Where a page names its encoding: the meta element comes early. */
    private static final int HEAD_BYTES = 4096;

    private HtmlText() {
    }

    /** Whether {@code content} starts like an HTML page (after a BOM and white space). */
    static boolean looksLike(byte[] content) {
        String head = head(content).toLowerCase(Locale.ROOT);
        if (!head.startsWith("<")) {
            return false;
        }
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<html")
                || head.startsWith("<head") || head.startsWith("<body") || head.startsWith("<meta")
                || head.startsWith("<p") || head.startsWith("<div") || head.startsWith("<table") || head.startsWith("<!--");
    }

    /**
     * The first bytes as text, for sniffing: UTF-16 when a BOM says so, otherwise Latin-1 (enough to
     * read ASCII markup in any of the encodings pages use), without the BOM and leading white space.
     */
    static String head(byte[] content) {
        int n = Math.min(content.length, HEAD_BYTES);
        String head;
        if (n >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE) {
            head = new String(content, 2, n - 2, StandardCharsets.UTF_16LE);
        } else if (n >= 2 && (content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF) {
            head = new String(content, 2, n - 2, StandardCharsets.UTF_16BE);
        } else if (n >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            head = new String(content, 3, n - 3, StandardCharsets.ISO_8859_1);
        } else {
            head = new String(content, 0, n, StandardCharsets.ISO_8859_1);
        }
        return head.stripLeading();
    }

    /**
     * @return the page's text, one block per line, no blank lines
     * @throws CharacterCodingException when the bytes are in no encoding the page names or
     *                                  {@link TextDecoding} knows
     */
    static String toPlain(byte[] content) throws CharacterCodingException {
        return String.join("\n", TextLines.of(text(decode(content))).stream()
                .map(line -> CELL_GAP.matcher(line).replaceAll("\t")).toList());
    }

    /** A BOM decides; then the charset the page declares (GB2312 and GBK read as their superset GB18030); then {@link TextDecoding}. */
    private static String decode(byte[] content) throws CharacterCodingException {
        boolean bom = content.length >= 2 && ((content[0] & 0xFF) == 0xFF || (content[0] & 0xFF) == 0xFE
                || (content[0] & 0xFF) == 0xEF);
        if (!bom) {
            Matcher m = META_CHARSET.matcher(new String(content, 0, Math.min(content.length, HEAD_BYTES),
                    StandardCharsets.ISO_8859_1));
            if (m.find()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                Charset charset = null;
                if (name.equals("gb2312") || name.equals("gbk") || name.equals("x-gbk") || name.equals("gb18030")
                        || name.equals("cp936") || name.equals("windows-936")) {
                    charset = GB18030;
                } else if (!name.startsWith("utf-16")) {
                    try {
                        charset = Charset.forName(name);
                    } catch (IllegalArgumentException unknown) {
                        // fall through to the guess
                    }
                }
                if (charset != null) {
                    return new String(content, charset); // lenient: one bad byte in a page is not worth a refusal
                }
            }
        }
        return TextDecoding.decode(content);
    }

    static String text(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        // elements found to have no end tag: searching again from further on would find none either
        Set<String> unclosed = new java.util.HashSet<>();
        int pre = 0;
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int nameStart = i + 1;
                boolean closing = nameStart < n && html.charAt(nameStart) == '/';
                if (closing) {
                    nameStart++;
                }
                int nameEnd = nameStart;
                while (nameEnd < n && isNameChar(html.charAt(nameEnd))) {
                    nameEnd++;
                }
                boolean declaration = nameStart < n && (html.charAt(nameStart) == '!' || html.charAt(nameStart) == '?');
                if (nameEnd == nameStart && !declaration) {
                    out.append(c); // a lone '<' is text
                    i++;
                    continue;
                }
                int tagEnd = tagEnd(html, nameEnd);
                String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
                int colon = name.indexOf(':');
                boolean prefixed = colon >= 0; // Word's o:p, v:shape, w:…: never a block of the page
                if (prefixed) {
                    name = name.substring(colon + 1);
                }
                i = tagEnd;
                if (declaration) {
                    continue;
                }
                if (!closing && SKIPPED.contains(name) && !html.startsWith("/>", Math.max(tagEnd - 2, 0))) {
                    if (!unclosed.contains(name)) {
                        int after = skipElement(html, tagEnd, name);
                        if (after == tagEnd) {
                            unclosed.add(name); // only the start tag goes; its content is read as text
                        }
                        i = after;
                    }
                    continue;
                }
                if (name.equals("pre")) {
                    pre = Math.max(0, pre + (closing ? -1 : 1));
                }
                if (prefixed) {
                    continue;
                }
                if (name.equals("td") || name.equals("th")) {
                    out.append('\t');
                } else if (BLOCKS.contains(name)) {
                    out.append('\n');
                }
                continue;
            }
            if (c == '&') {
                i = entity(html, i, out);
                continue;
            }
            if (pre == 0 && Character.isWhitespace(c)) {
                if (out.isEmpty() || !Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
                i++;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_';
    }

    /** The index after the tag's '>', skipping quoted attribute values; the end of the input when it never closes. */
    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return html.length();
    }

    /**
     * The index after the end tag of {@code name} (case-insensitive); when there is none (HTML lets a
     * page leave out {@code </head>}), {@code from}, so that only the start tag is dropped.
     */
    private static int skipElement(String html, int from, String name) {
        int i = from;
        while (true) {
            int lt = html.indexOf("</", i);
            if (lt < 0) {
                return from;
            }
            int nameStart = lt + 2;
            int nameEnd = nameStart;
            while (nameEnd < html.length() && isNameChar(html.charAt(nameEnd))) {
                nameEnd++;
            }
            String end = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
            int colon = end.indexOf(':');
            if ((colon >= 0 ? end.substring(colon + 1) : end).equals(name)) {
                return tagEnd(html, nameEnd);
            }
            i = nameStart;
        }
    }

    /** Decodes the entity at {@code at} into {@code out} (or the '&' alone when it is none); returns the index after it. */
    private static int entity(String html, int at, StringBuilder out) {
        int semi = -1;
        for (int j = at + 1; j < html.length() && j <= at + 12; j++) {
            char c = html.charAt(j);
            if (c == ';') {
                semi = j;
                break;
            }
            if (!Character.isLetterOrDigit(c) && c != '#') {
                break;
            }
        }
        if (semi < 0) {
            out.append('&');
            return at + 1;
        }
        String body = html.substring(at + 1, semi);
        if (body.startsWith("#")) {
            int codePoint;
            try {
                codePoint = body.startsWith("#x") || body.startsWith("#X")
                        ? Integer.parseInt(body.substring(2), 16) : Integer.parseInt(body.substring(1));
            } catch (NumberFormatException e) {
                out.append('&');
                return at + 1;
            }
            if (codePoint == 0 || !Character.isValidCodePoint(codePoint)
                    || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                out.append('\uFFFD');
            } else if (codePoint >= 0x20 || codePoint == '\t' || codePoint == '\n') {
                out.appendCodePoint(codePoint);
            }
            return semi + 1;
        }
        Character named = ENTITIES.get(body);
        if (named == null) {
            named = ENTITIES.get(body.toLowerCase(Locale.ROOT));
        }
        if (named == null) {
            out.append('&');
            return at + 1;
        }
        if (named != '\u00AD') {
            out.append(named.charValue());
        }
        return semi + 1;
    }
}
