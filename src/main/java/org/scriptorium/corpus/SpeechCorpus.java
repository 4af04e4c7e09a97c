package org.scriptorium.corpus;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A seeded, endless corpus of speech-like Chinese official documents for tests and benchmarks.
 * Document {@code i} depends only on the seed and {@code i}, so any slice can be generated lazily, in
 * any order and in parallel. Plain Java, immutable and thread-safe.
 */
public final class SpeechCorpus {

    /** The fixed "now" of every corpus: documents are published in the eight years before it. */
    public static final Instant REFERENCE = Instant.parse("2026-11-01T00:00:00Z");

    /** The kinds a corpus produces, in no particular order. */
    public static final List<String> KINDS = List.of("讲话稿", "工作报告", "总结", "方案", "心得体会", "主持词", "调研报告");

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    /** A corpus whose documents are fully determined by {@code seed}. */
    public SpeechCorpus(long seed) {
        this.seed = seed;
    }

    /**
     * The document at {@code index}: the same seed and index always give an equal document, whatever
     * else was generated before. Its text has 2,000 to 10,000 non-whitespace characters (mostly
     * 3,000–5,000), a title the {@code StructureParser} recognises, three to five {@code 一、} sections,
     * enumerated points, placeholders in about a third of documents and a source notice in about one
     * in ten.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public GeneratedDocument document(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        // mixing seed and index through splitmix64 keeps neighbouring indexes and seeds uncorrelated
        long documentSeed = mix(mix(seed) + (index + 1) * GOLDEN);
        return new Composition(index, new SplittableRandom(documentSeed)).compose();
    }

    /**
     * Documents {@code [0, count)} in index order, each generated only when the stream reaches it; call
     * {@code parallel()} on the result to generate on several cores.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public Stream<GeneratedDocument> documents(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return LongStream.range(0, count).mapToObj(this::document);
    }

    /** The splitmix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
