package org.scriptorium.tracing;

import java.util.List;
import java.util.Optional;

/** Where a rule's form stands in the attestation corpus in a context the rule allows. */
final class Attestation {

    private Attestation() {
    }

    /** A passage of {@code paragraph} around {@code form} at {@code at}. */
    record Found(String paragraph, int at, String passage) {
    }

    /**
     * Whether the rule allows {@code form} at {@code at} of {@code text} (its direction aside), and no longer form of the
     * set starts there (大幅 inside 大幅度 is not an occurrence of 大幅).
     */
    static boolean allowedOccurrence(VariationRules rules, VariationRules.Curated c, String form, String text, int at) {
        if (!text.startsWith(form, at) || !VariationSites.allowedAt(c, form, text, at)) {
            return false;
        }
        return rules.formsStartingWith(form.charAt(0)).stream()
                .noneMatch(f -> f.text().length() > form.length() && text.startsWith(f.text(), at));
    }

    /** The first allowed occurrence of {@code form} in the paragraphs, with up to {@code margin} characters each side. */
    static Optional<Found> first(VariationRules rules, VariationRules.Curated c, String form, List<String> paragraphs,
                                 int margin) {
        for (String p : paragraphs) {
            for (int i = p.indexOf(form); i >= 0; i = p.indexOf(form, i + 1)) {
                if (allowedOccurrence(rules, c, form, p, i)) {
                    return Optional.of(new Found(p, i, p.substring(Math.max(0, i - margin),
                            Math.min(p.length(), i + form.length() + margin))));
                }
            }
        }
        return Optional.empty();
    }

    /** Test-scope main: prints, per rule of the current set, a passage for each form ({@code id \t passage0 \t passage1}). */
    public static void main(String[] args) {
        VariationRules rules = VariationRules.current();
        for (VariationRules.Curated c : rules.curated()) {
            StringBuilder line = new StringBuilder(c.rule().id());
            for (String form : List.of(c.rule().form0(), c.rule().form1())) {
                line.append('\t').append(first(rules, c, form, AttestationCorpus.paragraphs(), 6).map(Found::passage)
                        .orElse("-"));
            }
            System.out.println(line);
        }
    }
}
