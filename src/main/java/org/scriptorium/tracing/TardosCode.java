package org.scriptorium.tracing;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Symmetric Tardos code (Škorić et al. 2008), derived from a keyed PRF so no per-member table is stored.
 *
 * <p>Each position has a secret bias p; each member holds the alternative symbol there with probability p. A leak
 * is scored per member by summing {@link #score(boolean, boolean, double)} over the positions read; an innocent
 * member's sum has mean 0 and variance 1 per position, and {@link AccusationBound} says how unlikely a high one is.
 * Thread-safe.
 */
public final class TardosCode {

    /**
     * The default cutoff t = 1/1200: Tardos' t = 1/(300c) for c = 4, the largest coalition the code is sized for.
     * It cuts only ≈ (4/π)·√t ≈ 3.7% of the arcsine mass, so positions near the ends that expose coalitions remain,
     * while one position adds at most √((1−t)/t) ≈ 35 to an innocent's score, which keeps the innocent tail light.
     */
    public static final double DEFAULT_CUTOFF = 1.0 / 1200;

    private final Prf prf;
    private final double cutoff;
    private final double minAngle;
    private final double angleRange;

    /**
     * @param prf the keyed PRF every bias and symbol derives from
     * @param cutoff t in (0, 0.5): biases lie in [t, 1 − t]
     * @throws IllegalArgumentException if the cutoff lies outside (0, 0.5)
     */
    public TardosCode(Prf prf, double cutoff) {
        this.prf = Objects.requireNonNull(prf, "prf");
        if (!(cutoff > 0 && cutoff < 0.5)) {
            throw new IllegalArgumentException("the cutoff must lie in (0, 0.5), not " + cutoff);
        }
        this.cutoff = cutoff;
        this.minAngle = Math.asin(Math.sqrt(cutoff));
        this.angleRange = Math.PI / 2 - 2 * minAngle;
    }

    /** The cutoff t: every bias lies in [t, 1 − t]. */
    public double cutoff() {
        return cutoff;
    }

    /**
     * The bias p of one position, arcsine-distributed on [t, 1 − t]: p = sin²(r), r uniform in
     * [asin √t, π/2 − asin √t], r from {@code prf.unit("bias", positionKey)}.
     */
    public double bias(String positionKey) {
        double r = minAngle + angleRange * prf.unit("bias", positionKey);
        double s = Math.sin(r);
        // sin² of the end angles can miss t by an ulp; the promise is [t, 1 − t]
        return Math.min(1 - cutoff, Math.max(cutoff, s * s));
    }

    /**
     * The symbol of one member at one position: {@code true} (the alternative) with probability
     * {@link #bias(String) bias}, from {@code prf.unit("symbol", memberKey, positionKey)}.
     */
    public boolean symbol(String memberKey, String positionKey) {
        return symbol(memberKey, positionKey, bias(positionKey));
    }

    private boolean symbol(String memberKey, String positionKey, double bias) {
        return prf.unit("symbol", memberKey, positionKey) < bias;
    }

    /**
     * The symmetric Tardos score of a member whose symbol is {@code memberSymbol} at a position with the given bias
     * where the leak shows {@code observed}. With q = P(symbol == observed) (q = p if observed, else 1 − p): a match
     * scores +√((1 − q)/q), a mismatch −√(q/(1 − q)). For an innocent member the mean is 0 and the variance 1.
     *
     * @throws IllegalArgumentException if the bias lies outside (0, 1)
     */
    public static double score(boolean observed, boolean memberSymbol, double bias) {
        double q = q(observed, bias);
        return memberSymbol == observed ? Math.sqrt((1 - q) / q) : -Math.sqrt(q / (1 - q));
    }

    /**
     * The summed score of one member over the positions read from a leak.
     *
     * @throws IllegalArgumentException if a position is read twice (the bound assumes independent positions)
     */
    public double score(String memberKey, List<PositionRead> reads) {
        Objects.requireNonNull(memberKey, "memberKey");
        requireDistinct(reads);
        double sum = 0;
        for (PositionRead read : reads) {
            double bias = bias(read.positionKey());
            sum += score(read.observed(), symbol(memberKey, read.positionKey(), bias), bias);
        }
        return sum;
    }

    /**
     * For each read, q = P(an innocent member's symbol == the observed one): the input to
     * {@link AccusationBound#falseAccusation(double, double[])}.
     *
     * @throws IllegalArgumentException if a position is read twice (the bound assumes independent positions)
     */
    public double[] observedQ(List<PositionRead> reads) {
        requireDistinct(reads);
        double[] q = new double[reads.size()];
        for (int i = 0; i < q.length; i++) {
            PositionRead read = reads.get(i);
            q[i] = q(read.observed(), bias(read.positionKey()));
        }
        return q;
    }

    /**
     * (π²/2)·c²·ln(1/ε₁): the asymptotic code length for c colluders and per-user error ε₁ (for reporting beside
     * the positions actually used; short codes and small c need somewhat more).
     *
     * @throws IllegalArgumentException if colluders &lt; 1 or the error lies outside (0, 1)
     */
    public static double theoreticalLength(int colluders, double perUserError) {
        if (colluders < 1) {
            throw new IllegalArgumentException("at least one colluder, not " + colluders);
        }
        if (!(perUserError > 0 && perUserError < 1)) {
            throw new IllegalArgumentException("the error must lie in (0, 1), not " + perUserError);
        }
        return Math.PI * Math.PI / 2 * colluders * colluders * Math.log(1 / perUserError);
    }

    private static double q(boolean observed, double bias) {
        if (!(bias > 0 && bias < 1)) {
            throw new IllegalArgumentException("a bias must lie in (0, 1), not " + bias);
        }
        return observed ? bias : 1 - bias;
    }

    private static void requireDistinct(List<PositionRead> reads) {
        Set<String> seen = new HashSet<>();
        for (PositionRead read : reads) {
            if (!seen.add(read.positionKey())) {
                throw new IllegalArgumentException("position read twice: " + read.positionKey());
            }
        }
    }
}
