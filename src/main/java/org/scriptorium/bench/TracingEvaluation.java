package org.scriptorium.bench;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.common.Ids;
import org.scriptorium.delivery.DocxWriter;
import org.scriptorium.delivery.FileTrace;
import org.scriptorium.library.Block;
import org.scriptorium.library.StructureParser;
import org.scriptorium.tracer.AccusationBound;
import org.scriptorium.tracing.FragileMark;
import org.scriptorium.tracing.Marks;
import org.scriptorium.tracing.Prf;
import org.scriptorium.tracer.SourceFinder;
import org.scriptorium.tracing.TardosCode;
import org.scriptorium.tracing.TextMarks;
import org.scriptorium.tracing.VariationSite;
import org.scriptorium.tracing.VariationSites;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-trace}: simulates N members (default 10,000) receiving personalised copies of
 * generated materials, leaks them in the ways resellers do, traces every leak with the same layers and rules as the
 * product, and prints how often the leaker is named, how often an innocent member is, and the bounds. A benchmark, not a
 * test: it takes minutes.
 */
@Component
@Order(1)
class TracingEvaluation implements ApplicationRunner {

    static final String NAME = "bench-trace";
    private static final double THRESHOLD = 1e-6;

    private final Marks marks;

    TracingEvaluation(Marks marks) {
        this.marks = marks;
    }

    /**
     * Median nanoseconds of {@code a} and of {@code b}, run in turn 1,000 times each after 1,000 warm-up rounds, so
     * that both meet the same compiled code, caches and garbage collector.
     */
    private static long[][] alternately(java.util.function.IntSupplier a, java.util.function.IntSupplier b) {
        long sink = 0;
        for (int i = 0; i < 1_000; i++) {
            sink += a.getAsInt() + b.getAsInt();
        }
        long[] ta = new long[1_000];
        long[] tb = new long[1_000];
        for (int i = 0; i < ta.length; i++) {
            long start = System.nanoTime();
            sink += a.getAsInt();
            long middle = System.nanoTime();
            sink += b.getAsInt();
            tb[i] = System.nanoTime() - middle;
            ta[i] = middle - start;
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        return new long[][] {{ta[ta.length / 2], sink}, {tb[tb.length / 2], sink}};
    }

    /**
     * What personalising costs through the product's own path ({@link Marks#mark}: the revision's sites, each member's
     * Tardos symbols, the invisible payloads), against delivering the same text unmarked, in the same run: a material
     * of 10,000 characters made of generated paragraphs, as text and as DOCX (see {@link #alternately}).
     * A revision's sites are chosen on its first copy and kept; choosing them is timed apart.
     */
    void cost() {
        SpeechCorpus corpus = new SpeechCorpus(20261129L);
        StructureParser parser = new StructureParser();
        List<String> p = new ArrayList<>();
        int chars = 0;
        for (int i = 0; chars < 10_000; i++) {
            for (Block b : parser.parse(corpus.document(i).text()).blocks()) {
                if (chars >= 10_000) {
                    break;
                }
                p.add(b.text());
                chars += b.text().length();
            }
        }
        String materialId = "cost-" + Ids.newId();
        DocxWriter docx = new DocxWriter();
        Prf prf = new Prf(new byte[32]);
        long[] choose = Run.time(() -> VariationSites.choose(p, prf, materialId + ":1", Set.of(), Marks.MAX_SITES).size());
        long[][] text = alternately(() -> String.join("\n", p).length(),
                () -> String.join("\n", marks.mark(materialId, 1, p, 4242).paragraphs()).length());
        long[] plainText = text[0];
        long[] markedText = text[1];
        long[][] docxTimes = alternately(() -> docx.write(Run.document(p)).length, () -> {
            Marks.MarkedCopy copy = marks.mark(materialId, 1, p, 4242);
            return docx.write(Run.document(copy.paragraphs()), new FileTrace(copy.fileToken())).length;
        });
        long[] plainDocx = docxTimes[0];
        long[] markedDocx = docxTimes[1];
        System.out.printf(Locale.ROOT, "Cost of personalising a %,d-character material (%d sites), medians of 1,000 alternating runs:%n",
                chars, marks.mark(materialId, 1, p, 4242).sites());
        System.out.printf(Locale.ROOT, "| copy | unmarked | personalised | difference |%n|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| text / HTML | %.3f ms | %.3f ms | %.3f ms |%n", plainText[0] / 1e6, markedText[0] / 1e6, (markedText[0] - plainText[0]) / 1e6);
        System.out.printf(Locale.ROOT, "| DOCX | %.2f ms | %.2f ms | %.2f ms |%n", plainDocx[0] / 1e6, markedDocx[0] / 1e6, (markedDocx[0] - plainDocx[0]) / 1e6);
        System.out.printf(Locale.ROOT, "Choosing the revision's sites (first copy of a revision only): %.2f ms%n", choose[0] / 1e6);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int members = intOption(args, "eval.members", 10_000);
        int trials = intOption(args, "eval.trials", 20);
        int bundleTrials = intOption(args, "eval.bundle-trials", 5);
        int ocrTrials = intOption(args, "eval.ocr-trials", 10);
        Run run = new Run(members, 60, 20261129L);
        List<String> only = args.getOptionValues("eval.only");
        run.only = only == null || only.isEmpty() ? "" : only.getFirst();
        if (run.only.isEmpty()) {
            cost();
        }
        if (intOption(args, "eval.cost-only", 0) == 0) {
            run.all(trials, bundleTrials, ocrTrials);
        }
    }

    private static int intOption(ApplicationArguments args, String name, int fallback) {
        List<String> v = args.getOptionValues(name);
        return v == null || v.isEmpty() ? fallback : Integer.parseInt(v.getFirst());
    }

    /** One evaluation over a fixed library of generated materials. */
    static final class Run {
        final int members;
        final Prf prf;
        final TardosCode code;
        final List<List<String>> paragraphs = new ArrayList<>();
        final List<List<VariationSite>> sites = new ArrayList<>();
        final SourceFinder finder = new SourceFinder();
        final SplittableRandom random;
        /** Runs only the scenarios whose name starts with this (empty: all). */
        String only = "";

        Run(int members, int materials, long seed) {
            this.members = members;
            this.random = new SplittableRandom(seed);
            byte[] key = new byte[32];
            random.nextBytes(key);
            this.prf = new Prf(key);
            this.code = new TardosCode(prf, TardosCode.DEFAULT_CUTOFF);
            SpeechCorpus corpus = new SpeechCorpus(seed);
            StructureParser parser = new StructureParser();
            for (int i = 0; i < materials; i++) {
                List<String> p = parser.parse(corpus.document(i).text()).paragraphs();
                paragraphs.add(p);
                sites.add(VariationSites.choose(p, prf, key(i), Set.of(), 400));
                finder.add(key(i), String.join("\n", p));
            }
        }

        static String key(int material) {
            return "doc" + material + ":1";
        }

        String position(int material, VariationSite s) {
            return key(material) + "#" + s.rule() + "@" + s.paragraph() + ":" + s.offset();
        }

        /** The member's copy: robust symbols, invisible payloads and the visible notice line. */
        List<String> copy(int member, int material) {
            List<VariationSite> s = sites.get(material);
            boolean[] symbols = new boolean[s.size()];
            for (int i = 0; i < symbols.length; i++) {
                symbols[i] = code.symbol("m" + member, position(material, s.get(i)));
            }
            List<String> marked = TextMarks.apply(paragraphs.get(material), s, symbols);
            List<String> withFragile = new ArrayList<>(FragileMark.embedAll(marked, prf, member, material));
            withFragile.add("仅供学习 禁止外传 · 笔杆子文库 · 会员 " + member);
            return withFragile;
        }

        /** Who the tracer names for a leak: members whose union-bounded false-accusation chance is below the threshold. */
        Outcome trace(String leak) {
            List<Integer> found = new ArrayList<>();
            for (SourceFinder.SourceMatch m : finder.find(leak)) {
                found.add(Integer.parseInt(m.revisionKey().substring(3, m.revisionKey().indexOf(':'))));
            }
            List<String> positions = new ArrayList<>();
            List<Boolean> observed = new ArrayList<>();
            for (int material : found) {
                List<VariationSite> s = sites.get(material);
                for (TextMarks.SiteRead read : TextMarks.read(paragraphs.get(material), s, leak)) {
                    positions.add(position(material, s.get(read.site())));
                    observed.add(read.observed());
                }
            }
            double[] q = new double[positions.size()];
            double[] bias = new double[positions.size()];
            for (int i = 0; i < q.length; i++) {
                bias[i] = code.bias(positions.get(i));
                q[i] = observed.get(i) ? bias[i] : 1 - bias[i];
            }
            // Every member's score, on both cores. The q values are the same for every member, so the bound is one
            // decreasing function of the score: compute it for the best score, and find the score the threshold needs.
            double[] scores = java.util.stream.IntStream.range(0, members).parallel().mapToDouble(m -> {
                double score = 0;
                String member = "m" + m;
                for (int i = 0; i < q.length; i++) {
                    score += TardosCode.score(observed.get(i), code.symbol(member, positions.get(i)), bias[i]);
                }
                return score;
            }).toArray();
            double needed = scoreNeeded(q);
            Set<Integer> named = new HashSet<>();
            double top = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < members; m++) {
                top = Math.max(top, scores[m]);
                if (scores[m] >= needed) {
                    named.add(m);
                }
            }
            double best = top > 0 ? Math.min(1, AccusationBound.falseAccusation(top, q) * members) : 1;
            for (FragileMark.Payload p : FragileMark.read(leak, prf)) {
                named.add((int) p.memberNumber());
                best = Math.min(best, Math.pow(2, -32) * members);
            }
            return new Outcome(named, best, positions.size(), found.size());
        }

        /** The lowest score whose union-bounded false-accusation chance is at most the threshold (bisection). */
        double scoreNeeded(double[] q) {
            if (q.length == 0) {
                return Double.POSITIVE_INFINITY;
            }
            double low = 0;
            double high = 1;
            while (AccusationBound.falseAccusation(high, q) * members > THRESHOLD) {
                high *= 2;
                if (high > 1e7) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            for (int i = 0; i < 40; i++) {
                double mid = (low + high) / 2;
                if (AccusationBound.falseAccusation(mid, q) * members > THRESHOLD) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            return high;
        }

        record Outcome(Set<Integer> named, double bestBound, int positions, int materialsFound) {
        }

        static org.scriptorium.delivery.DeliveredDocument document(List<String> p) {
            return new org.scriptorium.delivery.DeliveredDocument("标题", p.stream()
                    .map(t -> new org.scriptorium.delivery.DeliveredParagraph(org.scriptorium.delivery.DeliveredParagraph.Style.BODY, t))
                    .toList(), "仅供学习 禁止外传");
        }

        /** Median nanoseconds of 300 runs after 300 warm-up runs. */
        static long[] time(java.util.function.IntSupplier work) {
            long sink = 0;
            for (int i = 0; i < 300; i++) {
                sink += work.getAsInt();
            }
            long[] t = new long[300];
            for (int i = 0; i < t.length; i++) {
                long start = System.nanoTime();
                sink += work.getAsInt();
                t[i] = System.nanoTime() - start;
            }
            Arrays.sort(t);
            return new long[] {t[150], sink};
        }

        /** The leakers and materials of one trial. */
        final class Trial {
            final List<Integer> leakers;
            final List<Integer> materials;

            Trial(List<Integer> leakers, List<Integer> materials) {
                this.leakers = leakers;
                this.materials = materials;
            }

            /** The first leaker's full copy of the first material. */
            List<String> copy() {
                return Run.this.copy(leakers.getFirst(), materials.getFirst());
            }

            /** The first leaker's copies of every material as the product's PDFs, without their file traces. */
            List<byte[]> pdfs() {
                List<byte[]> out = new ArrayList<>();
                for (int material : materials) {
                    List<String> c = Run.this.copy(leakers.getFirst(), material);
                    out.add(PDF.write(document(c.subList(0, c.size() - 1)), null));
                }
                return out;
            }

            /**
             * Every material merged from the leakers' copies and sanitised: strategy 1 takes the majority form at each
             * site (ties at random), 2 a random leaker's form at each site, 3 whole paragraphs from leakers in turn.
             */
            String merged(int strategy) {
                StringBuilder out = new StringBuilder();
                for (int material : materials) {
                    List<VariationSite> s = sites.get(material);
                    boolean[] symbols = new boolean[s.size()];
                    for (int i = 0; i < symbols.length; i++) {
                        String position = position(material, s.get(i));
                        int ones = 0;
                        for (int leaker : leakers) {
                            ones += code.symbol("m" + leaker, position) ? 1 : 0;
                        }
                        symbols[i] = switch (strategy) {
                            case 1 -> 2 * ones == leakers.size() ? random.nextBoolean() : 2 * ones > leakers.size();
                            case 2 -> code.symbol("m" + leakers.get(random.nextInt(leakers.size())), position);
                            default -> code.symbol("m" + leakers.get(s.get(i).paragraph() % leakers.size()), position);
                        };
                    }
                    out.append(sanitise(String.join("\n", TextMarks.apply(paragraphs.get(material), s, symbols)))).append('\n');
                }
                return out.toString();
            }
        }

        /** Runs a scenario: each trial picks leakers and materials, builds the leak, traces it, and tallies. */
        void scenario(String name, int trials, int colluders, int bundle, Function<Trial, String> leak) {
            scenario(name, trials, colluders, bundle, 0, leak);
        }

        /** As above, choosing only materials of at least {@code minCharacters}. */
        void scenario(String name, int trials, int colluders, int bundle, int minCharacters, Function<Trial, String> leak) {
            if (!name.startsWith(only)) {
                return;
            }
            int identified = 0;
            int innocents = 0;
            List<Double> bounds = new ArrayList<>();
            List<Integer> read = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < trials; t++) {
                List<Integer> leakers = new ArrayList<>();
                while (leakers.size() < colluders) {
                    int m = random.nextInt(members);
                    if (!leakers.contains(m)) {
                        leakers.add(m);
                    }
                }
                List<Integer> chosen = new ArrayList<>();
                while (chosen.size() < bundle) {
                    int m = random.nextInt(paragraphs.size());
                    if (!chosen.contains(m) && characters(m) >= minCharacters) {
                        chosen.add(m);
                    }
                }
                Outcome o = trace(leak.apply(new Trial(leakers, chosen)));
                if (o.named().stream().anyMatch(leakers::contains)) {
                    identified++;
                }
                if (o.named().stream().anyMatch(n -> !leakers.contains(n))) {
                    innocents++;
                }
                bounds.add(o.bestBound());
                read.add(o.positions());
            }
            Collections.sort(bounds);
            Collections.sort(read);
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.0f%% | %d | %.1e | %d | %.0f s |%n", name, colluders, bundle,
                    trials, 100.0 * identified / trials, innocents, bounds.get(bounds.size() / 2), read.get(read.size() / 2),
                    (System.nanoTime() - start) / 1e9);
        }

        void all(int trials, int bundleTrials, int ocrTrials) {
            System.out.printf("Tracing evaluation: %,d members, %d materials, threshold %.0e overall%n", members, paragraphs.size(), THRESHOLD);
            System.out.printf("Sites per material (median): %d; theoretical code length for ε₁ = 1e-11: c=1 %.0f, c=2 %.0f, c=3 %.0f, c=4 %.0f%n",
                    sites.stream().mapToInt(List::size).sorted().toArray()[sites.size() / 2],
                    TardosCode.theoreticalLength(1, 1e-11), TardosCode.theoreticalLength(2, 1e-11),
                    TardosCode.theoreticalLength(3, 1e-11), TardosCode.theoreticalLength(4, 1e-11));
            System.out.println("| leak | colluders | materials | trials | leaker named | trials naming an innocent | median bound | median positions read | time |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            scenario("(a) 200-character excerpt", trials, 1, 1, t -> excerpt(String.join("\n", t.copy()), 200));
            scenario("(b) whole copy, notice removed", trials, 1, 1, t -> withoutNotice(t.copy()));
            scenario("(c) sanitised copy", trials, 1, 1, t -> sanitise(withoutNotice(t.copy())));
            scenario("(c) sanitised 5,000-character document", trials, 1, 1, 5_000,
                    t -> sanitise(firstCharacters(t.copy(), 5_000)));
            scenario("(d) PDF, text extracted", trials, 1, 1, t -> viaPdf(t.copy()));
            scenario("(f) shuffled, half deleted", trials, 1, 1, t -> shuffledHalf(t.copy()));
            scenario("(c) sanitised, bundle of 10", bundleTrials, 1, 10, t -> t.merged(1));
            if (Ocr.available()) {
                scenario("(e) OCR of the PDF, single copy", ocrTrials, 1, 1, t -> Ocr.read(t.pdfs()));
                scenario("(e) OCR of the PDF, bundle of 10", ocrTrials, 1, 10, t -> Ocr.read(t.pdfs()));
            } else {
                System.out.println("(e) skipped: tesseract with chi_sim is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)");
            }
            for (int colluders = 2; colluders <= 4; colluders++) {
                for (int bundle : new int[] {1, 10, 50}) {
                    int n = bundle == 1 ? trials : bundleTrials;
                    scenario("(g) majority", n, colluders, bundle, t -> t.merged(1));
                    scenario("(g) random", n, colluders, bundle, t -> t.merged(2));
                    scenario("(g) interleaved paragraphs", n, colluders, bundle, t -> t.merged(3));
                }
            }
        }

        String excerpt(String text, int length) {
            int visible = text.length();
            int from = random.nextInt(Math.max(1, visible - length * 2));
            return text.substring(from, Math.min(text.length(), from + length + countInvisible(text, from, length)));
        }

        private static int countInvisible(String text, int from, int length) {
            int extra = 0;
            for (int i = from; i < Math.min(text.length(), from + length + extra); i++) {
                if (Character.getType(text.charAt(i)) == Character.FORMAT) {
                    extra++;
                }
            }
            return extra;
        }

        /** The copy as the product's PDF (A4, embedded CJK font) and its text extracted again, as a reseller would. */
        static String viaPdf(List<String> copy) {
            try {
                byte[] pdf = PDF.write(document(copy.subList(0, copy.size() - 1)), null);
                try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                    return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static final org.scriptorium.delivery.PdfWriter PDF = org.scriptorium.delivery.PdfWriter.defaultFont()
                .map(org.scriptorium.delivery.PdfWriter::new).orElse(null);

        int characters(int material) {
            return String.join("", paragraphs.get(material)).length();
        }

        /** The copy's first whole paragraphs that reach {@code count} characters, without the notice line. */
        static String firstCharacters(List<String> copy, int count) {
            StringBuilder out = new StringBuilder();
            int visible = 0;
            for (String p : copy.subList(0, copy.size() - 1)) {
                if (visible >= count) {
                    break;
                }
                out.append(p).append('\n');
                visible += (int) p.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).count();
            }
            return out.toString();
        }

        static String withoutNotice(List<String> copy) {
            return String.join("\n", copy.subList(0, copy.size() - 1));
        }

        /** NFKC with case folding, invisible and format characters removed, whitespace collapsed. */
        static String sanitise(String text) {
            String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            StringBuilder out = new StringBuilder(folded.length());
            folded.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).forEach(out::appendCodePoint);
            return out.toString().replaceAll("[ \\t\\u3000]+", " ");
        }

        String shuffledHalf(List<String> copy) {
            List<String> body = new ArrayList<>(copy.subList(0, copy.size() - 1));
            Collections.shuffle(body, new java.util.Random(random.nextLong()));
            return sanitise(String.join("\n", body.subList(0, body.size() / 2)));
        }
    }

    /**
     * OCR as a reseller retyping a PDF would do it: each page rendered to a 300 dpi greyscale image with PDFBox and
     * read back by tesseract with its simplified Chinese model, pages on every core.
     */
    static final class Ocr {

        private Ocr() {
        }

        static boolean available() {
            try {
                Process p = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
                String langs = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return p.waitFor() == 0 && langs.lines().anyMatch(l -> l.strip().equals("chi_sim"));
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static String read(List<byte[]> pdfs) {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ocr");
                List<java.nio.file.Path> pages = new ArrayList<>();
                for (byte[] pdf : pdfs) {
                    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                        org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(doc);
                        for (int i = 0; i < doc.getNumberOfPages(); i++) {
                            java.nio.file.Path png = dir.resolve(pages.size() + ".png");
                            javax.imageio.ImageIO.write(renderer.renderImageWithDPI(i, 300,
                                    org.apache.pdfbox.rendering.ImageType.GRAY), "png", png.toFile());
                            pages.add(png);
                        }
                    }
                }
                List<String> text = pages.parallelStream().map(Ocr::tesseract).toList();
                for (java.nio.file.Path png : pages) {
                    java.nio.file.Files.deleteIfExists(png);
                }
                java.nio.file.Files.deleteIfExists(dir);
                return String.join("\n", text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static String tesseract(java.nio.file.Path png) {
            try {
                ProcessBuilder builder = new ProcessBuilder("tesseract", png.toString(), "stdout", "-l", "chi_sim")
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                // One thread each: pages already run on every core, and tesseract's own threads would only contend.
                builder.environment().put("OMP_THREAD_LIMIT", "1");
                Process p = builder.start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                p.waitFor();
                return out;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
