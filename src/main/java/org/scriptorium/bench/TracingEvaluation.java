package org.scriptorium.bench;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.scriptorium.tracer.Leak;
import org.scriptorium.tracer.LeakTracer;
import org.scriptorium.tracer.TraceResult;
import org.scriptorium.tracing.Marks;
import org.scriptorium.tracing.Prf;
import org.scriptorium.tracing.TardosCode;
import org.scriptorium.tracing.VariationSite;
import org.scriptorium.tracing.VariationSites;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-trace}: simulates N members (default 10,000) receiving personalised copies of
 * generated materials ({@link TraceSimulation}), leaks them in the ways resellers do and in the ways a malicious
 * reporter would forge evidence, traces every leak with the product's {@link LeakTracer}, and prints how often the
 * leaker is named, how often an innocent member is, and the bounds. A benchmark, not a test: it takes minutes.
 */
@Component
@Order(1)
class TracingEvaluation implements ApplicationRunner {

    static final String NAME = "bench-trace";

    private final Marks marks;

    TracingEvaluation(Marks marks) {
        this.marks = marks;
    }

    /**
     * Median nanoseconds of {@code a} and of {@code b}, run in turn 1,000 times each after 1,000 warm-up rounds, so
     * that both meet the same compiled code, caches and garbage collector.
     */
    private static long[][] alternately(java.util.function.IntSupplier a, java.util.function.IntSupplier b) {
        return alternately(a, b, 1_000);
    }

    /** As {@link #alternately(java.util.function.IntSupplier, java.util.function.IntSupplier)}, {@code runs} of each. */
    private static long[][] alternately(java.util.function.IntSupplier a, java.util.function.IntSupplier b, int runs) {
        long sink = 0;
        for (int i = 0; i < runs; i++) {
            sink += a.getAsInt() + b.getAsInt();
        }
        long[] ta = new long[runs];
        long[] tb = new long[runs];
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
        // A PDF takes tens of milliseconds: 200 alternating runs after 200 warm-up rounds.
        long[][] pdfTimes = alternately(() -> Run.PDF.write(Run.document(p)).length, () -> {
            Marks.MarkedCopy copy = marks.mark(materialId, 1, p, 4242);
            return Run.PDF.write(Run.document(copy.paragraphs()), new FileTrace(copy.fileToken())).length;
        }, 200);
        System.out.printf(Locale.ROOT, "Cost of personalising a %,d-character material (%d sites), medians of 1,000 alternating runs:%n",
                chars, marks.mark(materialId, 1, p, 4242).sites());
        System.out.printf(Locale.ROOT, "| copy | unmarked | personalised | difference |%n|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| text / HTML | %.3f ms | %.3f ms | %.3f ms |%n", plainText[0] / 1e6, markedText[0] / 1e6, (markedText[0] - plainText[0]) / 1e6);
        System.out.printf(Locale.ROOT, "| DOCX | %.2f ms | %.2f ms | %.2f ms |%n", plainDocx[0] / 1e6, markedDocx[0] / 1e6, (markedDocx[0] - plainDocx[0]) / 1e6);
        System.out.printf(Locale.ROOT, "| PDF (200 runs) | %.2f ms | %.2f ms | %.2f ms |%n", pdfTimes[0][0] / 1e6, pdfTimes[1][0] / 1e6, (pdfTimes[1][0] - pdfTimes[0][0]) / 1e6);
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
        List<String> only = args.getOptionValues("eval.only");
        String prefix = only == null || only.isEmpty() ? "" : only.getFirst();
        if (prefix.isEmpty()) {
            cost();
        }
        if (intOption(args, "eval.cost-only", 0) == 0) {
            Run run = new Run(members, 60, 20261129L);
            run.only = prefix;
            run.all(trials, bundleTrials, ocrTrials);
        }
    }

    private static int intOption(ApplicationArguments args, String name, int fallback) {
        List<String> v = args.getOptionValues(name);
        return v == null || v.isEmpty() ? fallback : Integer.parseInt(v.getFirst());
    }

    /**
     * One evaluation over a fixed library of generated materials, traced by the product's {@link LeakTracer} through a
     * {@link TraceSimulation}: every member who received a material is scored, every layer is read and every rule
     * (evidence as a set, pointers checked, per-revision and per-piece tests, the correction) applies.
     */
    static final class Run {
        final TraceSimulation sim;
        final LeakTracer tracer;
        final int generated;
        final int free;
        final int reimport;
        final SplittableRandom random;
        final List<String> unrelated = new ArrayList<>();
        /** Runs only the scenarios whose name starts with this (empty: all). */
        String only = "";

        Run(int members, int materials, long seed) {
            this.sim = new TraceSimulation(members, materials, seed);
            this.generated = materials;
            // a free material everyone reads, and material 0 imported again, received by the second half of members
            this.free = sim.addMaterial("免费资料", sim.paragraphs(materials - 1), true, m -> true);
            this.reimport = sim.addMaterial("重新导入", sim.paragraphs(0), false, m -> m >= members / 2);
            this.tracer = sim.tracer();
            this.random = new SplittableRandom(seed);
            this.unrelated.addAll(TraceSimulation.unrelatedTexts(seed + 1));
        }

        /** What one trace concluded, for the table: who was named, and whom consistent payloads or tokens point to. */
        record Outcome(Set<Long> named, Set<Long> pointedTo, double bestBound, int positions) {
        }

        Outcome trace(List<Leak> leaks) {
            TraceResult r = tracer.trace(leaks);
            Set<Long> named = new HashSet<>();
            r.suspects().forEach(s -> named.add(s.memberNumber()));
            Set<Long> pointedTo = new HashSet<>();
            r.pointers().stream().filter(TraceResult.Pointer::consistent).forEach(p -> pointedTo.add(p.memberNumber()));
            return new Outcome(named, pointedTo, r.evidence().lowestBound(), r.evidence().positions());
        }

        /** The leakers and materials of one trial. */
        final class Trial {
            final List<Integer> leakers;
            final List<Integer> materials;
            final int victim;

            Trial(List<Integer> leakers, List<Integer> materials, int victim) {
                this.leakers = leakers;
                this.materials = materials;
                this.victim = victim;
            }

            int leaker() {
                return leakers.getFirst();
            }

            int material() {
                return materials.getFirst();
            }

            /** The first leaker's full copy of the first material: payloads and the notice line included. */
            List<String> copy() {
                return sim.copy(leaker(), material());
            }

            /** The first leaker's copies of every material as the product's PDFs, without their file traces. */
            List<byte[]> pdfs() {
                List<byte[]> out = new ArrayList<>();
                for (int material : materials) {
                    List<String> c = sim.copy(leaker(), material);
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
                    List<VariationSite> s = sim.sitesOf(material);
                    boolean[][] each = new boolean[leakers.size()][];
                    for (int l = 0; l < each.length; l++) {
                        each[l] = sim.symbols(leakers.get(l), material);
                    }
                    boolean[] symbols = new boolean[s.size()];
                    for (int i = 0; i < symbols.length; i++) {
                        int ones = 0;
                        for (boolean[] e : each) {
                            ones += e[i] ? 1 : 0;
                        }
                        symbols[i] = switch (strategy) {
                            case 1 -> 2 * ones == leakers.size() ? random.nextBoolean() : 2 * ones > leakers.size();
                            case 2 -> each[random.nextInt(leakers.size())][i];
                            default -> each[s.get(i).paragraph() % leakers.size()][i];
                        };
                    }
                    out.append(sanitise(String.join("\n", sim.copyWith(material, symbols)))).append('\n');
                }
                return out.toString();
            }
        }

        /** Runs a scenario: each trial picks leakers and materials, builds the leak, traces it, and tallies. */
        void scenario(String name, int trials, int colluders, int bundle, Function<Trial, List<Leak>> leak) {
            scenario(name, trials, colluders, bundle, 0, false, leak);
        }

        /**
         * As above, choosing only materials of at least {@code minCharacters}; with {@code everyLeaker} a trial counts
         * as named only when every leaker is named.
         */
        void scenario(String name, int trials, int colluders, int bundle, int minCharacters, boolean everyLeaker,
                      Function<Trial, List<Leak>> leak) {
            if (!name.startsWith(only)) {
                return;
            }
            int identified = 0;
            int innocents = 0;
            int pointed = 0;
            List<Double> bounds = new ArrayList<>();
            List<Integer> read = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < trials; t++) {
                List<Integer> leakers = new ArrayList<>();
                while (leakers.size() < colluders) {
                    int m = random.nextInt(sim.members());
                    if (!leakers.contains(m)) {
                        leakers.add(m);
                    }
                }
                int victim;
                do {
                    victim = random.nextInt(sim.members());
                } while (leakers.contains(victim));
                List<Integer> chosen = new ArrayList<>();
                while (chosen.size() < bundle) {
                    int m = random.nextInt(generated - 1);
                    if (!chosen.contains(m) && characters(m) >= minCharacters) {
                        chosen.add(m);
                    }
                }
                Outcome o = trace(leak.apply(new Trial(leakers, chosen, victim)));
                Set<Long> truth = new HashSet<>();
                leakers.forEach(l -> truth.add((long) l));
                if (everyLeaker ? o.named().containsAll(truth) : o.named().stream().anyMatch(truth::contains)) {
                    identified++;
                }
                if (o.named().stream().anyMatch(n -> !truth.contains(n))) {
                    innocents++;
                }
                if (o.pointedTo().stream().anyMatch(truth::contains)) {
                    pointed++;
                }
                bounds.add(o.bestBound());
                read.add(o.positions());
            }
            Collections.sort(bounds);
            Collections.sort(read);
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.0f%% | %d | %.1e | %d | %.0f s | %.0f%% |%n", name, colluders,
                    bundle, trials, 100.0 * identified / trials, innocents, bounds.get(bounds.size() / 2),
                    read.get(read.size() / 2), (System.nanoTime() - start) / 1e9, 100.0 * pointed / trials);
        }

        void all(int trials, int bundleTrials, int ocrTrials) {
            System.out.printf("Tracing evaluation: %,d members, %d materials (+ a free one and a re-import), threshold %.0e overall%n",
                    sim.members(), generated, LeakTracer.DEFAULT_THRESHOLD);
            System.out.printf("Sites per material (median): %d; theoretical code length for ε₁ = 1e-11: c=1 %.0f, c=2 %.0f, c=3 %.0f, c=4 %.0f%n",
                    java.util.stream.IntStream.range(0, generated).map(m -> sim.sitesOf(m).size()).sorted().toArray()[generated / 2],
                    TardosCode.theoreticalLength(1, 1e-11), TardosCode.theoreticalLength(2, 1e-11),
                    TardosCode.theoreticalLength(3, 1e-11), TardosCode.theoreticalLength(4, 1e-11));
            System.out.println("| leak | colluders | materials | trials | leaker named | trials naming an innocent | median bound | median positions read | time | a consistent payload or token points to a leaker |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            scenario("(a) 200-character excerpt", trials, 1, 1, t -> one(excerpt(String.join("\n", t.copy()), 200)));
            scenario("(b) whole copy, notice removed", trials, 1, 1, t -> one(withoutNotice(t.copy())));
            scenario("(c) sanitised copy", trials, 1, 1, t -> one(sanitise(withoutNotice(t.copy()))));
            scenario("(c) sanitised 5,000-character document", trials, 1, 1, 5_000, false,
                    t -> one(sanitise(firstCharacters(t.copy(), 5_000))));
            scenario("(d) PDF, text extracted", trials, 1, 1, t -> one(viaPdf(t.copy())));
            scenario("(f) shuffled, half deleted", trials, 1, 1, t -> one(shuffledHalf(t.copy())));
            scenario("(c) sanitised, bundle of 10", bundleTrials, 1, 10, t -> one(t.merged(1)));
            if (ocrTrials > 0 && Ocr.available()) {
                scenario("(e) OCR of the PDF, single copy", ocrTrials, 1, 1, t -> one(Ocr.read(t.pdfs())));
                scenario("(e) OCR of the PDF, bundle of 10", ocrTrials, 1, 10, t -> one(Ocr.read(t.pdfs())));
            } else {
                System.out.println("(e) skipped: --eval.ocr-trials=0, or tesseract with chi_sim is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)");
            }
            for (int colluders = 2; colluders <= 4; colluders++) {
                for (int bundle : new int[] {1, 10, 50}) {
                    int n = bundle == 1 ? trials : bundleTrials;
                    scenario("(g) majority", n, colluders, bundle, t -> one(t.merged(1)));
                    scenario("(g) random", n, colluders, bundle, t -> one(t.merged(2)));
                    scenario("(g) interleaved paragraphs", n, colluders, bundle, t -> one(t.merged(3)));
                }
            }
            attacks(trials);
            realLeaks(trials);
        }

        /** Evidence built to make the tracer name someone who did not leak. */
        void attacks(int trials) {
            for (int times : new int[] {2, 10, 50}) {
                scenario("(h) 1,000-character sanitised excerpt handed in " + times + " times", trials, 1, 1,
                        t -> times(excerpt(sanitise(withoutNotice(t.copy())), 1_000), times));
            }
            scenario("(h) whole copy as TXT, DOCX and pasted text, twice", trials, 1, 1, t -> {
                String txt = String.join("\n", t.copy());
                Leak docx = new Leak("转卖.docx", sanitise(withoutNotice(t.copy())), List.of(sim.fileToken(t.leaker(), t.material())));
                return List.of(new Leak("转卖.txt", txt, List.of()), docx, new Leak("粘贴的文本", sanitise(txt), List.of()),
                        new Leak("转卖(1).txt", txt, List.of()), docx);
            });
            scenario("(h) original text handed in 20 times", trials, 0, 1,
                    t -> times(String.join("\n", sim.paragraphs(t.material())), 20));
            scenario("(i) victim's payload (from a free copy) in the leaker's 1,500-character excerpt", trials, 1, 1,
                    t -> one(sprinkle(excerpt(sanitise(withoutNotice(t.copy())), 1_500), payload(t.victim, free))));
            scenario("(i) victim's payload (same revision) in the leaker's 1,500-character excerpt", trials, 1, 1,
                    t -> one(sprinkle(excerpt(sanitise(withoutNotice(t.copy())), 1_500), payload(t.victim, t.material()))));
            scenario("(i) victim's payload in unrelated text", trials, 0, 1,
                    t -> one(sprinkle(excerpt(unrelated(), 3_000), payload(t.victim, t.material()))));
            scenario("(j) leaker's DOCX text with the victim's file token (from a free copy)", trials, 1, 1,
                    t -> List.of(new Leak("转卖.docx", sanitise(withoutNotice(t.copy())), List.of(sim.fileToken(t.victim, free)))));
            scenario("(k) unrelated text", trials, 0, 1, t -> one(excerpt(unrelated(), 10_000)));
            scenario("(k) copy canonicalised (one form per rule)", trials, 1, 1, t -> one(canonical(t.material())));
        }

        /** Leaks resellers really make, which the tracer used to miss. */
        void realLeaks(int trials) {
            scenario("(l) 800-character excerpt (invisible marks kept) inside 5,000 characters of other text", trials, 1, 1,
                    t -> one(inOther(visibleExcerpt(String.join("\n", t.copy()), 800))));
            scenario("(l) 1,500-character excerpt (invisible marks kept) inside 5,000 characters of other text", trials, 1, 1,
                    t -> one(inOther(visibleExcerpt(String.join("\n", t.copy()), 1_500))));
            scenario("(l) 1,500-character sanitised excerpt inside 5,000 characters of other text", trials, 1, 1,
                    t -> one(inOther(excerpt(sanitise(withoutNotice(t.copy())), 1_500))));
            scenario("(l) three 2,000-character sanitised excerpts of three materials pasted as one text", trials, 1, 3,
                    t -> one(t.materials.stream().map(m -> excerpt(sanitise(withoutNotice(sim.copy(t.leaker(), m))), 2_000))
                            .reduce("", (a, b) -> a + "\n" + b)));
            scenario("(m) whole copy converted to Traditional characters", trials, 1, 1,
                    t -> one(ZhConverterUtil.toTraditional(withoutNotice(t.copy()))));
            scenario("(m) sanitised copy converted to Traditional characters", trials, 1, 1,
                    t -> one(ZhConverterUtil.toTraditional(sanitise(withoutNotice(t.copy())))));
            scenario("(n) three members' whole copies of three materials as one bundle (every one named)", trials, 3, 3, 0,
                    true, t -> {
                        List<Leak> out = new ArrayList<>();
                        for (int i = 0; i < 3; i++) {
                            out.add(new Leak("第" + i + "份.txt", sanitise(withoutNotice(sim.copy(t.leakers.get(i),
                                    t.materials.get(i)))), List.of()));
                        }
                        return out;
                    });
            scenario("(n) three members' 3,000-character excerpts (marks kept) as one bundle (every one named)", trials, 3, 3, 0,
                    true, t -> {
                        List<Leak> out = new ArrayList<>();
                        for (int i = 0; i < 3; i++) {
                            out.add(new Leak("第" + i + "份.txt", visibleExcerpt(String.join("\n", sim.copy(t.leakers.get(i),
                                    t.materials.get(i))), 3_000), List.of()));
                        }
                        return out;
                    });
            scenario("(o) same text in two materials: copy of the first import", trials, 1, 1, t -> {
                int leaker = t.leaker() % (sim.members() / 2);
                t.leakers.set(0, leaker);
                return one(sanitise(withoutNotice(sim.copy(leaker, 0))));
            });
            scenario("(o) same text in two materials: copy of the re-import", trials, 1, 1, t -> {
                int leaker = sim.members() / 2 + t.leaker() % (sim.members() / 2);
                t.leakers.set(0, leaker);
                return one(sanitise(withoutNotice(sim.copy(leaker, reimport))));
            });
        }

        private static List<Leak> one(String text) {
            return List.of(new Leak("证据.txt", text, List.of()));
        }

        private static List<Leak> times(String text, int n) {
            List<Leak> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new Leak("证据" + i + ".txt", text, List.of()));
            }
            return out;
        }

        String unrelated() {
            return unrelated.get(random.nextInt(unrelated.size()));
        }

        /** The excerpt placed at a random point inside 5,000 characters of unrelated text. */
        String inOther(String excerpt) {
            String other = excerpt(unrelated(), 5_000);
            int at = random.nextInt(other.length() + 1);
            return other.substring(0, at) + "\n" + excerpt + "\n" + other.substring(at);
        }

        /** A member's payload as their copy of a material carries it. */
        String payload(int member, int material) {
            return TraceSimulation.payloadIn(String.join("\n", sim.copy(member, material))).orElse("");
        }

        static String sprinkle(String text, String payload) {
            return TraceSimulation.sprinkle(text, payload, 80);
        }

        String canonical(int material) {
            return sim.canonical(material, random);
        }

        String excerpt(String text, int length) {
            int from = random.nextInt(Math.max(1, text.length() - length));
            return text.substring(from, Math.min(text.length(), from + length));
        }

        /** An excerpt of {@code visible} visible characters, the invisible ones among them kept. */
        String visibleExcerpt(String text, int visible) {
            int from = random.nextInt(Math.max(1, text.length() - visible * 2));
            StringBuilder out = new StringBuilder();
            int seen = 0;
            for (int i = from; i < text.length() && seen < visible; i++) {
                char c = text.charAt(i);
                out.append(c);
                if (Character.getType(c) != Character.FORMAT) {
                    seen++;
                }
            }
            return out.toString();
        }

        /** The copy as the product's PDF (A4, embedded CJK font) and its text extracted again, as a reseller would. */
        static String viaPdf(List<String> copy) {
            try {
                byte[] pdf = PDF.write(document(copy.subList(0, copy.size() - 1)), null);
                try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                    return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static final org.scriptorium.delivery.PdfWriter PDF = new org.scriptorium.delivery.PdfWriter();

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

        int characters(int material) {
            return String.join("", sim.paragraphs(material)).length();
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
