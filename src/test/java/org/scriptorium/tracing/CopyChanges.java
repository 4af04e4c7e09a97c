package org.scriptorium.tracing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scriptorium.library.StructureParser;

/**
 * Test-scope main: the changes one member's copy of a real document carries under the current rule set, each with
 * its context, so that a reader can judge them ({@code CopyChanges <file> [member number]}).
 */
public final class CopyChanges {

    public static void main(String[] args) throws IOException {
        List<String> paragraphs = new StructureParser().parse(Files.readString(Path.of(args[0]))).paragraphs();
        long member = args.length > 1 ? Long.parseLong(args[1]) : 100_001L;
        Prf prf = new Prf(new byte[32]);
        TardosCode code = new TardosCode(prf, TardosCode.DEFAULT_CUTOFF);
        String revisionKey = "sample:1";
        List<VariationSite> sites = VariationSites.choose(paragraphs, prf, revisionKey, Set.of(), Marks.MAX_SITES);
        int chars = paragraphs.stream().mapToInt(String::length).sum();
        int changed = 0;
        StringBuilder rows = new StringBuilder();
        for (VariationSite s : sites) {
            if (!code.symbol(Marks.memberKey(member), Marks.positionKey(revisionKey, s))) {
                continue;
            }
            changed++;
            String p = paragraphs.get(s.paragraph());
            String before = p.substring(Math.max(0, s.offset() - 10), s.offset());
            String after = p.substring(s.offset() + s.form0().length(),
                    Math.min(p.length(), s.offset() + s.form0().length() + 10));
            rows.append(String.format(Locale.ROOT, "| %d | %s**%s**%s | %s**%s**%s |%n", changed, before, s.form0(), after,
                    before, s.form1(), after));
        }
        System.out.printf(Locale.ROOT, "%s: %,d characters, %d sites, %d changed in member %d's copy%n%n",
                Path.of(args[0]).getFileName(), chars, sites.size(), changed, member);
        System.out.println("| # | original | member's copy |");
        System.out.println("|---|---|---|");
        System.out.print(rows);
    }
}
