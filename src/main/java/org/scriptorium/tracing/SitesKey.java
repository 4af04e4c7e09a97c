package org.scriptorium.tracing;

/**
 * Names the sites a recipient's copies of a revision carry: the rule set they were made under and how many of the
 * material's vetoes (oldest first) were in force at their first copy. Written {@code "r2v3"}.
 *
 * @param rules  the rule set's number ({@link VariationRules#VERSIONS})
 * @param vetoes how many vetoes of the material's history count
 */
public record SitesKey(int rules, int vetoes) {

    /** The key as the tracer passes it around. */
    @Override
    public String toString() {
        return "r" + rules + "v" + vetoes;
    }

    /**
     * Reads {@link #toString()}'s form.
     *
     * @throws IllegalArgumentException if {@code text} is not of that form
     */
    public static SitesKey parse(String text) {
        int v = text.indexOf('v');
        if (!text.startsWith("r") || v < 2) {
            throw new IllegalArgumentException("not a sites key: " + text);
        }
        return new SitesKey(Integer.parseInt(text.substring(1, v)), Integer.parseInt(text.substring(v + 1)));
    }
}
