package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.tracing.TextMarks;
import org.scriptorium.tracing.VariationSite;

/**
 * The tracer as a reseller or a malicious reporter meets it: 10,000 simulated members and thousands of leaks built to
 * make it name someone who did not leak (evidence repeated up to fifty times and across formats, invisible payloads
 * and file tokens moved from another member's copy, unrelated text, the unmarked original, canonicalised text), mixed
 * with real leaks. Plain Java: the product's {@link LeakTracer} over a {@link TraceSimulation}.
 */
@DisplayName("The tracer under attack")
class AdversarialTraceTest {

    private static final int MEMBERS = 10_000;
    private static final int TRIALS = Integer.getInteger("adversarial.trials", 10_000);

    private static TraceSimulation sim;
    private static int free;
    private static int reimport;
    private static List<String> unrelated;

    @BeforeAll
    static void library() {
        sim = new TraceSimulation(MEMBERS, 24, 20261206L);
        // a free teaser everyone reads, and a re-import of material 0 that only the second half of members received
        free = sim.addMaterial("免费资料", sim.paragraphs(23), true, m -> true);
        reimport = sim.addMaterial("重新导入的资料", sim.paragraphs(0), false, m -> m >= MEMBERS / 2);
        unrelated = TraceSimulation.unrelatedTexts(777);
    }

    enum Attack {
        REPEATED_EXCERPT, REPEATED_FORMATS, ORIGINAL_REPEATED, CANONICALISED, UNRELATED, PAYLOAD_FROM_FREE_COPY,
        PAYLOAD_FROM_SAME_REVISION, PAYLOAD_IN_UNRELATED_TEXT, TOKEN_FROM_FREE_COPY, ORIGINAL_WITH_VICTIM_PAYLOAD,
        MIXED_BUNDLE, THREE_LEAKERS
    }

    /** A leak built for one trial, and who truly leaked it (whom naming is not a false accusation). */
    private record Case(List<Leak> leaks, Set<Long> leakers) {
    }

    @Test
    @DisplayName("in 10,000 adversarial trials over 10,000 members, nobody who did not leak is ever named")
    void nobodyInnocentIsNamed() throws Exception {
        Attack[] attacks = Attack.values();
        Map<Attack, int[]> tally = new EnumMap<>(Attack.class);
        List<String> framed = Collections.synchronizedList(new ArrayList<>());
        // two workers, each with its own tracer over the shared library and its own seeded trials
        int workers = 2;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Map<Attack, int[]>>> parts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            parts.add(pool.submit(() -> {
                LeakTracer tracer = sim.tracer();
                SplittableRandom random = new SplittableRandom(7 + worker);
                Map<Attack, int[]> mine = new EnumMap<>(Attack.class);
                for (int t = worker; t < TRIALS; t += workers) {
                    Attack attack = attacks[t % attacks.length];
                    Case c = build(attack, random.nextInt(24), random);
                    TraceResult result = tracer.trace(c.leaks());
                    int[] counts = mine.computeIfAbsent(attack, a -> new int[2]);
                    counts[0]++;
                    for (TraceResult.Suspect s : result.suspects()) {
                        if (!c.leakers().contains(s.memberNumber())) {
                            framed.add(attack + " trial " + t + ": member " + s.memberNumber() + " named, bound "
                                    + s.falseAccusationBound() + ", leakers " + c.leakers());
                        }
                    }
                    if (result.suspects().stream().anyMatch(s -> c.leakers().contains(s.memberNumber()))) {
                        counts[1]++;
                    }
                }
                return mine;
            }));
        }
        for (Future<Map<Attack, int[]>> part : parts) {
            part.get().forEach((a, n) -> {
                int[] total = tally.computeIfAbsent(a, k -> new int[2]);
                total[0] += n[0];
                total[1] += n[1];
            });
        }
        pool.shutdown();
        StringBuilder report = new StringBuilder();
        tally.forEach((a, n) -> report.append(String.format("%s: %d trials, a leaker named in %d%n", a, n[0], n[1])));
        System.out.print(report);
        assertThat(framed).as(report.toString()).isEmpty();
        assertThat(tally.values().stream().mapToInt(n -> n[0]).sum()).isEqualTo(TRIALS);
        // the attacks that carry whole copies of real leakers still name them
        assertThat(tally.get(Attack.REPEATED_FORMATS)[1]).as(report.toString())
                .isGreaterThanOrEqualTo(tally.get(Attack.REPEATED_FORMATS)[0] * 95 / 100);
        assertThat(tally.get(Attack.THREE_LEAKERS)[1]).as(report.toString())
                .isGreaterThanOrEqualTo(tally.get(Attack.THREE_LEAKERS)[0] * 95 / 100);
    }

    private static Case build(Attack attack, int material, SplittableRandom random) {
        long leaker = random.nextInt(MEMBERS);
        long victim = (leaker + 1 + random.nextInt(MEMBERS - 1)) % MEMBERS;
        return switch (attack) {
            case REPEATED_EXCERPT -> {
                String excerpt = excerpt(visible(sim.copy((int) leaker, material)), 300 + random.nextInt(2_700), random);
                yield new Case(times(new Leak("摘录.txt", excerpt, List.of()), 2 + random.nextInt(49)), Set.of(leaker));
            }
            case REPEATED_FORMATS -> {
                List<Leak> leaks = new ArrayList<>();
                String text = String.join("\n", sim.copy((int) leaker, material));
                int copies = 1 + random.nextInt(5);
                for (int i = 0; i < copies; i++) {
                    leaks.add(new Leak("副本" + i + ".txt", text, List.of()));
                    leaks.add(new Leak("粘贴的文本", visible(text), List.of()));
                    leaks.add(new Leak("副本" + i + ".docx", text, List.of(sim.fileToken((int) leaker, material))));
                }
                yield new Case(leaks, Set.of(leaker));
            }
            case ORIGINAL_REPEATED -> new Case(times(new Leak("原稿.txt", String.join("\n", sim.paragraphs(material)),
                    List.of()), 1 + random.nextInt(50)), Set.of());
            case CANONICALISED -> new Case(times(new Leak("统一写法.txt", sim.canonical(material, random), List.of()),
                    1 + random.nextInt(3)), Set.of());
            case UNRELATED -> new Case(times(new Leak("无关.txt", excerpt(unrelated.get(random.nextInt(unrelated.size())),
                    2_000 + random.nextInt(18_000), random), List.of()), 1 + random.nextInt(5)), Set.of());
            case PAYLOAD_FROM_FREE_COPY -> {
                String payload = payload(victim, free);
                String excerpt = excerpt(visible(sim.copy((int) leaker, material)), 300 + random.nextInt(2_700), random);
                yield new Case(List.of(new Leak("转卖.txt", sprinkle(excerpt, payload, random), List.of())), Set.of(leaker));
            }
            case PAYLOAD_FROM_SAME_REVISION -> {
                // the strongest forger: the victim's payload for this very revision
                String payload = payload(victim, material);
                String excerpt = excerpt(visible(sim.copy((int) leaker, material)), 300 + random.nextInt(5_000), random);
                yield new Case(times(new Leak("转卖.txt", sprinkle(excerpt, payload, random), List.of()),
                        1 + random.nextInt(3)), Set.of(leaker));
            }
            case PAYLOAD_IN_UNRELATED_TEXT -> new Case(List.of(new Leak("无关.txt", sprinkle(excerpt(unrelated.get(
                    random.nextInt(unrelated.size())), 3_000, random), payload(victim, material), random), List.of())), Set.of());
            case TOKEN_FROM_FREE_COPY -> new Case(List.of(new Leak("转卖.docx",
                    visible(String.join("\n", sim.copy((int) leaker, material))), List.of(sim.fileToken((int) victim, free)))),
                    Set.of(leaker));
            case ORIGINAL_WITH_VICTIM_PAYLOAD -> new Case(times(new Leak("原稿.txt", sprinkle(String.join("\n",
                    sim.paragraphs(material)), payload(victim, material), random), List.of(sim.fileToken((int) victim, material))),
                    1 + random.nextInt(10)), Set.of());
            case MIXED_BUNDLE -> {
                List<Leak> leaks = new ArrayList<>();
                leaks.add(new Leak("摘录.txt", sprinkle(excerpt(visible(sim.copy((int) leaker, material)), 1_500, random),
                        payload(victim, material), random), List.of()));
                leaks.add(new Leak("原稿.txt", String.join("\n", sim.paragraphs(material)), List.of()));
                leaks.add(new Leak("无关.txt", excerpt(unrelated.get(random.nextInt(unrelated.size())), 5_000, random), List.of()));
                leaks.add(new Leak("重新导入.txt", visible(String.join("\n", sim.copy((int) victim, reimport))), List.of()));
                // the victim received the re-import only if in the second half: then it is the victim's own copy
                Set<Long> leakers = victim >= MEMBERS / 2 ? Set.of(leaker, victim) : Set.of(leaker);
                yield new Case(leaks, leakers);
            }
            case THREE_LEAKERS -> {
                List<Leak> leaks = new ArrayList<>();
                Set<Long> leakers = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    long who = random.nextInt(MEMBERS);
                    leakers.add(who);
                    int which = (material + i * 7) % 24;
                    leaks.add(new Leak("第" + i + "份.txt", visible(String.join("\n", sim.copy((int) who, which))), List.of()));
                }
                yield new Case(leaks, leakers);
            }
        };
    }

    private static List<Leak> times(Leak leak, int n) {
        List<Leak> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(leak);
        }
        return out;
    }

    private static String visible(List<String> copy) {
        return visible(String.join("\n", copy.subList(0, copy.size() - 1)));
    }

    private static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String excerpt(String text, int length, SplittableRandom random) {
        if (text.length() <= length) {
            return text;
        }
        int from = random.nextInt(text.length() - length);
        return text.substring(from, from + length);
    }

    /** The member's payload as their copy of a material carries it. */
    private static String payload(long member, int material) {
        return TraceSimulation.payloadIn(String.join("\n", sim.copy((int) member, material))).orElseThrow();
    }

    /** The payload inserted every 60–120 characters, as a forger spreads it. */
    private static String sprinkle(String text, String payload, SplittableRandom random) {
        return TraceSimulation.sprinkle(text, payload, 60 + random.nextInt(61));
    }

    @Test
    @DisplayName("the attacks that carry notes are reported as such: repeated evidence, the original, canonicalised text, transplanted payloads")
    void notes() {
        LeakTracer tracer = sim.tracer();
        SplittableRandom random = new SplittableRandom(11);
        // material 5 is about 4,500 characters long, with 124 sites in some 40 rules
        assertThat(tracer.trace(build(Attack.ORIGINAL_REPEATED, 5, random).leaks()).notes())
                .extracting(TraceResult.Note::code).contains("ORIGINAL_TEXT");
        assertThat(tracer.trace(build(Attack.CANONICALISED, 5, random).leaks()).notes())
                .extracting(TraceResult.Note::code).contains("UNIFORM_FORMS");
        assertThat(tracer.trace(build(Attack.REPEATED_EXCERPT, 5, random).leaks()).notes())
                .extracting(TraceResult.Note::code).contains("SAME_EVIDENCE_REPEATED");
        TraceResult transplanted = tracer.trace(build(Attack.PAYLOAD_FROM_FREE_COPY, 5, random).leaks());
        assertThat(transplanted.notes()).extracting(TraceResult.Note::code).contains("PAYLOAD_INCONSISTENT");
        assertThat(transplanted.pointers()).allMatch(p -> !p.consistent());
    }

    @Test
    @DisplayName("a leaker's copy read in two materials with the same text names the leaker, whichever material they received")
    void sameTextInTwoMaterials() {
        LeakTracer tracer = sim.tracer();
        int named = 0;
        for (int m = 0; m < 20; m++) {
            int leaker = (m * 4_999 + 17) % MEMBERS;
            String leak = visible(String.join("\n", sim.copy(leaker, leaker >= MEMBERS / 2 ? reimport : 0)));
            TraceResult result = tracer.trace(List.of(new Leak("转卖.txt", leak, List.of())));
            assertThat(result.suspects()).allMatch(s -> s.memberNumber() == leaker);
            if (!result.suspects().isEmpty()) {
                named++;
            }
        }
        assertThat(named).isGreaterThanOrEqualTo(19);
    }


    @Test
    @DisplayName("on adversarial evidence the share of innocent members whose score reaches any bound x stays below x")
    void innocentRateWithinBound() {
        double[] levels = {1e-1, 1e-2, 1e-3, 1e-4};
        long[][] above = new long[2][levels.length];
        long innocents = 0;
        SplittableRandom random = new SplittableRandom(13);
        Attack[] kinds = {Attack.ORIGINAL_REPEATED, Attack.CANONICALISED, Attack.REPEATED_EXCERPT,
                Attack.PAYLOAD_FROM_SAME_REVISION};
        for (int trial = 0; trial < 200; trial++) {
            int material = random.nextInt(24);
            Case c = build(kinds[trial % kinds.length], material, random);
            List<VariationSite> sites = sim.sitesOf(material);
            List<TextMarks.SiteRead> reads = TextMarks.read(sim.paragraphs(material), sites, c.leaks().getFirst().text());
            if (reads.isEmpty()) {
                continue;
            }
            int n = reads.size();
            String[] keys = new String[n];
            boolean[] observed = new boolean[n];
            double[] q = new double[n];
            double[][] match = new double[2][n];
            double[][] mismatch = new double[2][n];
            for (int i = 0; i < n; i++) {
                keys[i] = sim.position(material, sites.get(reads.get(i).site()));
                observed[i] = reads.get(i).observed();
                double bias = sim.bias(keys[i]);
                q[i] = observed[i] ? bias : 1 - bias;
                match[0][i] = Math.sqrt((1 - q[i]) / q[i]);
                mismatch[0][i] = -Math.sqrt(q[i] / (1 - q[i]));
                match[1][i] = Math.log((1 - Scorer.MISREAD) / q[i]);
                mismatch[1][i] = Math.log(Scorer.MISREAD / (1 - q[i]));
            }
            // the score each level needs, found once per trial: the bound falls as the score rises
            double[][] needed = new double[2][levels.length];
            for (int statistic = 0; statistic < 2; statistic++) {
                for (int l = 0; l < levels.length; l++) {
                    needed[statistic][l] = scoreFor(levels[l], statistic, q, match[statistic], mismatch[statistic]);
                }
            }
            for (int member = 0; member < MEMBERS; member++) {
                if (c.leakers().contains((long) member)) {
                    continue;
                }
                innocents++;
                double[] score = new double[2];
                for (int i = 0; i < n; i++) {
                    boolean same = sim.symbol(member, keys[i]) == observed[i];
                    score[0] += same ? match[0][i] : mismatch[0][i];
                    score[1] += same ? match[1][i] : mismatch[1][i];
                }
                for (int statistic = 0; statistic < 2; statistic++) {
                    for (int l = 0; l < levels.length; l++) {
                        if (score[statistic] >= needed[statistic][l]) {
                            above[statistic][l]++;
                        }
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder("innocent (member, leak) pairs: " + innocents + "\n");
        for (int l = 0; l < levels.length; l++) {
            report.append(String.format("bound %.0e: Tardos %d, likelihood ratio %d, allowed %.0f%n", levels[l],
                    above[0][l], above[1][l], levels[l] * innocents));
        }
        System.out.print(report);
        assertThat(innocents).isGreaterThan(1_000_000);
        for (int statistic = 0; statistic < 2; statistic++) {
            for (int l = 0; l < levels.length; l++) {
                assertThat((double) above[statistic][l]).as(report.toString()).isLessThanOrEqualTo(levels[l] * innocents);
            }
        }
    }

    /** The least score whose bound is at most {@code level} (bisection; the bound falls as the score rises). */
    private static double scoreFor(double level, int statistic, double[] q, double[] match, double[] mismatch) {
        java.util.function.DoubleUnaryOperator bound = s -> statistic == 0 ? AccusationBound.falseAccusation(s, q)
                : AccusationBound.tail(s, q, match, mismatch);
        double low = 0;
        double high = 1;
        double most = 0;
        for (int i = 0; i < q.length; i++) {
            most += Math.max(match[i], mismatch[i]);
        }
        while (bound.applyAsDouble(high) > level) {
            if (high > most) {
                return Double.POSITIVE_INFINITY;
            }
            high *= 2;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (bound.applyAsDouble(mid) > level) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }
}
