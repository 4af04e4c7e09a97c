package org.scriptorium.tracing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.scriptorium.library.StructureParser;

/**
 * Test-scope main: variation sites per 1,000 characters on the real documents (candidates, and the sites
 * {@link VariationSites#choose} takes with no cap), one row per document and a total.
 */
public final class SiteDensity {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/corpus/real");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        StructureParser parser = new StructureParser();
        Prf prf = new Prf(new byte[32]);
        long chars = 0, candidates = 0, chosen = 0, capped = 0;
        java.util.Map<String, Integer> byRule = new java.util.TreeMap<>();
        System.out.printf(Locale.ROOT, "| document | characters | candidates | per 1,000 | chosen | per 1,000 | chosen, at most %d | per 1,000 |%n|---|---|---|---|---|---|---|---|%n", Marks.MAX_SITES);
        for (Path f : files) {
            List<String> paragraphs = parser.parse(Files.readString(f)).paragraphs();
            int n = paragraphs.stream().mapToInt(String::length).sum();
            List<VariationSite> all = VariationSites.candidates(paragraphs);
            all.forEach(v -> byRule.merge(v.rule(), 1, Integer::sum));
            int c = all.size();
            int m = VariationSites.choose(paragraphs, prf, "density:" + f.getFileName(), Set.of(), Marks.MAX_SITES).size();
            capped += m;
            int k = VariationSites.choose(paragraphs, prf, "density:" + f.getFileName(), Set.of(), Integer.MAX_VALUE).size();
            chars += n;
            candidates += c;
            chosen += k;
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,d | %.1f | %,d | %.1f |%n",
                    f.getFileName().toString().substring(0, 3), n, c, 1000.0 * c / n, k, 1000.0 * k / n, m, 1000.0 * m / n);
        }
        System.out.printf(Locale.ROOT, "| **all %d** | %,d | %,d | **%.1f** | %,d | **%.1f** | %,d | **%.1f** |%n",
                files.size(), chars, candidates, 1000.0 * candidates / chars, chosen, 1000.0 * chosen / chars, capped,
                1000.0 * capped / chars);
        if (args.length > 1 && args[1].equals("--by-rule")) {
            byRule.forEach((rule, n) -> System.out.printf(Locale.ROOT, "%s\t%d%n", rule, n));
        }
    }
}
