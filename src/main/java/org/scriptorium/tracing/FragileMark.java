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
 */
public final class FragileMark {

    /** The default number of visible characters between two payloads. */
    public static final int DEFAULT_SPACING = 80;

    /** The four invisible digits, two bits each: ZERO WIDTH SPACE, NON-JOINER, JOINER, WORD JOINER. */
    static final String DIGITS = "\u200B\u200C\u200D\u2060";
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
     * The paragraph with a payload inserted after about every {@code spacing} characters, never at its start, never
     * inside a placeholder (×× XX 某某 ＿＿) or a surrogate pair; a paragraph shorter than {@code spacing} gets one in its
     * middle. The payload is the member number, the low 32 bits of {@code revisionTag}, and a 32-bit MAC of both
     * keyed by {@code prf}. Zero-width digits already in the paragraph are removed first, so marking twice replaces.
     *
     * @param memberNumber between 0 and 2³²−1
     * @param spacing      at least 1; at most 99 keeps a whole payload in every 100-character excerpt
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
        String payload = encode(memberNumber, revisionTag & MASK32, prf);
        List<int[]> placeholders = Placeholders.spans(text);
        int count = (text.length() + spacing - 1) / spacing;
        StringBuilder out = new StringBuilder(text.length() + count * LENGTH);
        int copied = 0;
        for (int j = 0; j < count; j++) {
            // Evenly spread: gaps of at most `spacing`, the first and last within half a gap of the ends.
            int at = insertionPoint(text, (int) ((2L * j + 1) * text.length() / (2L * count)), placeholders);
            if (at <= copied) {
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

    private static int insertionPoint(String text, int at, List<int[]> placeholders) {
        at = Math.max(1, Math.min(text.length(), at));
        for (int[] span : placeholders) {
            if (span[0] < at && at < span[1]) {
                at = span[1];
            }
        }
        if (at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
            at++;
        }
        return at;
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
