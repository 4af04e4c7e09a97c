package org.scriptorium.tracer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores every candidate on the evidence and decides whom it names, with one multiple-testing correction over
 * everything tried.
 *
 * <p>Each candidate takes several tests: over every revision they received together, over each revision alone, and
 * over each piece of evidence alone (so that a bundle made from several members' copies names each of them, where one
 * combined sum would drown each in the others' noise). A test is a set of distinct positions with the form observed
 * at each; positions seen with both forms are left out of tests that span pieces. Each test is scored two ways: the
 * symmetric Tardos score, which finds members of a coalition that merged their copies, and the likelihood ratio of
 * "this member's copy is the source" (a match scores ln((1 − ε)/q), a mismatch ln(ε/(1 − q)), allowing misreadings at
 * rate ε), which needs far fewer positions to name a single leaker. For an innocent member, whose symbols are
 * independent of the leak, {@link AccusationBound} bounds the chance of each score.
 *
 * <p>The correction is a weighted Bonferroni over all (candidate, test, score) triples. Without corroboration each
 * weighs 1/N. When invisible payloads or file tokens point to some candidates consistently, {@value #NOMINATION_SHARE}
 * of the weight goes to those candidates' likelihood-ratio scores and the rest to everyone's: a pointer never names
 * anyone, but it lets the robust layer name the member it points to with less evidence than a search through all
 * members needs. The weights sum to one, so the chance that any innocent candidate is named is at most the threshold,
 * whatever the evidence, as long as the leak does not depend on innocent members' symbols.
 */
final class Scorer {

    /** The misreading rate the likelihood-ratio score allows: PDF extraction and OCR misread a few sites in a hundred. */
    static final double MISREAD = 0.02;
    /** The two scores each test is read with: the Tardos score (0) and the single-source likelihood ratio (1). */
    private static final int STATISTICS = 2;
    private static final int SINGLE_SOURCE = 1;
    /**
     * The share of the correction that goes to the candidates consistent payloads or tokens point to, for the
     * likelihood ratio of their own copy being the source: a payload points to one likely source, and most of the
     * chance of error is spent where the evidence points.
     */
    static final double NOMINATION_SHARE = 0.8;

    /** A member to score, with the cells of the evidence their copies are read in (in evidence order). */
    record Candidate(TraceSources.Member member, List<Evidence.Cell> cells, boolean nominated) {
    }

    /** One member's result: their best test, its score and its bound with the correction applied. */
    record Scored(TraceSources.Member member, double bound, double score, int positions, String basis,
                  List<TraceResult.Part> parts, boolean named) {
    }

    /** What scoring found. */
    record Outcome(List<Scored> named, Map<String, Scored> nominated, Scored reporter, double bestBound,
                   long populationTests, long nominationTests) {
    }

    /** Positions with the observed form at each, the same for every member who takes it. */
    private static final class Test {
        final String basis;
        final String[] keys;
        final boolean[] observed;
        final double[] q;
        /** Per statistic: the points of a match and a mismatch at each position. */
        final double[][] match = new double[STATISTICS][];
        final double[][] mismatch = new double[STATISTICS][];
        /** Who took the test, and their scores per statistic. */
        int takers;
        int[] candidates = new int[16];
        double[][] scores = new double[STATISTICS][16];

        Test(String basis, List<Evidence.Read> reads) {
            this.basis = basis;
            int n = reads.size();
            keys = new String[n];
            observed = new boolean[n];
            q = new double[n];
            for (int s = 0; s < STATISTICS; s++) {
                match[s] = new double[n];
                mismatch[s] = new double[n];
            }
            for (int i = 0; i < n; i++) {
                Evidence.Read r = reads.get(i);
                keys[i] = r.position().key;
                observed[i] = r.observed();
                q[i] = r.observed() ? r.position().bias : 1 - r.position().bias;
                match[0][i] = Math.sqrt((1 - q[i]) / q[i]);
                mismatch[0][i] = -Math.sqrt(q[i] / (1 - q[i]));
                match[1][i] = Math.log((1 - MISREAD) / q[i]);
                mismatch[1][i] = Math.log(MISREAD / (1 - q[i]));
            }
        }

        void take(int candidate, double tardos, double single) {
            if (takers == candidates.length) {
                candidates = Arrays.copyOf(candidates, takers * 2);
                scores[0] = Arrays.copyOf(scores[0], takers * 2);
                scores[1] = Arrays.copyOf(scores[1], takers * 2);
            }
            candidates[takers] = candidate;
            scores[0][takers] = tardos;
            scores[1][takers] = single;
            takers++;
        }

        double bound(int statistic, double score) {
            return statistic == 0 ? AccusationBound.falseAccusation(score, q)
                    : AccusationBound.tail(score, q, match[1], mismatch[1]);
        }
    }

    /** Candidates who received the same cells share their tests. */
    private static final class Group {
        final List<Integer> candidates = new ArrayList<>();
        final List<Test> tests = new ArrayList<>();
        final Map<String, Integer> union = new LinkedHashMap<>();
        final List<int[]> indexes = new ArrayList<>();
        /** For each cell, the index of its own test among {@code tests}. */
        final Map<Evidence.Cell, Integer> cellTests = new LinkedHashMap<>();
    }

    private final Codebook code;
    private final List<String> pieceNames;

    Scorer(Codebook code, List<String> pieceNames) {
        this.code = code;
        this.pieceNames = pieceNames;
    }

    /**
     * @param alpha      the overall threshold: the chance of naming any innocent candidate is at most this
     * @param reporterId the reporter, whose own score is reported (null for none)
     */
    Outcome score(List<Candidate> candidates, double alpha, String reporterId) {
        Map<String, Test> tests = new HashMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        Group[] groupOf = new Group[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            StringBuilder signature = new StringBuilder();
            for (Evidence.Cell cell : candidate.cells()) {
                signature.append(cell.id).append(';');
            }
            Group group = groups.computeIfAbsent(signature.toString(), k -> newGroup(candidate.cells(), tests));
            group.candidates.add(c);
            groupOf[c] = group;
        }

        long populationTests = 0;
        long nominationTests = 0;
        for (Group g : groups.values()) {
            for (int c : g.candidates) {
                populationTests += (long) STATISTICS * g.tests.size();
                if (candidates.get(c).nominated()) {
                    nominationTests += g.tests.size();
                }
            }
        }
        Weights weights = Weights.of(populationTests, nominationTests);

        // every candidate's scores on each of their tests; symbols derived once per candidate and position
        double[][][] own = new double[candidates.size()][][];
        for (Group g : groups.values()) {
            Codebook.Positions positions = code.positions(g.union.keySet().toArray(String[]::new));
            boolean[] symbols = new boolean[g.union.size()];
            for (int c : g.candidates) {
                positions.symbols(candidates.get(c).member().memberNumber(), symbols);
                double[][] mine = new double[g.tests.size()][STATISTICS];
                for (int t = 0; t < mine.length; t++) {
                    Test test = g.tests.get(t);
                    int[] index = g.indexes.get(t);
                    double tardos = 0;
                    double single = 0;
                    for (int i = 0; i < index.length; i++) {
                        if (symbols[index[i]] == test.observed[i]) {
                            tardos += test.match[0][i];
                            single += test.match[1][i];
                        } else {
                            tardos += test.mismatch[0][i];
                            single += test.mismatch[1][i];
                        }
                    }
                    mine[t][0] = tardos;
                    mine[t][1] = single;
                    test.take(c, tardos, single);
                }
                own[c] = mine;
            }
        }

        // named: bound / weight ≤ alpha in some test; bounds fall as scores rise, so each test is read from the top
        double[] best = new double[candidates.size()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Test[] bestTest = new Test[candidates.size()];
        double[] bestScore = new double[candidates.size()];
        int[] bestStatistic = new int[candidates.size()];
        double bestOverall = 1.0;
        double widest = weights.widest();
        for (Test test : new LinkedHashSet<>(tests.values())) {
            for (int statistic = 0; statistic < STATISTICS; statistic++) {
                double[] scores = test.scores[statistic];
                boolean[] done = new boolean[test.takers];
                while (true) {
                    int top = -1;
                    for (int i = 0; i < test.takers; i++) {
                        if (!done[i] && (top < 0 || scores[i] > scores[top])) {
                            top = i;
                        }
                    }
                    if (top < 0) {
                        break;
                    }
                    done[top] = true;
                    int c = test.candidates[top];
                    double bound = test.bound(statistic, scores[top]);
                    double adjusted = Math.min(1.0, bound / weights.of(candidates.get(c), statistic));
                    bestOverall = Math.min(bestOverall, adjusted);
                    if (adjusted < best[c]) {
                        best[c] = adjusted;
                        bestTest[c] = test;
                        bestScore[c] = scores[top];
                        bestStatistic[c] = statistic;
                    }
                    if (bound / widest > alpha) {
                        break; // no lower score in this test can pass, whoever holds it
                    }
                }
            }
        }

        List<Scored> named = new ArrayList<>();
        Map<String, Scored> nominated = new LinkedHashMap<>();
        Scored reporter = null;
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            boolean isNamed = best[c] <= alpha;
            boolean isReporter = candidate.member().userId().equals(reporterId);
            if (!isNamed && !candidate.nominated() && !isReporter) {
                continue;
            }
            Group g = groupOf[c];
            double raw = 1.0;
            for (int t = 0; t < g.tests.size(); t++) {
                for (int statistic = 0; statistic < STATISTICS; statistic++) {
                    double bound = g.tests.get(t).bound(statistic, own[c][t][statistic]);
                    raw = Math.min(raw, bound);
                    double adjusted = Math.min(1.0, bound / weights.of(candidate, statistic));
                    if (!isNamed && adjusted < best[c]) {
                        best[c] = adjusted;
                        bestTest[c] = g.tests.get(t);
                        bestScore[c] = own[c][t][statistic];
                        bestStatistic[c] = statistic;
                    }
                }
            }
            Scored scored = scored(candidate, g, own[c], weights, best[c], bestTest[c], bestScore[c], bestStatistic[c],
                    isNamed);
            if (isNamed) {
                named.add(scored);
            }
            if (candidate.nominated()) {
                nominated.put(candidate.member().userId(), scored);
            }
            if (isReporter) {
                // a fixed hypothesis chosen before looking: corrected only over the reporter's own tests
                double bound = Math.min(1.0, raw * Math.max(1, STATISTICS * g.tests.size()));
                reporter = new Scored(candidate.member(), bound, scored.score(), scored.positions(), scored.basis(),
                        scored.parts(), isNamed);
            }
        }
        named.sort(Comparator.comparingDouble(Scored::bound));
        return new Outcome(named, nominated, reporter, bestOverall, populationTests, nominationTests);
    }

    /**
     * The weighted Bonferroni: every (candidate, test, score) triple of the population family weighs
     * (1 − ν)/N_P; when payloads or tokens point to candidates, each of their tests' likelihood-ratio scores also
     * weighs ν/N_Q in the nomination family. The weights sum to one.
     */
    private record Weights(double population, double nomination) {

        static Weights of(long populationTests, long nominationTests) {
            if (nominationTests == 0) {
                return new Weights(populationTests == 0 ? 0 : 1.0 / populationTests, 0);
            }
            return new Weights((1 - NOMINATION_SHARE) / populationTests, NOMINATION_SHARE / nominationTests);
        }

        double of(Candidate c, int statistic) {
            return population + (c.nominated() && statistic == SINGLE_SOURCE ? nomination : 0);
        }

        double widest() {
            return population + nomination;
        }
    }

    private static Scored scored(Candidate candidate, Group g, double[][] own, Weights weights, double bound, Test test,
                                 double score, int statistic, boolean named) {
        List<TraceResult.Part> parts = new ArrayList<>();
        for (Map.Entry<Evidence.Cell, Integer> e : g.cellTests.entrySet()) {
            int t = e.getValue();
            Test part = g.tests.get(t);
            TraceSources.Revision r = e.getKey().revision;
            double partBound = Math.min(part.bound(0, own[t][0]) / weights.of(candidate, 0),
                    part.bound(SINGLE_SOURCE, own[t][SINGLE_SOURCE]) / weights.of(candidate, SINGLE_SOURCE));
            parts.add(new TraceResult.Part(r.materialId(), r.revision(), r.title(), own[t][0], part.keys.length,
                    Math.min(1.0, partBound)));
        }
        int positions = test == null ? 0 : test.keys.length;
        String basis = test == null ? "" : test.basis + (statistic == 0 ? "，Tardos 得分" : "，单一来源似然比");
        return new Scored(candidate.member(), test == null ? 1.0 : bound, score, positions, basis, parts, named);
    }

    /** The tests of everyone who received exactly these cells, made once and shared where their content is equal. */
    private Group newGroup(List<Evidence.Cell> cells, Map<String, Test> tests) {
        Group g = new Group();
        Map<String, Integer> seen = new HashMap<>();
        if (cells.size() > 1) {
            List<Evidence.Read> all = new ArrayList<>();
            cells.forEach(cell -> all.addAll(cell.consistent()));
            add(g, tests, seen, "全部证据", all);
        }
        for (Evidence.Cell cell : cells) {
            int index = add(g, tests, seen, "《" + cell.revision.title() + "》第 " + cell.revision.revision() + " 版",
                    cell.consistent());
            if (index >= 0) {
                g.cellTests.put(cell, index);
            }
        }
        // each piece alone: within one piece every position is read once, with one form
        Set<Integer> pieces = new LinkedHashSet<>();
        cells.forEach(cell -> pieces.addAll(cell.byPiece.keySet()));
        if (pieces.size() > 1) {
            for (int piece : pieces) {
                List<Evidence.Read> reads = new ArrayList<>();
                for (Evidence.Cell cell : cells) {
                    reads.addAll(cell.byPiece.getOrDefault(piece, List.of()));
                }
                add(g, tests, seen, pieceName(piece), reads);
            }
        }
        for (Test test : g.tests) {
            int[] index = new int[test.keys.length];
            for (int i = 0; i < index.length; i++) {
                index[i] = g.union.computeIfAbsent(test.keys[i], k -> g.union.size());
            }
            g.indexes.add(index);
        }
        return g;
    }

    private String pieceName(int piece) {
        return piece < pieceNames.size() ? "证据「" + pieceNames.get(piece) + "」" : "证据 " + (piece + 1);
    }

    /** Adds a test to the group unless it holds one with the same content; its index in the group, -1 if empty. */
    private static int add(Group g, Map<String, Test> tests, Map<String, Integer> seen, String basis,
                           List<Evidence.Read> reads) {
        if (reads.isEmpty()) {
            return -1;
        }
        List<Evidence.Read> sorted = new ArrayList<>(reads);
        sorted.sort(Comparator.comparing((Evidence.Read r) -> r.position().key));
        StringBuilder content = new StringBuilder();
        for (Evidence.Read r : sorted) {
            content.append(r.position().key).append(r.observed() ? "=1;" : "=0;");
        }
        String key = content.toString();
        Integer already = seen.get(key);
        if (already != null) {
            return already; // the same test under another name (one piece, one revision): counted once
        }
        Test test = tests.computeIfAbsent(key, k -> new Test(basis, sorted));
        seen.put(key, g.tests.size());
        g.tests.add(test);
        return g.tests.size() - 1;
    }
}
