package org.scriptorium.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores a search against a judged query set: for each query, where the first expected material comes among the
 * first {@value #DEPTH} hits. A query counts as a hit at k when ANY of its expected materials is among the first k
 * (several are listed where several are equally right). Plain Java, shared by {@code bench-relevance} and the test.
 */
final class RelevanceEvaluation {

    /** How many hits are read per query: MRR counts a first expected hit below this rank as 0. */
    static final int DEPTH = 10;

    private RelevanceEvaluation() {
    }

    /**
     * One judged query.
     *
     * @param expected material keys ({@code real:A01}, {@code demo:07}, {@code gen:42}) of which one must be in the top 3
     * @param category what kind of query it is (unspaced, topic+文种, year …), for figures per category
     */
    record JudgedQuery(String query, Set<String> expected, String category, String note) {

        public JudgedQuery {
            expected = Set.copyOf(expected);
        }
    }

    /**
     * What one search gave for one judged query.
     *
     * @param ranked the keys of the first {@value #DEPTH} hits, best first
     * @param rank   1-based rank of the first expected key among them, 0 when none is there
     */
    record Outcome(JudgedQuery query, List<String> ranked, int rank) {

        boolean hitAt(int k) {
            return rank > 0 && rank <= k;
        }
    }

    /** Aggregates over a set of outcomes; rates are fractions from 0 to 1. */
    record Metrics(int queries, double hitsAt1, double hitsAt3, double mrr, double zeroResultRate) {

        static Metrics of(List<Outcome> outcomes) {
            int n = outcomes.size();
            if (n == 0) {
                return new Metrics(0, 0, 0, 0, 0);
            }
            return new Metrics(n,
                    outcomes.stream().filter(o -> o.hitAt(1)).count() / (double) n,
                    outcomes.stream().filter(o -> o.hitAt(3)).count() / (double) n,
                    outcomes.stream().mapToDouble(o -> o.rank() == 0 ? 0 : 1.0 / o.rank()).sum() / n,
                    outcomes.stream().filter(o -> o.ranked().isEmpty()).count() / (double) n);
        }
    }

    /** The outcomes of one search over a judged set, in the set's order. */
    record Run(String name, List<Outcome> outcomes) {

        public Run {
            outcomes = List.copyOf(outcomes);
        }

        public Metrics overall() {
            return Metrics.of(outcomes);
        }

        /** Metrics per category, in the order categories first occur in the set. */
        public Map<String, Metrics> byCategory() {
            Map<String, List<Outcome>> groups = new LinkedHashMap<>();
            outcomes.forEach(o -> groups.computeIfAbsent(o.query().category(), c -> new ArrayList<>()).add(o));
            Map<String, Metrics> metrics = new LinkedHashMap<>();
            groups.forEach((category, list) -> metrics.put(category, Metrics.of(list)));
            return metrics;
        }
    }

    /**
     * Reads a judged set: a header row, then tab-separated query, expected keys (comma-separated), category and note.
     * Blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException for a row without a query, expected keys or category
     */
    static List<JudgedQuery> parse(String tsv) {
        List<JudgedQuery> queries = new ArrayList<>();
        boolean header = true;
        for (String line : tsv.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
                throw new IllegalArgumentException("A judged query needs query, expected and category: " + line);
            }
            Set<String> expected = new LinkedHashSet<>();
            Arrays.stream(f[1].split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(expected::add);
            queries.add(new JudgedQuery(f[0].strip(), expected, f[2].strip(), f.length > 3 ? f[3].strip() : ""));
        }
        return queries;
    }

    /** Runs every query through {@code search} (query → ranked keys, best first) and scores the first {@value #DEPTH}. */
    static Run run(String name, List<JudgedQuery> queries, Function<String, List<String>> search) {
        List<Outcome> outcomes = new ArrayList<>();
        for (JudgedQuery q : queries) {
            List<String> ranked = search.apply(q.query());
            ranked = ranked.subList(0, Math.min(DEPTH, ranked.size()));
            int rank = 0;
            for (int i = 0; i < ranked.size() && rank == 0; i++) {
                if (q.expected().contains(ranked.get(i))) {
                    rank = i + 1;
                }
            }
            outcomes.add(new Outcome(q, List.copyOf(ranked), rank));
        }
        return new Run(name, outcomes);
    }

    /**
     * The queries the product answers worse than the baseline under the per-query rule: the baseline has an expected
     * material in the top 3 and the product does not, or the baseline finds one in the first {@value #DEPTH} and the
     * product finds none there. (Moves within the top 3 are allowed: among equally right materials the order is
     * arbitrary.) Both runs must cover the same queries in the same order.
     */
    static List<Outcome[]> worse(Run product, Run baseline) {
        List<Outcome[]> worse = new ArrayList<>();
        for (int i = 0; i < product.outcomes().size(); i++) {
            Outcome p = product.outcomes().get(i);
            Outcome b = baseline.outcomes().get(i);
            boolean lostTop3 = b.hitAt(3) && !p.hitAt(3);
            boolean lost = b.rank() > 0 && p.rank() == 0;
            if (lostTop3 || lost) {
                worse.add(new Outcome[] {p, b});
            }
        }
        return worse;
    }

    /** Queries where the product's first expected hit is lower than the baseline's (any amount), for the report. */
    static List<Outcome[]> lower(Run product, Run baseline) {
        List<Outcome[]> lower = new ArrayList<>();
        for (int i = 0; i < product.outcomes().size(); i++) {
            Outcome p = product.outcomes().get(i);
            Outcome b = baseline.outcomes().get(i);
            if (b.rank() > 0 && (p.rank() == 0 || p.rank() > b.rank())) {
                lower.add(new Outcome[] {p, b});
            }
        }
        return lower;
    }

    /** A Markdown report: both runs overall and per category, then the queries where the product ranks lower. */
    static String table(Run product, Run baseline) {
        StringBuilder out = new StringBuilder();
        out.append("| category | queries | hits@1 ").append(product.name()).append(" / ").append(baseline.name())
                .append(" | hits@3 | MRR | zero results |\n|---|---|---|---|---|---|\n");
        row(out, "**all**", product.overall(), baseline.overall());
        Map<String, Metrics> baselineByCategory = baseline.byCategory();
        product.byCategory().forEach((category, metrics) -> row(out, category, metrics, baselineByCategory.get(category)));
        List<Outcome[]> lower = lower(product, baseline);
        out.append('\n').append(lower.size()).append(" queries where ").append(product.name())
                .append(" ranks an expected material lower than ").append(baseline.name())
                .append(lower.isEmpty() ? ".\n" : " (rank 0 = not in the first " + DEPTH + "):\n\n");
        if (!lower.isEmpty()) {
            out.append("| query | category | ").append(product.name()).append(" rank | ").append(baseline.name())
                    .append(" rank | ").append(product.name()).append(" top 3 |\n|---|---|---|---|---|\n");
            for (Outcome[] pair : lower) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s |%n", pair[0].query().query(),
                        pair[0].query().category(), pair[0].rank(), pair[1].rank(),
                        String.join(" ", pair[0].ranked().subList(0, Math.min(3, pair[0].ranked().size())))));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Metrics p, Metrics b) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", label, p.queries(),
                pair(p.hitsAt1(), b.hitsAt1(), true), pair(p.hitsAt3(), b.hitsAt3(), true),
                pair(p.mrr(), b.mrr(), false), pair(p.zeroResultRate(), b.zeroResultRate(), true)));
    }

    private static String pair(double p, double b, boolean percent) {
        return percent
                ? String.format(Locale.ROOT, "%.0f %% / %.0f %%", 100 * p, 100 * b)
                : String.format(Locale.ROOT, "%.2f / %.2f", p, b);
    }
}
