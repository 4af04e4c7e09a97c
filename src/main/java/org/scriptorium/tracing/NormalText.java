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
