package org.scriptorium.tracing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TardosCodeTest {

    private final Prf prf = new Prf("tardos code test key".getBytes(UTF_8));
    private final TardosCode code = new TardosCode(prf, TardosCode.DEFAULT_CUTOFF);

    @Test
    @DisplayName("the default cutoff is Tardos' 1/(300c) for coalitions of four")
    void defaultCutoff() {
        assertThat(TardosCode.DEFAULT_CUTOFF).isCloseTo(1.0 / (300 * 4), within(1e-15));
        assertThat(code.cutoff()).isEqualTo(TardosCode.DEFAULT_CUTOFF);
    }

    @Test
    @DisplayName("a cutoff outside (0, 0.5) is refused")
    void badCutoff() {
        for (double t : new double[] {0, -0.1, 0.5, 0.7, Double.NaN}) {
            assertThatThrownBy(() -> new TardosCode(prf, t)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("every bias lies in [t, 1 − t], for the default cutoff and a wide one")
    void biasRange() {
        TardosCode wide = new TardosCode(prf, 0.2);
        for (int i = 0; i < 20_000; i++) {
            String position = "pos-" + i;
            assertThat(code.bias(position)).isBetween(TardosCode.DEFAULT_CUTOFF, 1 - TardosCode.DEFAULT_CUTOFF);
            assertThat(wide.bias(position)).isBetween(0.2, 0.8);
        }
    }

    @Test
    @DisplayName("biases follow the arcsine law: a U-shaped histogram, heaviest at the ends")
    void arcsineHistogram() {
        int positions = 20_000;
        int[] bins = new int[10];
        for (int i = 0; i < positions; i++) {
            bins[Math.min(9, (int) (code.bias("pos-" + i) * 10))]++;
        }
        double t = TardosCode.DEFAULT_CUTOFF;
        double r0 = Math.asin(Math.sqrt(t));
        for (int b = 0; b < 10; b++) {
            // P(p <= x) = (asin √x − asin √t) / (π/2 − 2·asin √t) on [t, 1 − t]
            double lo = Math.max(t, b / 10.0);
            double hi = Math.min(1 - t, (b + 1) / 10.0);
            double expected = (Math.asin(Math.sqrt(hi)) - Math.asin(Math.sqrt(lo))) / (Math.PI / 2 - 2 * r0);
            assertThat(bins[b] / (double) positions).as("bin %d", b).isCloseTo(expected, within(0.012));
        }
        // near the middle neighbouring bins differ by less than their noise, so the U is checked where it is steep
        assertThat(bins[0]).isGreaterThan(bins[1]);
        assertThat(bins[1]).isGreaterThan(bins[2]);
        assertThat(bins[9]).isGreaterThan(bins[8]);
        assertThat(bins[8]).isGreaterThan(bins[7]);
        assertThat(bins[0]).isGreaterThan(2 * bins[4]);
        assertThat(bins[9]).isGreaterThan(2 * bins[5]);
    }

    @Test
    @DisplayName("biases and symbols are fixed by the key: the same key repeats them, another key does not")
    void deterministic() {
        TardosCode same = new TardosCode(new Prf("tardos code test key".getBytes(UTF_8)), TardosCode.DEFAULT_CUTOFF);
        TardosCode other = new TardosCode(new Prf("another tardos test key".getBytes(UTF_8)), TardosCode.DEFAULT_CUTOFF);
        int differing = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(same.bias("pos-" + i)).isEqualTo(code.bias("pos-" + i));
            assertThat(same.symbol("m-1", "pos-" + i)).isEqualTo(code.symbol("m-1", "pos-" + i));
            if (other.bias("pos-" + i) != code.bias("pos-" + i)) {
                differing++;
            }
        }
        assertThat(differing).isEqualTo(100);
    }

    @Test
    @DisplayName("at a position, the share of 20,000 members holding the alternative is its bias, within 4σ")
    void symbolFrequency() {
        int members = 20_000;
        for (int i = 0; i < 5; i++) {
            String position = "freq-" + i;
            double p = code.bias(position);
            int alternatives = 0;
            for (int m = 0; m < members; m++) {
                if (code.symbol("member-" + m, position)) {
                    alternatives++;
                }
            }
            double sigma = Math.sqrt(p * (1 - p) / members);
            assertThat(alternatives / (double) members).as("bias %f", p).isCloseTo(p, within(4 * sigma));
        }
    }

    @Test
    @DisplayName("a match scores +√((1 − q)/q) and a mismatch −√(q/(1 − q)), q being the chance of the observed symbol")
    void scoreValues() {
        // bias 0.2: observing the alternative has q = 0.2, observing the default q = 0.8
        assertThat(TardosCode.score(true, true, 0.2)).isCloseTo(2.0, within(1e-12));
        assertThat(TardosCode.score(true, false, 0.2)).isCloseTo(-0.5, within(1e-12));
        assertThat(TardosCode.score(false, false, 0.2)).isCloseTo(0.5, within(1e-12));
        assertThat(TardosCode.score(false, true, 0.2)).isCloseTo(-2.0, within(1e-12));
        assertThatThrownBy(() -> TardosCode.score(true, true, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TardosCode.score(true, true, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an innocent member's score has mean 0 and variance 1 per position (400 members × 250 positions)")
    void innocentMoments() {
        int members = 400;
        int positions = 250;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < positions; i++) {
            String position = "moment-" + i;
            double p = code.bias(position);
            boolean observed = code.symbol("the leaker", position);
            for (int m = 0; m < members; m++) {
                double s = TardosCode.score(observed, code.symbol("member-" + m, position), p);
                sum += s;
                squares += s * s;
            }
        }
        double n = (double) members * positions;
        double mean = sum / n;
        // standard errors: 1/√n ≈ 0.003 for the mean, ≈ 0.02 for the variance (heavy fourth moment near the ends)
        assertThat(mean).isCloseTo(0, within(0.02));
        assertThat(squares / n - mean * mean).isCloseTo(1, within(0.1));
    }

    @Test
    @DisplayName("a member's summed score adds the per-position scores; observedQ gives each read's q")
    void summedScore() {
        List<PositionRead> reads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reads.add(new PositionRead("sum-" + i, i % 3 == 0));
        }
        double expected = 0;
        double[] q = code.observedQ(reads);
        for (int i = 0; i < reads.size(); i++) {
            PositionRead read = reads.get(i);
            double p = code.bias(read.positionKey());
            expected += TardosCode.score(read.observed(), code.symbol("member-7", read.positionKey()), p);
            assertThat(q[i]).isEqualTo(read.observed() ? p : 1 - p);
        }
        assertThat(code.score("member-7", reads)).isCloseTo(expected, within(1e-9));
        assertThat(code.score("member-7", List.of())).isZero();
    }

    @Test
    @DisplayName("a position read twice is refused: the bound counts positions as independent")
    void duplicateReads() {
        List<PositionRead> reads = List.of(new PositionRead("dup", true), new PositionRead("dup", false));
        assertThatThrownBy(() -> code.score("member-1", reads)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> code.observedQ(reads)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the theoretical length is (π²/2)·c²·ln(1/ε₁): ≈ 125 for one colluder, ≈ 500 for two at ε₁ = 1e-11")
    void theoreticalLength() {
        assertThat(TardosCode.theoreticalLength(1, 1e-11)).isCloseTo(125, within(125 * 0.01));
        assertThat(TardosCode.theoreticalLength(2, 1e-11)).isCloseTo(500, within(500 * 0.05));
        assertThat(TardosCode.theoreticalLength(4, 1e-11)).isCloseTo(2000, within(2000 * 0.05));
        assertThatThrownBy(() -> TardosCode.theoreticalLength(0, 1e-11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TardosCode.theoreticalLength(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
