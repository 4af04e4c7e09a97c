package org.scriptorium.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.Block;
import org.scriptorium.library.StructureParser;
import org.scriptorium.tracing.Marks;
import org.scriptorium.tracing.Prf;
import org.scriptorium.tracing.VariationSite;
import org.scriptorium.tracing.VariationSites;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-sites}: times choosing a revision's variation sites
 * ({@link VariationSites#choose}, what a revision's first copy waits for) on generated texts of growing length, and
 * prints the CPU time it took and a fingerprint of the sites chosen, so that runs of two builds show whether they choose the same sites.
 */
@Component
class SiteChoosingBenchmark implements ApplicationRunner {

    static final String NAME = "bench-sites";

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        List<String> option = args.getOptionValues("bench.site-chars");
        String sizes = option == null || option.isEmpty() ? "10000,100000,500000,1000000" : option.getFirst();
        System.out.printf(Locale.ROOT, "| characters | paragraphs | candidates | sites | first run CPU ms | median of 3 later runs, CPU ms | sites fingerprint |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|%n");
        for (String size : sizes.split(",")) {
            measure(Integer.parseInt(size.trim()));
        }
    }

    private static void measure(int characters) {
        List<String> paragraphs = paragraphs(characters);
        Prf prf = new Prf(new byte[32]);
        // CPU time of this thread, not wall time: on a shared machine the wall clock also counts other processes.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] times = new long[4];
        List<VariationSite> sites = List.of();
        for (int i = 0; i < times.length; i++) {
            long start = threads.getCurrentThreadCpuTime();
            sites = VariationSites.choose(paragraphs, prf, "bench-sites:1", Set.of(), Marks.MAX_SITES);
            times[i] = threads.getCurrentThreadCpuTime() - start;
        }
        long[] later = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(later);
        System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %d | %,.0f | %,.0f | %08x |%n", paragraphs.stream()
                        .mapToInt(String::length).sum(), paragraphs.size(), VariationSites.candidates(paragraphs).size(),
                sites.size(), times[0] / 1e6, later[1] / 1e6, sites.hashCode());
    }

    /** Paragraphs of seeded generated speeches, one after another, until {@code characters} are reached. */
    static List<String> paragraphs(int characters) {
        SpeechCorpus corpus = new SpeechCorpus(20261129L);
        StructureParser parser = new StructureParser();
        List<String> paragraphs = new ArrayList<>();
        int chars = 0;
        for (int i = 0; chars < characters; i++) {
            for (Block b : parser.parse(corpus.document(i).text()).blocks()) {
                if (chars >= characters) {
                    break;
                }
                paragraphs.add(b.text());
                chars += b.text().length();
            }
        }
        return paragraphs;
    }
}
