package org.scriptorium.corpus;

/**
 * Prints one generated document for eyeballing: {@code CorpusSample [index [seed]]} (defaults 0 and 1),
 * or {@code CorpusSample --time [count [seed]]} to measure single-threaded generation speed.
 */
public final class CorpusSample {

    private CorpusSample() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--time")) {
            long count = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
            long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
            time(new SpeechCorpus(seed), count);
            return;
        }
        long index = args.length > 0 ? Long.parseLong(args[0]) : 0;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        GeneratedDocument d = new SpeechCorpus(seed).document(index);
        System.out.println("# " + d.index() + " " + d.kind() + " " + d.topics() + " " + d.occasion() + " "
                + d.publishedAt() + (d.free() ? " FREE" : " MEMBER") + " " + d.text().length() + " chars");
        System.out.println(d.text());
    }

    private static void time(SpeechCorpus corpus, long count) {
        corpus.documents(Math.min(count, 2_000)).forEach(d -> { }); // warm up the JIT first
        long start = System.nanoTime();
        long chars = corpus.documents(count).mapToLong(d -> d.text().length()).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d documents, %d chars in %.2f s: %.0f documents/s on one thread, %.1f M chars/s%n",
                count, chars, seconds, count / seconds, chars / seconds / 1e6);
    }
}
