package org.scriptorium.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence pattern with slots, such as {@code "{V}{X}，{A}{G}。"}, parsed once so that filling it
 * is a walk over literals and slot letters with no string searching in the hot path.
 */
final class Template {

    /** Fills one slot letter into the text being written. */
    interface Slots {
        void fill(char slot, StringBuilder out);
    }

    private final String[] literals;
    /** {@code slots[i]} follows {@code literals[i]}; 0 after the last literal. */
    private final char[] slots;

    private Template(String[] literals, char[] slots) {
        this.literals = literals;
        this.slots = slots;
    }

    static Template of(String pattern) {
        List<String> literals = new ArrayList<>();
        StringBuilder slots = new StringBuilder();
        int at = 0;
        while (true) {
            int open = pattern.indexOf('{', at);
            if (open < 0) {
                literals.add(pattern.substring(at));
                slots.append('\0');
                break;
            }
            if (open + 2 >= pattern.length() || pattern.charAt(open + 2) != '}') {
                throw new IllegalArgumentException("a slot is one letter in braces: " + pattern);
            }
            literals.add(pattern.substring(at, open));
            slots.append(pattern.charAt(open + 1));
            at = open + 3;
        }
        return new Template(literals.toArray(String[]::new), slots.toString().toCharArray());
    }

    static Template[] all(String... patterns) {
        Template[] templates = new Template[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            templates[i] = of(patterns[i]);
        }
        return templates;
    }

    void write(Slots values, StringBuilder out) {
        for (int i = 0; i < literals.length; i++) {
            out.append(literals[i]);
            if (slots[i] != '\0') {
                values.fill(slots[i], out);
            }
        }
    }
}
