package org.scriptorium.membership;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Activation codes as sold in shops: 20 symbols from a 32-symbol alphabet (100 bits), shown as
 * {@code XXXXX-XXXXX-XXXXX-XXXXX}.
 */
public final class ActivationCodes {

    /** The symbols of a code: digits and upper-case letters without 0/O and 1/I, which readers confuse. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static final int LENGTH = 20;
    private static final int GROUP = 5;
    private static final int BITS_PER_SYMBOL = 5; // 32 symbols
    // Anything much longer than a code with generous spacing is not a code; don't normalise megabytes.
    private static final int MAX_TYPED_LENGTH = 200;

    private ActivationCodes() {
    }

    /**
     * Generates one code.
     *
     * @param random the source of randomness; use a {@link java.security.SecureRandom} for real codes,
     *               since a guessable code is a free membership
     * @return a code in canonical grouped form, e.g. {@code "7KQ2M-XH9PD-3RTWA-ZC8NE"}
     * @throws NullPointerException if {@code random} is null
     */
    public static String generate(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        StringBuilder symbols = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            // 32 is a power of two, so nextInt(32) is uniform: exactly 5 bits per symbol.
            symbols.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return grouped(symbols);
    }

    /**
     * Reads a code as a user typed or pasted it: applies NFKC (full-width to half-width), upper-cases,
     * and drops whitespace, dashes and underscores.
     *
     * @param typed what the user entered; may be null
     * @return the code in canonical grouped form, or empty if what is left is not exactly 20 symbols of
     *         {@link #ALPHABET} (so a typed 0, O, 1 or I is rejected, not guessed at)
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > MAX_TYPED_LENGTH) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(typed, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder symbols = new StringBuilder(LENGTH);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (isSeparator(c)) {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0 || symbols.length() == LENGTH) {
                return Optional.empty();
            }
            symbols.append(c);
        }
        return symbols.length() == LENGTH ? Optional.of(grouped(symbols)) : Optional.empty();
    }

    /** @return the bits of randomness in a generated code: 100 */
    public static int bitsOfRandomness() {
        return LENGTH * BITS_PER_SYMBOL;
    }

    private static boolean isSeparator(char c) {
        // Dash punctuation covers the dashes Chinese input methods produce (—, ‐, –) as well as '-'.
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || type == Character.DASH_PUNCTUATION || c == '_';
    }

    private static String grouped(CharSequence symbols) {
        StringBuilder out = new StringBuilder(LENGTH + LENGTH / GROUP - 1);
        for (int i = 0; i < symbols.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                out.append('-');
            }
            out.append(symbols.charAt(i));
        }
        return out.toString();
    }
}
