package org.scriptorium.support;

/** Helpers for asserting on personalised copies, which carry invisible marks between their visible characters. */
public final class Marked {

    private Marked() {
    }

    /** The text without its invisible characters (zero-width and other format characters). */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).forEach(out::appendCodePoint);
        return out.toString();
    }
}
