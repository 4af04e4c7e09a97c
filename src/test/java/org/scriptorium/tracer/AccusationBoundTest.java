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

    /** The likelihood-ratio points of {@link Scorer}: a match ln((1 − ε)/q), a mismatch ln(ε/(1 − q)). */
    private static double[][] likelihoodPoints(double[] q) {
        double[][] points = new double[2][q.length];
        for (int i = 0; i < q.length; i++) {
            points[0][i] = Math.log((1 - Scorer.MISREAD) / q[i]);
            points[1][i] = Math.log(Scorer.MISREAD / (1 - q[i]));
        }
        return points;
    }

    @Test
    @DisplayName("the two-point bound holds over the tail of 200,000 simulated innocents, for the likelihood-ratio score")
    void twoPointValidAgainstSimulation() {
        for (double[] q : List.of(leakedQ(), rareSymbolQ())) {
            double[][] points = likelihoodPoints(q);
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            double[] scores = new double[200_000];
            for (int m = 0; m < scores.length; m++) {
                double sum = 0;
                for (int i = 0; i < q.length; i++) {
                    sum += random.nextDouble() < q[i] ? points[0][i] : points[1][i];
                }
                scores[m] = sum;
            }
            Arrays.sort(scores);
            for (double s : new double[] {-100, -50, -20, -10, 0, 5, 10, 20}) {
                int from = Arrays.binarySearch(scores, s);
                from = from >= 0 ? from : -from - 1;
                while (from > 0 && scores[from - 1] >= s) {
                    from--;
                }
                double tail = (scores.length - from) / (double) scores.length;
                assertThat(AccusationBound.tail(s, q, points[0], points[1])).as("score %f", s).isGreaterThanOrEqualTo(tail);
            }
        }
    }

    @Test
    @DisplayName("a leak matching a member at every position gets a bound near the exact chance Π q that an innocent matches them all")
    void twoPointAllMatch() {
        // positions where a match outscores a mismatch (q < 1 − ε), so that matching everywhere is the only highest score
        double[] q = Arrays.stream(leakedQ()).filter(x -> x < 1 - Scorer.MISREAD).toArray();
        double[][] points = likelihoodPoints(q);
        double all = 0;
        double logExact = 0;
        for (int i = 0; i < q.length; i++) {
            all += points[0][i];
            logExact += Math.log(q[i]);
        }
        double bound = AccusationBound.tail(all, q, points[0], points[1]);
        assertThat(Math.log(bound)).isGreaterThanOrEqualTo(logExact - 1e-9).isCloseTo(logExact, within(0.05));
        assertThat(AccusationBound.tail(all + 1, q, points[0], points[1])).as("beyond every possible score").isPositive()
                .isLessThan(1e-300);
    }

    @Test
    @DisplayName("the two-point bound is 1 up to the mean, falls as the score rises, and refuses bad input")
    void twoPointShape() {
        double[] q = rareSymbolQ();
        double[][] points = likelihoodPoints(q);
        double mean = 0;
        for (int i = 0; i < q.length; i++) {
            mean += q[i] * points[0][i] + (1 - q[i]) * points[1][i];
        }
        assertThat(AccusationBound.tail(mean, q, points[0], points[1])).isEqualTo(1.0);
        double previous = 1.0;
        for (double s = mean; s < 60; s += 2) {
            double bound = AccusationBound.tail(s, q, points[0], points[1]);
            assertThat(bound).as("score %f", s).isLessThanOrEqualTo(previous).isPositive();
            previous = bound;
        }
        assertThatThrownBy(() -> AccusationBound.tail(1, new double[] {0.5}, new double[] {1, 2}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccusationBound.tail(1, new double[] {1.0}, new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccusationBound.tail(Double.NaN, new double[] {0.5}, new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
