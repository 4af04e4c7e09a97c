package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fragile layer: a payload of invisible characters repeated through every paragraph, so that an excerpt of about a
 * hundred characters names the member and the revision. Copy-paste keeps it; any sanitiser that drops zero-width
 * characters removes it, which is why the robust layer exists too.
 *
 * <p><b>Where a payload goes, and why it does not move line breaks.</b> Its digits have line-break classes of their
 * own (UAX #14): ZERO WIDTH SPACE is ZW, NON-JOINER is CM, JOINER is ZWJ and WORD JOINER is WJ. Placed anywhere, they
 * would move breaks: a ZW after 《 or （ or before ，。） adds a break the text forbids (LB8 {@code ZW ÷}), a WJ or
 * ZWJ takes one away ({@code × WJ ×}, LB11; {@code ZWJ ×}, LB8a), and inside a Latin word or a number a ZW splits
 * it. So a payload goes only where the visible text already allows a break and no rule looks across it: between
 * two Han ideographs (class ID on both sides, {@code ID ÷ ID} by LB31; no rule of UAX #14 looks past an ID for
 * context, so the breaks before the first ideograph and after the second are decided as before). Inside that gap
 * the payload keeps at least one break: it always holds a ZW ({@link #breakable}), LB7 ({@code × ZW}) keeps the
 * break from falling before it, and LB8 ({@code ZW ÷}, checked before LB11's {@code × WJ} and LB8a's {@code ZWJ ×})
 * allows one right after it whatever digit or ideograph follows. A line broken there ends and starts with
 * characters of no width, so the ideographs land where they did without the payload. A NON-JOINER or JOINER right
 * after the first ideograph joins it as a combining mark (LB9) and changes nothing. The reading page's browser
 * test renders paragraphs with and without payloads at several widths and finds every character at the same place.
 */
public final class FragileMark {

    /** The default number of visible characters between two payloads. */
    public static final int DEFAULT_SPACING = 80;

    /** The four invisible digits, two bits each: ZERO WIDTH SPACE, NON-JOINER, JOINER, WORD JOINER. */
    static final String DIGITS = "\u200B\u200C\u200D\u2060";
    private static final char ZWSP = '\u200B';
    private static final int BITS = 96;
    /** Characters in one payload. */
    public static final int LENGTH = BITS / 2;
    private static final long MASK32 = 0xFFFF_FFFFL;

    /**
     * A verified payload.
     *
     * @param memberNumber the member's number (32 bits)
     * @param revisionTag  the revision's tag (32 bits)
     */
    public record Payload(long memberNumber, long revisionTag) {
    }

    private FragileMark() {
    }

    /**
     * The paragraph with a payload inserted about every {@code spacing} characters, only between two Han ideographs
     * (see the class comment for why there), never at its start or end, never inside a placeholder (×× XX 某某 ＿＿);
     * a paragraph shorter than {@code spacing} gets one near its middle, and one without two adjacent ideographs none.
     * Each payload goes to the allowed place nearest its evenly spread target, within an eighth of {@code spacing} when
     * there is one (so gaps stay near {@code spacing}), else within half. The payload is the member number, the low 32
     * bits of {@code revisionTag}, and a 32-bit MAC of both keyed by {@code prf}. Zero-width digits already in the
     * paragraph are removed first, so marking twice replaces.
     *
     * @param memberNumber between 0 and 2³²−1
     * @param spacing      at least 1; at most 90 keeps a whole payload in every 100-character excerpt of running
     *                     Chinese text
     * @throws IllegalArgumentException if the member number does not fit in 32 bits or spacing is below 1
     */
    public static String embed(String paragraph, Prf prf, long memberNumber, long revisionTag, int spacing) {
        if (memberNumber < 0 || memberNumber > MASK32) {
            throw new IllegalArgumentException("member number " + memberNumber + " does not fit in 32 bits");
        }
        if (spacing < 1) {
            throw new IllegalArgumentException("spacing must be at least 1");
        }
        String text = stripDigits(paragraph);
        if (text.length() < 2) {
            return text;
        }
        String payload = breakable(encode(memberNumber, revisionTag & MASK32, prf));
        List<int[]> placeholders = Placeholders.spans(text);
        int count = (text.length() + spacing - 1) / spacing;
        StringBuilder out = new StringBuilder(text.length() + count * (LENGTH + 1));
        int copied = 0;
        for (int j = 0; j < count; j++) {
            // Evenly spread targets: gaps of at most `spacing`, the first and last within half a gap of the ends.
            int target = (int) ((2L * j + 1) * text.length() / (2L * count));
            int at = insertionPoint(text, target, copied, Math.max(1, spacing / 8), placeholders);
            if (at < 0) {
                at = insertionPoint(text, target, copied, Math.max(1, spacing / 2), placeholders);
            }
            if (at < 0) {
                continue;
            }
            out.append(text, copied, at).append(payload);
            copied = at;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Every paragraph embedded with {@link #DEFAULT_SPACING}. */
    public static List<String> embedAll(List<String> paragraphs, Prf prf, long memberNumber, long revisionTag) {
        List<String> out = new ArrayList<>(paragraphs.size());
        for (String p : paragraphs) {
            out.add(embed(p, prf, memberNumber, revisionTag, DEFAULT_SPACING));
        }
        return List.copyOf(out);
    }

    /**
     * Every payload in the text whose MAC verifies under {@code prf}, in order of appearance, duplicates kept so the
     * caller can count them. Runs of zero-width digits that are cut, altered or longer than a payload are searched at
     * every offset; what does not verify is ignored.
     */
    public static List<Payload> read(String text, Prf prf) {
        List<Payload> found = new ArrayList<>();
        // A copy repeats one payload many times: each distinct run of digits is verified once.
        Map<String, Optional<Payload>> verified = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            if (DIGITS.indexOf(text.charAt(i)) < 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && DIGITS.indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            for (int s = i; s + LENGTH <= end; ) {
                int from = s;
                Optional<Payload> p = verified.computeIfAbsent(text.substring(s, s + LENGTH),
                        digits -> Optional.ofNullable(decode(text, from, prf)));
                if (p.isPresent()) {
                    found.add(p.get());
                    s += LENGTH;
                } else {
                    s++;
                }
            }
            i = end;
        }
        return found;
    }

    /** The text without the zero-width digits this layer uses. */
    static String stripDigits(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (DIGITS.indexOf(c) < 0) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The place nearest {@code target} (at most {@code radius} away, after {@code after}) where a payload leaves the
     * line breaks alone: between two Han ideographs, outside every placeholder; -1 if there is none.
     */
    private static int insertionPoint(String text, int target, int after, int radius, List<int[]> placeholders) {
        for (int d = 0; d <= radius; d++) {
            if (fits(text, target - d, after, placeholders)) {
                return target - d;
            }
            if (d > 0 && fits(text, target + d, after, placeholders)) {
                return target + d;
            }
        }
        return -1;
    }

    private static boolean fits(String text, int at, int after, List<int[]> placeholders) {
        return at > after && at > 0 && at < text.length() && breaksAlike(text, at) && !inside(at, placeholders);
    }

    /** Whether a payload at {@code at} keeps the line breaks: a Han ideograph on each side (UAX #14 class ID). */
    static boolean breaksAlike(String text, int at) {
        return hanIdeograph(text.codePointBefore(at)) && hanIdeograph(text.codePointAt(at));
    }

    /**
     * The CJK unified and compatibility ideographs, all of line-break class ID. Deliberately not
     * {@link Character#isIdeographic}: that also takes 〆 and 〇 and the Hangzhou numerals, and a split surrogate pair
     * ({@code codePointAt} on a low surrogate) falls outside these ranges by itself.
     */
    private static boolean hanIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x20000 && cp <= 0x3FFFF);
    }

    private static boolean inside(int at, List<int[]> placeholders) {
        for (int[] span : placeholders) {
            if (span[0] < at && at < span[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The payload as it is inserted: as it is when it holds a ZERO WIDTH SPACE, which it does whenever the member
     * number is below 2³⁰ (its first digit is then 0), else behind one extra ZERO WIDTH SPACE. {@link #read} finds
     * the payload in the longer run, since it tries every offset of a run.
     */
    static String breakable(String payload) {
        return payload.indexOf(ZWSP) >= 0 ? payload : ZWSP + payload;
    }

    static String encode(long member, long revision, Prf prf) {
        long high = (member << 32) | revision;
        long mac = mac(prf, member, revision);
        StringBuilder b = new StringBuilder(LENGTH);
        for (int shift = 62; shift >= 0; shift -= 2) {
            b.append(DIGITS.charAt((int) (high >>> shift) & 3));
        }
        for (int shift = 30; shift >= 0; shift -= 2) {
            b.append(DIGITS.charAt((int) (mac >>> shift) & 3));
        }
        return b.toString();
    }

    private static Payload decode(String text, int at, Prf prf) {
        long high = 0;
        long mac = 0;
        for (int k = 0; k < LENGTH; k++) {
            int digit = DIGITS.indexOf(text.charAt(at + k));
            if (k < 32) {
                high = (high << 2) | digit;
            } else {
                mac = (mac << 2) | digit;
            }
        }
        long member = high >>> 32;
        long revision = high & MASK32;
        return mac == mac(prf, member, revision) ? new Payload(member, revision) : null;
    }

    private static long mac(Prf prf, long member, long revision) {
        return prf.bits("fragile", Long.toString(member), Long.toString(revision)) >>> 32;
    }
}
