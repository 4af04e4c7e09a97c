package org.scriptorium.tracing;

import java.text.Normalizer;

/**
 * A text as the robust layer compares it: NFKC (so full and half width agree), with whitespace, control and format
 * characters (zero-width marks among them) dropped, so that reformatting and the fragile layer leave it unchanged.
 *
 * @param text    the normalised text
 * @param offsets for each index of the source (and its length), the index in {@code text} where its output begins
 */
record NormalText(String text, int[] offsets) {

    static NormalText of(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int[] offsets = new int[source.length() + 1];
        for (int i = 0; i < source.length(); ) {
            int cp = source.codePointAt(i);
            int n = Character.charCount(cp);
            for (int k = 0; k < n; k++) {
                offsets[i + k] = out.length();
            }
            append(out, cp);
            i += n;
        }
        offsets[source.length()] = out.length();
        return new NormalText(out.toString(), offsets);
    }

    /** The normalised text only, for leaks and forms. */
    static String normalise(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); ) {
            int cp = source.codePointAt(i);
            append(out, cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * This text with punctuation and symbols removed, its offsets still indexing the same source: the view in which a
     * leak whose punctuation was stripped or swapped still matches.
     */
    NormalText withoutPunctuation() {
        StringBuilder out = new StringBuilder(text.length());
        // where each index of this text (and its length) lands in the projection
        int[] projected = new int[text.length() + 1];
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            for (int k = 0; k < n; k++) {
                projected[i + k] = out.length();
            }
            if (!isPunctuation(cp)) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        projected[text.length()] = out.length();
        int[] composed = new int[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            composed[i] = projected[offsets[i]];
        }
        return new NormalText(out.toString(), composed);
    }

    /** A normalised text with punctuation and symbols removed, for leaks and forms. */
    static String withoutPunctuation(String normalised) {
        StringBuilder out = new StringBuilder(normalised.length());
        for (int i = 0; i < normalised.length(); ) {
            int cp = normalised.codePointAt(i);
            if (!isPunctuation(cp)) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * Whether a normalised character is punctuation or a symbol, that is anything but a letter, a mark or a number:
     * resellers swap 。 for . or | alike, so the projection keeps only what they leave alone.
     */
    static boolean isPunctuation(int cp) {
        if (cp >= 0x4E00 && cp <= 0x9FFF) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> false;
            // half of a character beyond the first plane, met when a text is read by char: rare Han, not a mark
            case Character.SURROGATE -> false;
            default -> true;
        };
    }

    private static void append(StringBuilder out, int cp) {
        // Han ideographs and printable ASCII are already NFKC; skipping the normaliser for them keeps reading fast.
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp > 0x20 && cp < 0x7F)) {
            out.append((char) cp);
            return;
        }
        if (dropped(cp)) {
            return;
        }
        String piece = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
        piece.codePoints().filter(c -> !dropped(c)).forEach(out::appendCodePoint);
    }

    static boolean dropped(int cp) {
        int type = Character.getType(cp);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || type == Character.FORMAT || type == Character.CONTROL;
    }
}
