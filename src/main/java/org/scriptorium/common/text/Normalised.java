package org.scriptorium.common.text;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * A text reduced to what survives re-typing and reformatting: NFKC, then whitespace, punctuation, control and
 * format (invisible, e.g. zero-width) characters dropped and the rest lower-cased; with a map from every
 * normalised {@code char} back to the index in the input where it came from. Immutable.
 */
public final class Normalised {

    private final String text;
    private final int[] originalIndex;

    private Normalised(String text, int[] originalIndex) {
        this.text = text;
        this.originalIndex = originalIndex;
    }

    /**
     * Normalises {@code text}. A base character and the combining marks after it are normalised together, so
     * composition works; every {@code char} that comes out of them maps to the base character's index.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public static Normalised of(String text) {
        int length = text.length();
        StringBuilder out = new StringBuilder(length);
        int[] map = new int[length + 1];
        int at = 0;
        while (at < length) {
            int cp = text.codePointAt(at);
            int next = at + Character.charCount(cp);
            if (isStable(cp) && (next == length || !isCombining(text.codePointAt(next)))) {
                // the bulk of Chinese text: NFKC leaves these alone, so skip the normaliser
                map = ensure(map, out.length() + 1);
                map[out.length()] = at;
                out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
                at = next;
                continue;
            }
            while (next < length && isCombining(text.codePointAt(next))) {
                next += Character.charCount(text.codePointAt(next));
            }
            String normalised = Normalizer.normalize(text.substring(at, next), Normalizer.Form.NFKC);
            for (int i = 0; i < normalised.length(); ) {
                int n = normalised.codePointAt(i);
                i += Character.charCount(n);
                if (isDropped(n)) {
                    continue;
                }
                int lower = Character.toLowerCase(n);
                int units = Character.charCount(lower);
                map = ensure(map, out.length() + units);
                for (int u = 0; u < units; u++) {
                    map[out.length() + u] = at;
                }
                out.appendCodePoint(lower);
            }
            at = next;
        }
        return new Normalised(out.toString(), Arrays.copyOf(map, out.length()));
    }

    /** The normalised text. */
    public String text() {
        return text;
    }

    /**
     * The index in the original input of the character that produced {@code text().charAt(normalisedIndex)}.
     *
     * @throws IndexOutOfBoundsException if {@code normalisedIndex} is outside {@code text()}
     */
    public int originalIndex(int normalisedIndex) {
        if (normalisedIndex < 0 || normalisedIndex >= originalIndex.length) {
            throw new IndexOutOfBoundsException(normalisedIndex);
        }
        return originalIndex[normalisedIndex];
    }

    /** CJK unified ideographs and ASCII letters and digits: unchanged by NFKC, never dropped. */
    private static boolean isStable(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
                || (cp >= '0' && cp <= '9') || (cp >= 0x3400 && cp <= 0x4DBF);
    }

    private static boolean isCombining(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * Whitespace, punctuation, controls, format characters (zero-width spaces and joiners, BOM, bidi marks) and
     * variation selectors.
     */
    private static boolean isDropped(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.CONTROL, Character.FORMAT, Character.UNASSIGNED,
                    Character.PRIVATE_USE, Character.SURROGATE -> true;
            // variation selectors and the grapheme joiner are invisible marks, a favourite hiding place for marks
            case Character.NON_SPACING_MARK -> (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                    || cp == 0x034F;
            default -> false;
        };
    }

    private static int[] ensure(int[] map, int size) {
        return size <= map.length ? map : Arrays.copyOf(map, Math.max(size, map.length * 2));
    }
}
