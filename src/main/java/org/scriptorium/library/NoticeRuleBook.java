package org.scriptorium.library;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The notice rules in force: the reviewed built-in list ({@code library/notice-rules.tsv}) followed by the operator's
 * own. Imports read {@link #current()} once per document; a revision keeps what was cleaned with the rules of its day.
 */
@Component
public class NoticeRuleBook {

    private static final List<NoticeRule> BUILT_IN = load("/library/notice-rules.tsv");

    /** The rules to clean a document with now. */
    public List<NoticeRule> current() {
        return BUILT_IN;
    }

    /** The reviewed built-in rules, in file order. */
    public static List<NoticeRule> builtIn() {
        return BUILT_IN;
    }

    /**
     * Reads a rule list: one rule a line, tab-separated {@code id scope regex reason example…}; lines starting with
     * {@code #} and blank lines are comments. The examples are for the tests, which check that every rule matches each
     * of its examples.
     */
    static List<NoticeRule> load(String resource) {
        List<NoticeRule> rules = new ArrayList<>();
        for (String[] f : rows(resource)) {
            rules.add(new NoticeRule(f[0], NoticeRule.Scope.valueOf(f[1]), f[2], true, f[3], true));
        }
        return List.copyOf(rules);
    }

    /** Each rule's examples (the fields after the reason), by rule id, for tests. */
    static List<List<String>> examples(String resource) {
        return rows(resource).stream().map(f -> List.of(f).subList(Math.min(4, f.length), f.length)).toList();
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = NoticeRuleBook.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 4) {
                    throw new IllegalStateException(resource + ": a rule needs id, scope, regex and reason: " + line);
                }
                rows.add(f);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
