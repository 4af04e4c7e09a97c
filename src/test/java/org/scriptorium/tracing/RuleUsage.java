package org.scriptorium.tracing;

import java.io.IOException;
import java.util.List;

/** Test-scope main: for each rule of the current set, how often each form stands in the corpus where the rule allows it, with examples. */
public final class RuleUsage {
    public static void main(String[] args) throws IOException {
        List<String> paragraphs = AttestationCorpus.paragraphs();
        for (VariationRules.Curated c : VariationRules.current().curated()) {
            StringBuilder line = new StringBuilder(c.rule().id());
            for (String form : List.of(c.rule().form0(), c.rule().form1())) {
                int n = 0;
                StringBuilder ex = new StringBuilder();
                for (String p : paragraphs) {
                    for (int i = p.indexOf(form); i >= 0; i = p.indexOf(form, i + 1)) {
                        if (VariationSites.allowedAt(c, form, p, i)) {
                            if (n < 3) {
                                ex.append(" «").append(p, Math.max(0, i - 6), Math.min(p.length(), i + form.length() + 6)).append('»');
                            }
                            n++;
                        }
                    }
                }
                line.append("\t").append(form).append("=").append(n).append(ex);
            }
            System.out.println(line);
        }
    }
}
