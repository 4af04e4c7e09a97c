package org.scriptorium.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.library.Materials;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-relevance --scriptorium.data-dir=./bench-relevance-data
 * --bench.corpus=src/test/resources/corpus/real --bench.judged=src/test/resources/search/judged-queries.tsv}:
 * loads the real documents, the demo materials and {@code --bench.generated} (default 200) documents of the corpus
 * seeded with {@code --bench.seed} (default 20261206) into an empty library through the product's import, runs every
 * judged query through the product's search (as staff, first 10 hits) and through {@link BaselineSearch}, and prints
 * hits@1, hits@3, MRR and the zero-result rate of both, overall and per category, as a Markdown table.
 */
@Component
@Order(3)
class RelevanceBenchmark implements ApplicationRunner {

    static final String NAME = "bench-relevance";

    private final RelevanceLibrary library;
    private final Materials materials;
    private final ScriptoriumProperties properties;

    RelevanceBenchmark(RelevanceLibrary library, Materials materials, ScriptoriumProperties properties) {
        this.library = library;
        this.materials = materials;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        Path corpus = Path.of(option(args, "bench.corpus", "src/test/resources/corpus/real"));
        Path judged = Path.of(option(args, "bench.judged", "src/test/resources/search/judged-queries.tsv"));
        int generated = Integer.parseInt(option(args, "bench.generated", "200"));
        long seed = Long.parseLong(option(args, "bench.seed", "20261206"));
        if (!Files.isDirectory(corpus) || !Files.isRegularFile(judged)) {
            System.out.printf("No real documents at %s or no judged set at %s.%n", corpus, judged);
            return;
        }
        if (materials.count() > 0) {
            System.out.printf("The library at %s already holds %,d materials; run the benchmark on an empty data dir.%n",
                    properties.dataDir(), materials.count());
            return;
        }
        List<RelevanceEvaluation.JudgedQuery> queries = RelevanceEvaluation.parse(Files.readString(judged));
        long t0 = System.nanoTime();
        RelevanceLibrary.Loaded loaded = library.load(corpus, generated, seed);
        System.out.printf("Relevance benchmark: %d judged queries over %d materials (%s, demo, %d generated with seed %d), "
                + "loaded in %.0f s%n", queries.size(), loaded.keyById().size(), corpus, generated, seed,
                (System.nanoTime() - t0) / 1e9);
        loaded.titleByKey().forEach((key, title) -> {
            if (!key.startsWith("gen:")) {
                System.out.println("  " + key + " → " + title);
            }
        });
        BaselineSearch baseline = new BaselineSearch(loaded.textByKey());
        RelevanceEvaluation.Run product = RelevanceEvaluation.run("product", queries, q -> library.search(loaded, q));
        RelevanceEvaluation.Run floor = RelevanceEvaluation.run("baseline", queries,
                q -> baseline.search(q, RelevanceEvaluation.DEPTH));
        System.out.println();
        System.out.println(RelevanceEvaluation.table(product, floor));
        System.out.println("Per query (rank of the first expected material, 0 = not in the first 10):");
        for (int i = 0; i < queries.size(); i++) {
            System.out.printf("  %-28s product %2d  baseline %2d  product top 3: %s%n", queries.get(i).query(),
                    product.outcomes().get(i).rank(), floor.outcomes().get(i).rank(),
                    product.outcomes().get(i).ranked().stream().limit(3).toList());
        }
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
