package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.corpus.SpeechCorpus;

/** One quick measurement at 10,000 revisions, printed rather than asserted: timings depend on the machine. */
class SourceFinderScaleTest {

    private static final int INDEXED = 10_000;

    @Test
    @DisplayName("at 10,000 revisions: memory held and the time of find() on a 10,000-character leak")
    void measure() {
        SpeechCorpus corpus = new SpeechCorpus(7L);
        String[] texts = IntStream.range(0, INDEXED + 50).parallel().mapToObj(i -> corpus.document(i).text())
                .toArray(String[]::new);
        long characters = 0;
        for (int i = 0; i < INDEXED; i++) {
            characters += texts[i].length();
        }
        long before = usedMemory();
        long start = System.nanoTime();
        SourceFinder finder = new SourceFinder();
        for (int i = 0; i < INDEXED; i++) {
            finder.add("m" + i + ":1", texts[i]);
        }
        long indexing = System.nanoTime() - start;
        long held = usedMemory() - before;

        Random random = new Random(11);
        String[] leaks = new String[60];
        for (int i = 0; i < leaks.length; i++) {
            int first = random.nextInt(INDEXED - 5);
            String bundle = texts[first] + texts[first + 1] + texts[first + 2] + texts[first + 3];
            leaks[i] = bundle.substring(0, Math.min(10_000, bundle.length()));
        }
        for (int i = 0; i < 20; i++) {
            finder.find(leaks[i]); // warm up
        }
        long worst = 0;
        long total = 0;
        int found = 0;
        for (int i = 20; i < leaks.length; i++) {
            long t = System.nanoTime();
            List<SourceFinder.SourceMatch> matches = finder.find(leaks[i]);
            long took = System.nanoTime() - t;
            total += took;
            worst = Math.max(worst, took);
            found += matches.isEmpty() ? 0 : 1;
        }
        int falseMatches = 0;
        for (int i = INDEXED; i < INDEXED + 50; i++) {
            falseMatches += finder.find(texts[i]).size();
        }
        System.out.printf("SourceFinder at %,d revisions (%,d characters): indexed in %,d ms, holds about %,d MB;"
                + " find() on a 10,000-character leak: mean %.1f ms, worst %.1f ms; %d of 40 leaks matched;"
                + " %d false matches from 50 documents not indexed%n", finder.size(), characters, indexing / 1_000_000,
                held / (1 << 20), total / 40 / 1e6, worst / 1e6, found, falseMatches);
        assertThat(finder.size()).isEqualTo(INDEXED);
    }

    private static long usedMemory() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
