package org.scriptorium.tracer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.tracing.PositionRead;
import org.scriptorium.tracing.Prf;
import org.scriptorium.tracing.TardosCode;

/** The code and its bound together, against simulated leaks. */
class TardosAccusationTest {

    /** 1e-6 overall, spread over 100,000 members by the union bound. */
    private static final double PER_MEMBER_THRESHOLD = 1e-6 / 100_000;

    private static final int TRIALS = 20;

    private final TardosCode code =
            new TardosCode(new Prf("tardos accusation test key".getBytes(UTF_8)), TardosCode.DEFAULT_CUTOFF);

    /** How colluders turn their copies into the leaked one, position by position. */
    private interface Strategy {
        boolean combine(boolean[] symbols, SplittableRandom random);
    }

    private static final Strategy MAJORITY = (symbols, random) -> {
        int alternatives = 0;
        for (boolean s : symbols) {
            alternatives += s ? 1 : 0;
        }
        return 2 * alternatives > symbols.length;
    };

    private static final Strategy RANDOM_CHOICE = (symbols, random) -> symbols[random.nextInt(symbols.length)];

    /** The outcome of one trial: the best colluder's bound and the best innocent's bound. */
    private record Trial(double bestColluderBound, double bestInnocentBound) {}

    private Trial trial(int trial, int colluders, int positions, Strategy strategy, int innocents) {
        SplittableRandom random = new SplittableRandom(7_000L + trial);
        List<String> colluderKeys = new ArrayList<>();
        for (int c = 0; c < colluders; c++) {
            colluderKeys.add("colluder-" + trial + "-" + c);
        }
        List<PositionRead> reads = new ArrayList<>(positions);
        boolean[] symbols = new boolean[colluders];
        for (int i = 0; i < positions; i++) {
            String position = "trial-" + trial + "/pos-" + i;
            for (int c = 0; c < colluders; c++) {
                symbols[c] = code.symbol(colluderKeys.get(c), position);
            }
            reads.add(new PositionRead(position, strategy.combine(symbols, random)));
        }
        double[] q = code.observedQ(reads);
        double bestColluder = Double.NEGATIVE_INFINITY;
        for (String colluder : colluderKeys) {
            bestColluder = Math.max(bestColluder, code.score(colluder, reads));
        }
        // the bound falls with the score, so the best innocent's bound is the smallest any innocent gets
        double bestInnocent = InnocentScores.max(q, innocents, 9_000L + trial);
        return new Trial(
                AccusationBound.falseAccusation(bestColluder, q), AccusationBound.falseAccusation(bestInnocent, q));
    }

    private List<Trial> trials(int colluders, int positions, Strategy strategy, int innocents) {
        List<Trial> results = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            results.add(trial(t, colluders, positions, strategy, innocents));
        }
        return results;
    }

    private static long accused(List<Trial> trials) {
        return trials.stream().filter(t -> t.bestColluderBound() < PER_MEMBER_THRESHOLD).count();
    }

    @Test
    @DisplayName("one leaker over 150 positions is accused below 1e-6/100,000 in most trials; the top of 10,000 innocents never is")
    void singleLeaker() {
        List<Trial> trials = trials(1, 150, MAJORITY, 10_000);
        // a leaker scores ≈ 98 ± 9 here and the bound crosses 1e-11 near 72, so a miss is rare but possible
        assertThat(accused(trials)).isGreaterThanOrEqualTo(18);
        assertThat(trials).allSatisfy(t -> assertThat(t.bestInnocentBound()).isGreaterThan(PER_MEMBER_THRESHOLD));
    }

    @Test
    @DisplayName("three colluders voting by majority over 1,500 positions: one is accused in most trials; no innocent of 2,000 is")
    void threeByMajority() {
        List<Trial> trials = trials(3, 1_500, MAJORITY, 2_000);
        // the best colluder scores ≈ 366 here and the bound crosses 1e-11 near 251
        assertThat(accused(trials)).isGreaterThanOrEqualTo(18);
        assertThat(trials).allSatisfy(t -> assertThat(t.bestInnocentBound()).isGreaterThan(PER_MEMBER_THRESHOLD));
    }

    @Test
    @DisplayName("three colluders choosing at random over 1,500 positions: one is accused in most trials; no innocent of 2,000 is")
    void threeByRandomChoice() {
        List<Trial> trials = trials(3, 1_500, RANDOM_CHOICE, 2_000);
        assertThat(accused(trials)).isGreaterThanOrEqualTo(18);
        assertThat(trials).allSatisfy(t -> assertThat(t.bestInnocentBound()).isGreaterThan(PER_MEMBER_THRESHOLD));
    }
}
