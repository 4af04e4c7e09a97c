package org.scriptorium.tracing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.scriptorium.library.StructureParser;

/**
 * Test-scope main: variation sites per 1,000 characters on the real documents under every rule set, as candidates
 * ({@link VariationSites#candidates}), as the sites {@link VariationSites#choose} takes with no cap, and as it takes
 * them for a copy (at most {@link Marks#MAX_SITES}). {@code --by-rule} adds the current set's candidates per rule.
 */
public final class SiteDensity {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "src/test/resources/corpus/real");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        StructureParser parser = new StructureParser();
        Prf prf = new Prf(new byte[32]);
        StringBuilder header = new StringBuilder("| document | characters |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int v : VariationRules.VERSIONS) {
            header.append(String.format(Locale.ROOT, " set %d candidates | set %d chosen | set %d chosen ≤ %d |", v, v, v,
                    Marks.MAX_SITES));
            rule.append("---|---|---|");
        }
        System.out.println(header);
        System.out.println(rule);
        long chars = 0;
        long[][] totals = new long[VariationRules.VERSIONS.size()][3];
        Map<String, Integer> byRule = new TreeMap<>();
        for (Path f : files) {
            List<String> paragraphs = parser.parse(Files.readString(f)).paragraphs();
            int n = paragraphs.stream().mapToInt(String::length).sum();
            chars += n;
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d |",
                    f.getFileName().toString().substring(0, 3), n));
            for (int k = 0; k < VariationRules.VERSIONS.size(); k++) {
                VariationRules rules = VariationRules.version(VariationRules.VERSIONS.get(k));
                String key = "density:" + f.getFileName();
                List<VariationSite> candidates = VariationSites.candidates(paragraphs, rules);
                int[] counts = {candidates.size(),
                        VariationSites.choose(paragraphs, prf, key, Set.of(), Integer.MAX_VALUE, rules).size(),
                        VariationSites.choose(paragraphs, prf, key, Set.of(), Marks.MAX_SITES, rules).size()};
                for (int c = 0; c < 3; c++) {
                    totals[k][c] += counts[c];
                    row.append(String.format(Locale.ROOT, " %.1f |", 1000.0 * counts[c] / n));
                }
                if (rules.number() == VariationRules.CURRENT) {
                    candidates.forEach(s -> byRule.merge(s.rule(), 1, Integer::sum));
                }
            }
            System.out.println(row);
        }
        StringBuilder all = new StringBuilder(String.format(Locale.ROOT, "| **all %d** | %,d |", files.size(), chars));
        for (long[] t : totals) {
            for (long c : t) {
                all.append(String.format(Locale.ROOT, " **%.1f** |", 1000.0 * c / chars));
            }
        }
        System.out.println(all);
        if (List.of(args).contains("--by-rule")) {
            byRule.forEach((id, n) -> System.out.printf(Locale.ROOT, "%s\t%d%n", id, n));
        }
    }
}
