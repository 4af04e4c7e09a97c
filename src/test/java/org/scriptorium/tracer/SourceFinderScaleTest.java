package org.scriptorium.tracer;

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
        int[] firsts = new int[leaks.length];
        for (int i = 0; i < leaks.length; i++) {
            int first = random.nextInt(INDEXED - 5);
            firsts[i] = first;
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
            String expected = "m" + firsts[i] + ":1";
            found += matches.stream().anyMatch(m -> m.revisionKey().equals(expected)) ? 1 : 0;
        }
        int falseMatches = 0;
        int excerptsFound = 0;
        for (int i = 0; i < 50; i++) {
            String unknown = texts[INDEXED + i];
            int from = random.nextInt(unknown.length() - 200);
            falseMatches += finder.find(unknown).size() + finder.find(unknown.substring(from, from + 200)).size();
            int document = random.nextInt(INDEXED);
            from = random.nextInt(texts[document].length() - 200);
            List<SourceFinder.SourceMatch> excerpt = finder.find(texts[document].substring(from, from + 200));
            excerptsFound += !excerpt.isEmpty() && excerpt.get(0).revisionKey().equals("m" + document + ":1") ? 1 : 0;
        }
        // text never indexed is searched in windows too: the slowest kind of leak, and the one most likely to mislead
        long unknownTotal = 0;
        long unknownWorst = 0;
        int excerptsInOtherText = 0;
        for (int i = 0; i < 40; i++) {
            String unknown = texts[INDEXED + i] + texts[INDEXED + (i + 1) % 50] + texts[INDEXED + (i + 2) % 50];
            unknown = unknown.substring(0, Math.min(10_000, unknown.length()));
            long t = System.nanoTime();
            falseMatches += finder.find(unknown).size();
            long took = System.nanoTime() - t;
            unknownTotal += took;
            unknownWorst = Math.max(unknownWorst, took);
            int document = random.nextInt(INDEXED);
            int from = random.nextInt(texts[document].length() - 800);
            int at = random.nextInt(5_000);
            String excerpt = texts[document].substring(from, from + 800);
            List<SourceFinder.SourceMatch> matches = finder.find(unknown.substring(0, at) + excerpt
                    + unknown.substring(at, 5_000));
            excerptsInOtherText += matches.stream()
                    .anyMatch(m -> m.revisionKey().equals("m" + document + ":1") && m.withinOtherText()) ? 1 : 0;
        }
        System.out.printf("SourceFinder at %,d revisions (%,d characters): indexed in %,d ms, holds about %,d MB;"
                + " find() on a 10,000-character leak: mean %.1f ms, worst %.1f ms; %d of 40 leaks found their first material;"
                + " find() on 10,000 characters never indexed: mean %.1f ms, worst %.1f ms;"
                + " %d of 50 200-character excerpts found; %d of 40 800-character excerpts inside 5,000 characters"
                + " never indexed found; %d false matches from 50 documents not indexed, whole and excerpted, and 40"
                + " 10,000-character texts%n", finder.size(), characters, indexing / 1_000_000, held / (1 << 20),
                total / 40 / 1e6, worst / 1e6, found, unknownTotal / 40 / 1e6, unknownWorst / 1e6, excerptsFound,
                excerptsInOtherText, falseMatches);
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
