package org.scriptorium.tracer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.tracing.PositionRead;
import org.scriptorium.tracing.Prf;
import org.scriptorium.tracing.TardosCode;

class AccusationBoundTest {

    private final TardosCode code =
            new TardosCode(new Prf("accusation bound test key".getBytes(UTF_8)), TardosCode.DEFAULT_CUTOFF);

    /** q at 100 positions of a leak copied from one member's copy. */
    private double[] leakedQ() {
        List<PositionRead> reads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String position = "pos-" + i;
            reads.add(new PositionRead(position, code.symbol("the leaker", position)));
        }
        return code.observedQ(reads);
    }

    /** q at 100 positions where every tenth shows the rare symbol: the heavy right tail that strains a bound. */
    private double[] rareSymbolQ() {
        List<PositionRead> reads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String position = "pos-" + i;
            boolean rare = code.bias(position) < 0.5;
            reads.add(new PositionRead(position, i % 10 == 0 ? rare : code.symbol("the leaker", position)));
        }
        return code.observedQ(reads);
    }

    @Test
    @DisplayName("a score of 0 or less gets the bound 1")
    void nonPositiveScore() {
        double[] q = leakedQ();
        assertThat(AccusationBound.falseAccusation(0, q)).isEqualTo(1.0);
        assertThat(AccusationBound.falseAccusation(-7.5, q)).isEqualTo(1.0);
        assertThat(AccusationBound.falseAccusation(-1, new double[0])).isEqualTo(1.0);
    }

    @Test
    @DisplayName("the bound falls as the score rises, and stays above zero for any score")
    void monotone() {
        double[] q = leakedQ();
        double previous = 1.0;
        for (double s = 0.5; s <= 200; s += 0.5) {
            double bound = AccusationBound.falseAccusation(s, q);
            assertThat(bound).as("score %f", s).isLessThanOrEqualTo(previous).isPositive();
            previous = bound;
        }
        assertThat(AccusationBound.falseAccusation(1e9, q)).isPositive();
    }

    @Test
    @DisplayName("the bound holds over the tail of 200,000 simulated innocents at 100 positions, for an ordinary and a rare-symbol leak")
    void validAgainstSimulation() {
        for (double[] q : List.of(leakedQ(), rareSymbolQ())) {
            double[] scores = InnocentScores.simulate(q, 200_000, 20261129L);
            Arrays.sort(scores);
            for (double s : new double[] {1, 5, 10, 15, 20, 25, 30, 35, 40, 50}) {
                int from = Arrays.binarySearch(scores, s);
                from = from >= 0 ? from : -from - 1;
                while (from > 0 && scores[from - 1] >= s) {
                    from--;
                }
                double tail = (scores.length - from) / (double) scores.length;
                assertThat(AccusationBound.falseAccusation(s, q)).as("score %f", s).isGreaterThanOrEqualTo(tail);
            }
        }
        // and it is informative: four standard deviations of an ordinary leak are already rare
        assertThat(AccusationBound.falseAccusation(40, leakedQ())).isLessThan(1e-3);
    }

    @Test
    @DisplayName("for fair ±1 positions the bound equals Chernoff's closed form exp(−m·KL)")
    void closedForm() {
        double[] q = new double[100];
        Arrays.fill(q, 0.5);
        for (double s : new double[] {10, 30, 60, 90}) {
            double x = s / q.length;
            double kl = (1 + x) / 2 * Math.log(1 + x) + (1 - x) / 2 * Math.log(1 - x);
            assertThat(AccusationBound.falseAccusation(s, q))
                    .as("score %f", s)
                    .isCloseTo(Math.exp(-q.length * kl), within(1e-6 * Math.exp(-q.length * kl)));
        }
    }

    @Test
    @DisplayName("at one position the bound for its highest score is the exact tail q, never less")
    void onePositionExact() {
        // q = 0.2: an innocent matches with probability 0.2 and then scores √(0.8/0.2) = 2
        double bound = AccusationBound.falseAccusation(2.0, new double[] {0.2});
        assertThat(bound).isGreaterThanOrEqualTo(0.2).isCloseTo(0.2, within(1e-8));
        assertThat(AccusationBound.falseAccusation(2.5, new double[] {0.2})).isLessThan(1e-10);
    }

    @Test
    @DisplayName("a q outside (0, 1) or a NaN score is refused")
    void invalid() {
        for (double q : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> AccusationBound.falseAccusation(3, new double[] {0.5, q}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AccusationBound.falseAccusation(Double.NaN, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
